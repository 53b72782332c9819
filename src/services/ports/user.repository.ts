/**
 * Accounts, their sessions and password-reset tokens, and the counters behind per-account
 * limits, as services see them.
 */
import type { Role } from '../../domain/roles.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string;
  passwordHash: string | null;
  timeZone: string;
  bio: string;
  avatarMediaId: string | null;
  roles: Role[];
  createdAt: string;
  /** When an administrator suspended the account (0018); null while it is active. */
  suspendedAt: string | null;
  suspendedReason: string;
}

export interface NewUser {
  id: string;
  username: string;
  usernameKey: string;
  displayName: string;
  email: string;
  passwordHash: string | null;
  timeZone: string;
  bio: string;
  roles: Role[];
  createdAt: string;
}

/** Which unique rule a new user broke: the sign-in key, the look-alike key or the e-mail. */
export type UserConflict = 'username' | 'lookalike' | 'email';

export interface UserRepository {
  /**
   * Inserts the user and their roles; also writes the look-alike key (domain
   * `usernameSkeleton`) so no insert can leave it out. Returns the broken unique rule instead
   * of throwing when the database refuses the row (a simultaneous sign-up won the race); in a
   * transaction the caller must then roll back (throw).
   */
  create(user: NewUser): Promise<UserConflict | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** By user name (compared by its key) or e-mail. */
  findByLogin(usernameKey: string, email: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Which of the sign-in key, the look-alike key and the e-mail existing users already have. */
  findTaken(
    usernameKey: string,
    usernameSkeleton: string,
    email: string,
  ): Promise<{ username: boolean; lookalike: boolean; email: boolean }>;
  listByIds(ids: readonly string[]): Promise<UserRecord[]>;
  listAll(): Promise<UserRecord[]>;
  findByUsername(username: string): Promise<UserRecord | null>;
  /** What readers may see of people (no e-mail, no roles), in the order of `ids`; one query. */
  publicProfiles(
    ids: readonly string[],
  ): Promise<
    { id: string; username: string; displayName: string; timeZone: string; bio: string }[]
  >;
  setRoles(userId: string, roles: readonly Role[]): Promise<void>;
  setPasswordHash(userId: string, hash: string): Promise<void>;
  count(): Promise<number>;
  /**
   * People whose display name, user name or e-mail contains `text` (case-insensitive for
   * ASCII letters; every user when empty), by display name then id, `limit` from `offset`.
   */
  search(query: { text: string; offset: number; limit: number }): Promise<UserRecord[]>;
  /** Suspends (`at`, `by`, `reason`) or reactivates (null) an account. */
  setSuspension(
    userId: string,
    suspension: { at: string; by: string; reason: string } | null,
  ): Promise<void>;
  /** The languages a reviewer may review (none: every language), sorted. */
  reviewLanguages(userId: string): Promise<string[]>;
  /** The review languages of each of `ids` (absent: none). */
  reviewLanguagesOf(ids: readonly string[]): Promise<Map<string, string[]>>;
  setReviewLanguages(userId: string, languages: readonly string[]): Promise<void>;
  /** The languages a person says they translate into, sorted. */
  translateLanguages(userId: string): Promise<string[]>;
  setTranslateLanguages(userId: string, languages: readonly string[]): Promise<void>;
  /** The profile fields a person edits themselves. */
  updateProfile(
    userId: string,
    profile: { displayName: string; bio: string; timeZone: string; avatarMediaId: string | null },
  ): Promise<void>;
}

export interface SessionRepository {
  /** Deletes the sessions and password-reset tokens expired at `now`; how many of each. */
  pruneExpired(now: string): Promise<{ sessions: number; passwordResets: number }>;
  create(session: {
    idHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The user of an unexpired session. */
  findUser(idHash: string, now: string): Promise<UserRecord | null>;
  delete(idHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  /** Ends every session of the user but the one of `keepIdHash`. */
  deleteOthersForUser(userId: string, keepIdHash: string): Promise<void>;
  createPasswordReset(reset: {
    tokenHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** Marks an unused, unexpired reset token used and returns its user id, or null. */
  consumePasswordReset(tokenHash: string, now: string): Promise<string | null>;
  /** Marks every unused reset token of the user used (revoked) at `now`. */
  revokePasswordResets(userId: string, now: string): Promise<void>;
  /**
   * Counts one hit on a fixed-window counter, atomically: a window that started after `since`
   * goes on (count + 1), an older one or none starts anew at `now` with count 1. Returns the
   * count and when the window started. Also drops this scope's windows that ended before
   * `since`.
   */
  countHit(
    counter: { scope: string; key: string },
    now: string,
    since: string,
  ): Promise<{ count: number; windowStart: string }>;
  /** Forgets a counter (after a successful sign-in, say). */
  clearCounter(counter: { scope: string; key: string }): Promise<void>;
}

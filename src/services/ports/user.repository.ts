/** Accounts and their sessions and password-reset tokens, as services see them. */
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

export interface UserRepository {
  create(user: NewUser): Promise<void>;
  findById(id: string): Promise<UserRecord | null>;
  /** By user name (compared by its key) or e-mail. */
  findByLogin(usernameKey: string, email: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  existsUsernameKeyOrEmail(
    usernameKey: string,
    email: string,
  ): Promise<{ username: boolean; email: boolean }>;
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
}

export interface SessionRepository {
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
  createPasswordReset(reset: {
    tokenHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** Marks an unused, unexpired reset token used and returns its user id, or null. */
  consumePasswordReset(tokenHash: string, now: string): Promise<string | null>;
}

/**
 * Sign-up, sign-in, sessions, sign-out and password reset. Session and reset tokens are
 * random 32-byte values; only their SHA-256 hashes are stored, so a database leak does not
 * leak live sessions. Sign-in, reset e-mails and sign-up are limited per account (or e-mail
 * address) here, whatever the client's network address (see account-limits.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError, ValidationError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import {
  isTimeZone,
  normalizeEmail,
  usernameKey,
  usernameProblems,
  usernameSkeleton,
} from '../../domain/user.js';
import type { Role } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { UserConflict, UserRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import { clearAttempts, countAttempt } from './account-limits.js';
import type { LimitedAction } from './account-limits.js';

export const signUpInput = z.object({
  username: z.string().trim(),
  displayName: z.string().trim().min(1, 'Display name is required').max(100),
  email: z.string().trim().email('E-mail address is not valid'),
  password: z.string().min(10, 'Password must be at least 10 characters').max(500),
  timeZone: z.string().default('UTC'),
  bio: z.string().trim().max(2000, 'Bio is too long (2000 characters at most)').default(''),
});
export type SignUpInput = z.input<typeof signUpInput>;

const RESET_HOURS = 2;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TAKEN: Record<UserConflict, FieldProblem> = {
  username: { field: 'username', message: 'This user name is already taken' },
  lookalike: {
    field: 'username',
    message:
      'This user name looks like one that is already taken (some letters of other scripts or symbols look the same); choose another',
  },
  email: { field: 'email', message: 'An account with this e-mail already exists' },
};

/**
 * Creates a user; throws ValidationError naming the field: a taken user name, one that looks
 * like a taken one (same UTS #39 skeleton), a taken e-mail, and so on. Two simultaneous
 * sign-ups of look-alike names: the database's unique index lets one in and the other gets the
 * same ValidationError.
 */
export async function createUser(
  deps: ServiceDeps,
  raw: SignUpInput,
  roles: Role[] = ['reader', 'translator'],
): Promise<UserRecord> {
  const input = parseInput(signUpInput, raw);
  const username = input.username.normalize('NFC');
  const problems: FieldProblem[] = [...usernameProblems(username)];
  if (!isTimeZone(input.timeZone))
    problems.push({ field: 'timeZone', message: `Unknown time zone "${input.timeZone}"` });
  const email = normalizeEmail(input.email);
  const key = usernameKey(username);
  const taken = await deps.store.users.findTaken(key, usernameSkeleton(username), email);
  if (problems.every((p) => p.field !== 'username')) {
    if (taken.username) problems.push(TAKEN.username);
    else if (taken.lookalike) problems.push(TAKEN.lookalike);
  }
  if (taken.email) problems.push(TAKEN.email);
  if (problems.length > 0) throw new ValidationError(problems);
  const id = deps.newId();
  const passwordHash = await deps.hasher.hash(input.password);
  // User row and roles are written together: a crash never leaves a user without roles.
  return deps.store.transaction(async (store) => {
    const conflict = await store.users.create({
      id,
      username,
      usernameKey: key,
      displayName: input.displayName.normalize('NFC'),
      email,
      passwordHash,
      timeZone: input.timeZone,
      bio: input.bio,
      roles,
      createdAt: deps.clock.now().toISOString(),
    });
    if (conflict) throw new ValidationError([TAKEN[conflict]]);
    const user = await store.users.findById(id);
    if (!user) throw new Error('user vanished after insert');
    return user;
  });
}

/**
 * Public sign-up: createUser with the sign-up limit per e-mail address counted first (throws
 * AccountLimitError over it). New accounts are readers, and translators too unless the site
 * turned that off (`translatorRoleAtSignUp`).
 */
export async function signUp(
  deps: ServiceDeps,
  raw: SignUpInput,
  roles?: Role[],
): Promise<UserRecord> {
  if (typeof raw.email === 'string' && raw.email.trim() !== '')
    await countAttempt(deps, 'signUpsPerEmail', normalizeEmail(raw.email));
  const granted: Role[] =
    roles ?? (deps.settings.translatorRoleAtSignUp ? ['reader', 'translator'] : ['reader']);
  return createUser(deps, raw, granted);
}

/** Opens a session; returns the raw token for the cookie. */
export async function startSession(deps: ServiceDeps, userId: string): Promise<string> {
  const token = newToken();
  const now = deps.clock.now();
  await deps.store.sessions.create({
    idHash: tokenHash(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.settings.sessionDays * 86_400_000).toISOString(),
  });
  return token;
}

/**
 * Checks a user name or e-mail and password. Throws `invalid_credentials` with the same
 * message whether the account exists or not. Every attempt on an existing account is counted
 * against it before the password is checked, and a success clears the count: past the limit of
 * failures the account's sign-in pauses (AccountLimitError, even with the right password) until
 * the window ends or the password is reset, whichever client address the attempts come from.
 */
export async function signIn(
  deps: ServiceDeps,
  login: string,
  password: string,
): Promise<{ user: UserRecord; token: string }> {
  const user = await deps.store.users.findByLogin(usernameKey(login.trim()), normalizeEmail(login));
  if (user) await countAttempt(deps, 'signInFailures', user.id);
  const ok = user?.passwordHash ? await deps.hasher.verify(user.passwordHash, password) : false;
  if (!user || !ok)
    throw new DomainError('invalid_credentials', 'User name, e-mail or password is wrong');
  await clearAttempts(deps, 'signInFailures', user.id);
  // Told only to whoever knows the password, so the form reveals nothing to others.
  if (user.suspendedAt !== null) throw new AccountSuspendedError();
  return { user, token: await startSession(deps, user.id) };
}

/**
 * The signed-in user for a session token, or null when absent, expired or the account is
 * suspended. This is the one place a request gets its user (the session plugin builds
 * `request.user` and `request.actor()` from it), so a suspended account can do nothing that
 * needs signing in — saving posts or translations included — even with a session it opened
 * before the suspension.
 */
export async function userForSession(
  deps: ServiceDeps,
  token: string | undefined,
): Promise<UserRecord | null> {
  if (!token) return null;
  const user = await deps.store.sessions.findUser(tokenHash(token), deps.clock.now().toISOString());
  return user && user.suspendedAt === null ? user : null;
}

/** The SHA-256 hash a session token is stored under (to keep one session and end the others). */
export function sessionHash(token: string): string {
  return tokenHash(token);
}

/**
 * Sign-in refused: the account is suspended. Carries `invalid_credentials` (no session is
 * opened, 401), with its own message for the form.
 */
export class AccountSuspendedError extends DomainError {
  constructor() {
    super('invalid_credentials', 'This account is suspended; ask an administrator');
    this.name = 'AccountSuspendedError';
  }
}

/** Ends the session of `token` (nothing when absent). */
export async function signOut(deps: ServiceDeps, token: string | undefined): Promise<void> {
  if (token) await deps.store.sessions.delete(tokenHash(token));
}

/**
 * Sends a reset link if the address belongs to an account. Answers the same either way so
 * the form cannot be used to discover accounts; the limit per address is counted either way
 * too (AccountLimitError over it). A new link revokes the account's older ones.
 */
export async function requestPasswordReset(deps: ServiceDeps, email: string): Promise<void> {
  const normalized = normalizeEmail(email);
  if (normalized === '') return;
  await countAttempt(deps, 'passwordResetRequests', normalized);
  const user = await deps.store.users.findByEmail(normalized);
  if (!user) return;
  const token = newToken();
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    await store.sessions.revokePasswordResets(user.id, now.toISOString());
    await store.sessions.createPasswordReset({
      tokenHash: tokenHash(token),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_HOURS * 3_600_000).toISOString(),
    });
  });
  const link = `${deps.settings.publicUrl}/password/reset/${token}`;
  await deps.mailer.send({
    to: user.email,
    subject: `${deps.settings.siteName}: reset your password`,
    text: `Hello ${user.displayName},\n\nSomeone (hopefully you) asked to reset your password on ${deps.settings.siteName}.\nOpen this link within ${RESET_HOURS} hours to choose a new one:\n\n${link}\n\nIf it was not you, ignore this message; your password stays as it is.\n`,
  });
}

/**
 * Sets a new password with a reset token; revokes the user's other reset links, signs out
 * every session of the user and ends a pause of their sign-in (they proved they own the
 * address).
 */
export async function resetPassword(
  deps: ServiceDeps,
  token: string,
  password: string,
): Promise<UserRecord> {
  const parsed = parseInput(z.object({ password: signUpInput.shape.password }), { password });
  return deps.store.transaction(async (store) => {
    const now = deps.clock.now().toISOString();
    const userId = await store.sessions.consumePasswordReset(tokenHash(token), now);
    if (!userId)
      throw new ValidationError([
        { field: 'token', message: 'This reset link is invalid, used or expired' },
      ]);
    await store.sessions.revokePasswordResets(userId, now);
    await store.users.setPasswordHash(userId, await deps.hasher.hash(parsed.password));
    await store.sessions.deleteForUser(userId);
    await store.sessions.clearCounter({
      scope: 'signInFailures' satisfies LimitedAction,
      key: userId,
    });
    const user = await store.users.findById(userId);
    if (!user) throw new Error('user vanished during reset');
    return user;
  });
}

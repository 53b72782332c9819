/**
 * People administration beyond roles (which stay in admin.service.ts): finding people a page
 * at a time, suspending and reactivating accounts, and limiting a reviewer to some languages.
 * Every change is audited in its own transaction. A suspension keeps the account's work
 * (posts, translations, proposals); it only stops the account from signing in or acting.
 */
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { UserRecord } from '../repositories.js';
import { recordAudit } from './audit.service.js';

export const USERS_PAGE_SIZE = 25;

/** A person as the users page lists them. */
export interface AdminUserRow extends UserRecord {
  /** Languages they may review (empty: every language). */
  reviewLanguages: string[];
}

function requireAdmin(actor: Actor): void {
  if (!can.manageUsers(actor)) throw new ForbiddenError('Only administrators can manage people');
}

/**
 * People whose name, user name or e-mail contains `query.q`, a page (1-based) at a time.
 * @throws ForbiddenError for anyone but an administrator.
 */
export async function searchUsers(
  deps: ServiceDeps,
  actor: Actor,
  query: { q?: string | undefined; page?: number | undefined } = {},
): Promise<{ users: AdminUserRow[]; q: string; page: number; hasNext: boolean }> {
  requireAdmin(actor);
  const q = (query.q ?? '').trim().slice(0, 200);
  const page = Number.isInteger(query.page) && (query.page ?? 0) > 0 ? (query.page ?? 1) : 1;
  const rows = await deps.store.users.search({
    text: q,
    offset: (page - 1) * USERS_PAGE_SIZE,
    limit: USERS_PAGE_SIZE + 1,
  });
  const users = rows.slice(0, USERS_PAGE_SIZE);
  const languages = await deps.store.users.reviewLanguagesOf(users.map((u) => u.id));
  return {
    users: users.map((u) => ({ ...u, reviewLanguages: languages.get(u.id) ?? [] })),
    q,
    page,
    hasNext: rows.length > USERS_PAGE_SIZE,
  };
}

/**
 * Suspends an account with a reason: it cannot sign in, its sessions end (and would be
 * refused anyway), its work stays. An administrator cannot suspend themselves.
 * @throws ValidationError (`reason` missing, or oneself), NotFoundError, DomainError
 * `invalid_transition` when already suspended.
 */
export async function suspendUser(
  deps: ServiceDeps,
  actor: Actor,
  userId: string,
  reason: string,
): Promise<void> {
  requireAdmin(actor);
  const why = reason.trim();
  if (userId === actor.id)
    throw new ValidationError([{ field: 'reason', message: 'You cannot suspend yourself' }]);
  if (why === '')
    throw new ValidationError([{ field: 'reason', message: 'Say why the account is suspended' }]);
  if (why.length > 500)
    throw new ValidationError([
      { field: 'reason', message: 'The reason is too long (500 characters at most)' },
    ]);
  await deps.store.transaction(async (store) => {
    const user = await store.users.findById(userId);
    if (!user) throw new NotFoundError('User');
    if (user.suspendedAt !== null)
      throw new DomainError('invalid_transition', 'This account is already suspended');
    await store.users.setSuspension(userId, {
      at: deps.clock.now().toISOString(),
      by: actor.id,
      reason: why,
    });
    await store.sessions.deleteForUser(userId);
    await recordAudit(deps, store, actor, {
      action: 'user.suspend',
      subject: { kind: 'user', id: userId, label: user.username },
      details: { reason: why },
    });
  });
}

/**
 * Lifts a suspension: the person can sign in again.
 * @throws NotFoundError, DomainError `invalid_transition` when the account is not suspended.
 */
export async function reactivateUser(
  deps: ServiceDeps,
  actor: Actor,
  userId: string,
): Promise<void> {
  requireAdmin(actor);
  await deps.store.transaction(async (store) => {
    const user = await store.users.findById(userId);
    if (!user) throw new NotFoundError('User');
    if (user.suspendedAt === null)
      throw new DomainError('invalid_transition', 'This account is not suspended');
    await store.users.setSuspension(userId, null);
    await recordAudit(deps, store, actor, {
      action: 'user.reactivate',
      subject: { kind: 'user', id: userId, label: user.username },
      details: { suspendedAt: user.suspendedAt, reason: user.suspendedReason },
    });
  });
}

/**
 * Limits a reviewer to some languages (empty: every language, the default). Editors and
 * administrators are never limited (see auth/review-rights.ts).
 * @throws ValidationError (`languages`: an invalid tag), NotFoundError.
 */
export async function setReviewLanguages(
  deps: ServiceDeps,
  actor: Actor,
  userId: string,
  languages: readonly string[],
): Promise<void> {
  requireAdmin(actor);
  const canonical: string[] = [];
  for (const tag of languages) {
    const c = canonicalLanguageTag(tag);
    if (!c)
      throw new ValidationError([
        { field: 'languages', message: `"${tag}" is not a valid language tag` },
      ]);
    if (!canonical.includes(c)) canonical.push(c);
  }
  canonical.sort();
  await deps.store.transaction(async (store) => {
    const user = await store.users.findById(userId);
    if (!user) throw new NotFoundError('User');
    const before = await store.users.reviewLanguages(userId);
    await store.users.setReviewLanguages(userId, canonical);
    await recordAudit(deps, store, actor, {
      action: 'user.review_languages',
      subject: { kind: 'user', id: userId, label: user.username },
      details: { before, after: canonical },
    });
  });
}

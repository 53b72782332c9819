/**
 * Per-language reviewer rights (migration 0018): an administrator may limit a reviewer to
 * some languages. A reviewer with none listed reviews every language, as before; editors and
 * administrators (who review by their higher role) are never limited.
 */
import { ForbiddenError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { Store } from '../repositories.js';

/** Whether `actor` may review translations into `language` (canonical tag). */
export async function reviewsLanguage(
  store: Pick<Store, 'users'>,
  actor: Actor,
  language: string,
): Promise<boolean> {
  if (!hasRole(actor, 'reviewer')) return false;
  if (hasRole(actor, 'editor')) return true;
  return reviewsLanguageGiven(actor, await store.users.reviewLanguages(actor.id), language);
}

/**
 * The same rule with the reviewer's languages already read (`users.reviewLanguagesOf`, for many
 * people at once, as the digests do).
 */
export function reviewsLanguageGiven(
  actor: Actor,
  reviewLanguages: readonly string[],
  language: string,
): boolean {
  if (!hasRole(actor, 'reviewer')) return false;
  if (hasRole(actor, 'editor')) return true;
  return reviewLanguages.length === 0 || reviewLanguages.includes(language);
}

/** @throws ForbiddenError when `actor` may not review translations into `language`. */
export async function requireReviewerOf(
  store: Pick<Store, 'users'>,
  actor: Actor,
  language: string,
): Promise<void> {
  if (!(await reviewsLanguage(store, actor, language)))
    throw new ForbiddenError(`You may not review translations into ${language}`);
}

/**
 * Dismissing a warning: the translator who saved the text (or a reviewer) says why it is
 * fine. Nothing is deleted — the finding keeps who, when and why; the first dismissal stands.
 */
import { z } from 'zod';
import { canonicalLanguageTag } from '../../domain/language.js';
import { DomainError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { parseInput } from '../validate.js';
import { present } from './stored-finding.js';
import type { StoredFinding } from './stored-finding.js';

/** Longest dismissal reason (characters), as migration 0011 checks. */
export const DISMISS_REASON_MAX = 500;

const reasonSchema = z.object({
  reason: z
    .string({ message: 'Say why this warning does not apply' })
    .trim()
    .min(1, 'Say why this warning does not apply')
    .max(DISMISS_REASON_MAX, `At most ${DISMISS_REASON_MAX} characters`),
});

export interface DismissFindingInput {
  translationId: string;
  unitId: string;
  findingId: string;
  reason: string;
}

/**
 * Dismisses one finding with a reason (required, ≤ 500 characters after trimming).
 * @throws ValidationError (`reason`); ForbiddenError unless the actor is a translator who
 *   saved the text, or a reviewer; NotFoundError when the finding is not of this unit of this
 *   translation; DomainError `conflict` when a newer check of the text replaced it.
 * Dismissing an already dismissed finding changes nothing and returns it as it is.
 */
export async function dismissFinding(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  input: DismissFindingInput,
): Promise<StoredFinding> {
  const { reason } = parseInput(reasonSchema, { reason: input.reason });
  if (!hasRole(actor, 'translator'))
    throw new ForbiddenError('Only translators can dismiss warnings');
  return deps.store.transaction(async (store) => {
    const found = await store.findings.findById(input.findingId);
    if (!found || found.translationId !== input.translationId || found.unitId !== input.unitId)
      throw new NotFoundError('Warning');
    if (found.savedBy !== actor.id && !hasRole(actor, 'reviewer'))
      throw new ForbiddenError(
        'Only the translator who saved this text, or a reviewer, can dismiss its warnings',
      );
    if (found.dismissal) return (await present(store, [found]))[0] ?? fail();
    if (found.supersededAt !== null)
      throw new DomainError(
        'conflict',
        'This warning was about an earlier check of the text; look at the current warnings',
      );
    const dismissal = { by: actor.id, at: deps.clock.now().toISOString(), reason };
    const done = await store.findings.dismiss(found.id, dismissal);
    const after = done ? { ...found, dismissal } : await store.findings.findById(found.id);
    return (await present(store, after ? [after] : []))[0] ?? fail();
  });
}

function fail(): never {
  throw new NotFoundError('Warning');
}

/**
 * dismissFinding for the editor's address (`/api/translate/:postId/:lang/units/:unitId/…`):
 * finds the post's translation into `language` first.
 * @throws NotFoundError when the post has no translation into that language; as dismissFinding.
 */
export async function dismissPostFinding(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  input: Omit<DismissFindingInput, 'translationId'> & { postId: string; language: string },
): Promise<StoredFinding> {
  const language = canonicalLanguageTag(input.language);
  const translation = language
    ? await deps.store.translations.findTranslation(input.postId, language)
    : null;
  if (!translation) throw new NotFoundError('Translation');
  return dismissFinding(deps, actor, {
    translationId: translation.id,
    unitId: input.unitId,
    findingId: input.findingId,
    reason: input.reason,
  });
}

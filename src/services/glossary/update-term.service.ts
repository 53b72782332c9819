/** Changing one glossary term (reviewers and editors), guarded against concurrent edits. */
import { DomainError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { GlossaryTermRecord } from '../repositories.js';
import { duplicateTerm } from './create-term.service.js';
import { requireGlossaryManager, validTerm } from './term-input.js';

/**
 * Changes a term, if nobody changed it since `baseUpdatedAt` (the time the form was shown).
 * @throws ForbiddenError; NotFoundError; ValidationError naming the field; DomainError
 *   `conflict` when someone else changed or deleted it meanwhile.
 */
export async function updateTerm(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { id: string; baseUpdatedAt: string; term: unknown },
): Promise<GlossaryTermRecord> {
  const manager = requireGlossaryManager(actor);
  const existing = await deps.store.glossary.findById(input.id);
  if (!existing) throw new NotFoundError('Glossary term');
  const pair = { sourceLanguage: existing.sourceLanguage, targetLanguage: existing.targetLanguage };
  const valid = validTerm(pair, input.term);
  const record: GlossaryTermRecord = {
    ...existing,
    ...valid,
    updatedBy: manager.id,
    updatedAt: deps.clock.now().toISOString(),
  };
  const outcome = await deps.store.glossary.updateIf(record, input.baseUpdatedAt);
  if (outcome === 'duplicate') throw duplicateTerm();
  if (outcome === 'stale')
    throw new DomainError(
      'conflict',
      'Someone changed or deleted this term after you opened it; reload the glossary and edit it again',
    );
  return record;
}

/** Adding one glossary term (reviewers and editors). */
import { ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { GlossaryTermRecord } from '../repositories.js';
import { languagePair, newTermRecord, requireGlossaryManager, validTerm } from './term-input.js';

/** The answer to a term the pair already has (same folded term and part of speech). */
export function duplicateTerm(): ValidationError {
  return new ValidationError([
    {
      field: 'term',
      message: 'The glossary already has this term with this part of speech',
    },
  ]);
}

/**
 * Adds a term to the pair `from` → `to`.
 * @throws ForbiddenError unless reviewer or editor; ValidationError naming the field (also
 *   `term` when the pair already has the term with that part of speech).
 */
export async function createTerm(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { from: string; to: string; term: unknown },
): Promise<GlossaryTermRecord> {
  const manager = requireGlossaryManager(actor);
  const pair = languagePair(input.from, input.to);
  const record = newTermRecord(deps, manager, pair, validTerm(pair, input.term));
  if (!(await deps.store.glossary.insert(record))) throw duplicateTerm();
  return record;
}

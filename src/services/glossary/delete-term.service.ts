/** Deleting one glossary term (reviewers and editors). */
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { GlossaryTermRecord } from '../repositories.js';
import { requireGlossaryManager } from './term-input.js';

/**
 * Deletes a term.
 * @throws ForbiddenError; NotFoundError when there is none.
 */
export async function deleteTerm(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { id: string },
): Promise<GlossaryTermRecord> {
  requireGlossaryManager(actor);
  const existing = await deps.store.glossary.findById(input.id);
  if (!existing || !(await deps.store.glossary.delete(input.id)))
    throw new NotFoundError('Glossary term');
  return existing;
}

/**
 * A pair's whole glossary, for export (src/interchange/glossary writes it as CSV or
 * TBX-Basic). Everyone signed in may export what they may read.
 */
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { GlossaryTermRecord, LanguagePair } from '../repositories.js';
import { languagePair, requireReader } from './term-input.js';

/** The most terms one export holds. */
export const GLOSSARY_EXPORT_LIMIT = 50_000;

/**
 * Every term of the pair `from` → `to` in term order.
 * @throws UnauthenticatedError; ValidationError on `from`/`to`; DomainError
 *   `payload_too_large` past GLOSSARY_EXPORT_LIMIT terms.
 */
export async function exportGlossary(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { from: string; to: string },
): Promise<{ pair: LanguagePair; terms: GlossaryTermRecord[] }> {
  requireReader(actor);
  const pair = languagePair(input.from, input.to);
  const terms = await deps.store.glossary.list(pair, {
    limit: GLOSSARY_EXPORT_LIMIT + 1,
    offset: 0,
  });
  if (terms.length > GLOSSARY_EXPORT_LIMIT)
    throw new DomainError(
      'payload_too_large',
      `A glossary export holds at most ${GLOSSARY_EXPORT_LIMIT} terms`,
    );
  return { pair, terms };
}

/**
 * The glossary terms found in one unit's source, for the editor's suggestions and the
 * quality checks: fetches only the pair's terms whose key is one of the source's words,
 * then matches them (src/domain/glossary/match.ts). Reads only.
 */
import { matchTerms, sourceLookupKeys } from '../../domain/glossary/index.js';
import type { GlossaryHit } from '../../domain/glossary/index.js';
import { plainText } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';

export type { GlossaryHit } from '../../domain/glossary/index.js';

/**
 * Hits with offsets into plainText(source) (codes stripped, UTF-16). An empty list when the
 * pair has no glossary, or the languages are the same.
 */
export async function glossaryMatches(
  deps: Pick<ServiceDeps, 'store'>,
  input: { sourceLanguage: string; targetLanguage: string; source: string },
): Promise<GlossaryHit[]> {
  if (input.sourceLanguage === input.targetLanguage) return [];
  const text = plainText(input.source);
  const keys = sourceLookupKeys(text, input.sourceLanguage);
  if (keys.length === 0) return [];
  const terms = await deps.store.glossary.findByLookupKeys(
    { sourceLanguage: input.sourceLanguage, targetLanguage: input.targetLanguage },
    keys,
  );
  if (terms.length === 0) return [];
  return matchTerms(text, input.sourceLanguage, terms);
}

/**
 * The machine translation a save started from, as the engine gave it (kept in mt_cache): the
 * server measures how much of a translation is unmodified machine text against this, never
 * against a copy the client sends.
 */
import { canonicalLanguageTag } from '../../domain/language.js';
import type { ServiceDeps } from '../deps.js';
import { isMtEngine } from '../ports/mt.js';
import { sourceHash } from './source-hash.js';

/** What the save says it started from. */
export interface CachedMachineTextInput {
  engine: string;
  sourceLanguage: string;
  targetLanguage: string;
  /** The tagged source the suggestion was made for. */
  source: string;
}

/**
 * The kept suggestion (tagged) `engine` gave for `source` in the pair, or null when there is
 * none (never suggested, another engine, an unknown engine or language tag).
 */
export async function cachedMachineText(
  deps: ServiceDeps,
  input: CachedMachineTextInput,
): Promise<string | null> {
  const from = canonicalLanguageTag(input.sourceLanguage);
  const to = canonicalLanguageTag(input.targetLanguage);
  if (!from || !to || !isMtEngine(input.engine)) return null;
  const hash = sourceHash(input.source);
  const [record] = await deps.store.mt.cached(input.engine, from, to, [hash]);
  return record && record.source === input.source ? record.result : null;
}

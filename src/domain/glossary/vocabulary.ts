/**
 * The glossary's vocabulary, written once: parts of speech (as TBX-Basic lists them), the
 * term shape matching needs, the hit it returns, and the limits a term's fields keep.
 */

/** Parts of speech (ISO 30042 TBX-Basic `partOfSpeech` picklist); `other` also means unknown. */
export const partsOfSpeech = [
  'noun',
  'verb',
  'adjective',
  'adverb',
  'properNoun',
  'other',
] as const;
export type PartOfSpeech = (typeof partsOfSpeech)[number];

/** True when `value` is one of partsOfSpeech. */
export function isPartOfSpeech(value: string): value is PartOfSpeech {
  return (partsOfSpeech as readonly string[]).includes(value);
}

/** What matching needs of a glossary term. */
export interface MatchableTerm {
  id: string;
  term: string;
  /** The approved translation; null for a do-not-translate term. */
  translation: string | null;
  definition: string;
  partOfSpeech: PartOfSpeech;
  note: string;
  caseSensitive: boolean;
  doNotTranslate: boolean;
  /** Translations that must not be used. */
  forbidden: readonly string[];
}

/** One glossary term found in a unit's source. */
export interface GlossaryHit {
  termId: string;
  term: string;
  /** Offsets into plainText(source) (codes stripped), UTF-16 code units; `end` exclusive. */
  start: number;
  end: number;
  /** The approved translation. */
  translation: string | null;
  /** Keep the term as it is. */
  doNotTranslate: boolean;
  /** Translations that must not be used. */
  forbidden: string[];
  definition: string;
  partOfSpeech: string;
  note: string;
}

/** Field limits of a term (characters); the services' schemas and the importers use them. */
export const TERM_LIMITS = {
  term: 200,
  translation: 200,
  definition: 2_000,
  note: 2_000,
  forbidden: 20,
  /** Words in one term (multi-word terms are matched word by word). */
  words: 12,
} as const;

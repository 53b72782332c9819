/**
 * The vocabulary of the quality checks: what a check reads (`CheckInput`), what it reports
 * (`Finding`), and the stable ids of the checks. Warnings only — the blocking code checks are
 * `checkTarget` in ../units/check.ts.
 */
import type { CodeInfo } from '../units/types.js';

/**
 * Every check id. Stable: stored with each finding and used as the catalog key
 * `checks.<id>`. The list grows (so the database does not constrain it, see 0011_findings).
 */
export const checkIds = [
  'numbers.missing',
  'numbers.extra',
  'urls.missing',
  'emails.missing',
  'punctuation.endMissing',
  'punctuation.endExtra',
  'punctuation.endDifferent',
  'punctuation.openingMissing',
  'spaces.leading',
  'spaces.trailing',
  'spaces.double',
  'spaces.betweenCjk',
  'brackets.unbalanced',
  'length.short',
  'length.long',
  'identical',
  'words.repeated',
  'codes.emptyLink',
  'codes.empty',
  'glossary.missing',
  'glossary.keep',
  'glossary.forbidden',
  'machine.unmodified',
] as const;
export type CheckId = (typeof checkIds)[number];

/** True for a check id this version knows. */
export function isCheckId(value: string): value is CheckId {
  return (checkIds as readonly string[]).includes(value);
}

/** Values a finding's message is formatted with (ICU MessageFormat arguments). */
export type FindingParams = Record<string, string | number>;

/**
 * One warning about a translator's text. `key` is the interface-catalog key
 * (`checks.<check>` in src/i18n/messages/checks.*.json), `message` the English text of it
 * formatted with `params`, so the editor can show it in the translator's language.
 */
export interface Finding {
  check: CheckId;
  key: string;
  message: string;
  params: FindingParams;
}

/**
 * What the glossary check needs of a glossary hit (the shape of `GlossaryHit` from
 * ../glossary, written here so the checks depend on nothing but these fields).
 */
export interface CheckGlossaryHit {
  termId: string;
  term: string;
  /** Offsets into plainText(source), UTF-16 code units; `end` exclusive. */
  start: number;
  end: number;
  /** The approved translation (null: none given). */
  translation: string | null;
  /** Keep the term as it is in the source. */
  doNotTranslate: boolean;
  /** Translations that must not be used. */
  forbidden: readonly string[];
}

/** Everything one run of the checks reads about a unit. */
export interface CheckInput {
  /** Tagged source and target (`Join <pc id="1">the session</pc>`). */
  source: string;
  target: string;
  /** The unit's codes (to tell links from other paired codes). */
  codes: Record<string, CodeInfo>;
  /** BCP 47 tags. */
  sourceLanguage: string;
  targetLanguage: string;
  /** Glossary terms found in the source (may be empty). */
  glossary: readonly CheckGlossaryHit[];
  /** The machine translation the translator started from, if any. */
  machine?: { text: string; engine: string } | null;
}

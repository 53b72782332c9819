/**
 * Text analysis for glossary matching: words by Intl.Segmenter (word granularity, so
 * Japanese, Chinese and Thai split by dictionary words), case folding in the text's own
 * language, stems where a stemmer exists, and the keys terms are stored and fetched by.
 * See README.md beside this file.
 */
import { stemmerFor } from './stemmers.js';
import type { Stemmer } from './stemmers.js';

/** One word of a text, with where it is and how matching compares it. */
export interface Word {
  /** The word as written (NFC). */
  raw: string;
  /** Lower case in the text's language (NFC). */
  folded: string;
  /** The stem of `folded` (equal to it where the language has no stemmer). */
  stem: string;
  /** Offsets in the analysed text (UTF-16), end exclusive. */
  start: number;
  end: number;
}

/** A text split into words and the text between them (separators). */
export interface Analysis {
  words: Word[];
  /** `between[i]` is the text between words i and i + 1, as typed. */
  between: string[];
  /** Text before the first word and after the last (e.g. the dot of ".NET", the `++` of C++). */
  prefix: string;
  suffix: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    if (segmenters.size > 200) segmenters.clear();
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** Lower case in `language` (Turkish dotted/dotless i, Greek final sigma…), NFC. */
export function fold(text: string, language: string): string {
  const nfc = text.normalize('NFC');
  try {
    return nfc.toLocaleLowerCase(language);
  } catch {
    return nfc.toLowerCase();
  }
}

/**
 * Separators compared loosely: any run of white space is one space, the Unicode hyphens
 * U+2010/U+2011 are the ASCII hyphen-minus, NFC.
 */
export function normalizeSeparator(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(/[\u2010\u2011]/gu, '-');
}

/**
 * Scripts written without spaces between words. Their segmentation is by dictionary and may
 * split a term differently inside a sentence than on its own, so such terms are also matched
 * as text aligned to word boundaries (see match.ts), and keyed by their first character.
 */
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** True when `text` has a character of a script written without spaces. */
export function hasNoSpaceScript(text: string): boolean {
  return NO_SPACE_SCRIPT.test(text);
}

/** Splits `text` into words (word-like segments) with their folded forms and stems. */
export function analyze(text: string, language: string, stem = stemmerFor(language)): Analysis {
  const words: Word[] = [];
  const between: string[] = [];
  let prefix = '';
  let lastEnd = 0;
  for (const part of segmenterFor(language).segment(text)) {
    if (!part.isWordLike) continue;
    const start = part.index;
    const gap = text.slice(lastEnd, start);
    if (words.length === 0) prefix = gap;
    else between.push(gap);
    words.push(word(part.segment, start, language, stem));
    lastEnd = start + part.segment.length;
  }
  return { words, between, prefix: words.length ? prefix : '', suffix: text.slice(lastEnd) };
}

function word(raw: string, start: number, language: string, stem: Stemmer | null): Word {
  const folded = fold(raw, language);
  return {
    raw: raw.normalize('NFC'),
    folded,
    stem: stem && !hasNoSpaceScript(folded) ? stem(folded) : folded,
    start,
    end: start + raw.length,
  };
}

/** The key a word is fetched by: its stem, or its first character in scripts without spaces. */
export function lookupKeyOf(w: Pick<Word, 'folded' | 'stem'>): string {
  const first = String.fromCodePoint(w.folded.codePointAt(0) ?? 0);
  return hasNoSpaceScript(first) ? first : w.stem;
}

/**
 * A term as the database keys it: `termKey` (folded, separators normalized, trimmed: unique
 * per pair and part of speech), `lookupKey` (its first word's key), `searchKey` (folded term
 * and translation, for the glossary page's search). Null when the term has no word at all.
 */
export function termKeys(
  term: string,
  translation: string | null,
  sourceLanguage: string,
  targetLanguage: string,
): { termKey: string; lookupKey: string; searchKey: string } | null {
  const analysis = analyze(term, sourceLanguage);
  const first = analysis.words[0];
  if (!first) return null;
  const termKey = normalizeSeparator(fold(term, sourceLanguage)).trim();
  const searchKey = [termKey, translation ? fold(translation, targetLanguage) : '']
    .filter(Boolean)
    .join('\n');
  return { termKey, lookupKey: lookupKeyOf(first), searchKey };
}

/** The distinct keys of every word of a source text: the terms worth fetching for it. */
export function sourceLookupKeys(text: string, language: string): string[] {
  return [...new Set(analyze(text, language).words.map(lookupKeyOf))];
}

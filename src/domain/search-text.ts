/**
 * How search sees text, the same on every engine: words by `Intl.Segmenter` in the text's
 * language, lower case in that language, accents folded (`foldAccents`), and each word's
 * match keys — its stem (Snowball, from `@orama/stemmers`, where the language has one) taken
 * both before and after folding, so "bibliotecas" meets "biblioteca", "Playbooks" meets
 * "playbook" and "maraton" meets "maratón". Indexing and queries both go through here; the
 * SQLite index stores these keys, PostgreSQL gets the folded text for its own configurations.
 */
import { analyze, hasNoSpaceScript } from './glossary/analyze.js';
import { stemmerFor } from './glossary/stemmers.js';

/**
 * The version of the rules below. Rows indexed under another version are re-indexed from
 * their stored text when the database is migrated (src/db/migrate.ts): bump it whenever
 * folding, segmentation or keys change.
 */
export const SEARCH_TEXT_VERSION = 1;

/** A query's words past this many are ignored (segmentation may split one typed word in more). */
export const MAX_SEARCH_TERMS = 32;

/** Scripts whose combining marks are accents a reader may leave out. */
const ACCENTED_BASE = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const MARK = /\p{M}/u;
/** The combining breve: Cyrillic й and ў are letters of their own, not и and у with an accent. */
const BREVE = '\u0306';

/**
 * The text with the accents of Latin, Greek and Cyrillic letters removed ("Maratón" →
 * "Maraton", "ά" → "α", "ё" → "е"; not the breve of "й"), NFC. Marks on other scripts are
 * kept: in Arabic, Hebrew, the Indic scripts or Thai they are vowels and parts of letters.
 * Case is kept. Letters that are not a base plus a mark ("ø", "ß", "ł") are left as they are.
 */
export function foldAccents(text: string): string {
  const decomposed = text.normalize('NFD');
  if (!MARK.test(decomposed)) return text.normalize('NFC');
  let out = '';
  let folding = false;
  let cyrillic = false;
  for (const char of decomposed) {
    if (MARK.test(char)) {
      if (!folding || (cyrillic && char === BREVE)) out += char;
      continue;
    }
    folding = ACCENTED_BASE.test(char);
    cyrillic = folding && CYRILLIC.test(char);
    out += char;
  }
  return out.normalize('NFC');
}

/** One word of a text as search compares it. */
export interface SearchWord {
  /** Offsets in the text (UTF-16), end exclusive. */
  start: number;
  end: number;
  /** Lower case in the text's language, accents folded. */
  folded: string;
  /** The match keys: stems of the word before and after folding (`folded` without a stemmer). */
  keys: readonly string[];
}

/** A word of a reader's query. */
export interface SearchTerm {
  folded: string;
  keys: readonly string[];
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The words of `text` in `language`, with their folded forms and keys; words without a letter
 * or digit are left out. An unknown language tag segments and lower-cases without locale rules.
 */
export function searchWords(text: string, language: string): SearchWord[] {
  const locale = knownLocale(language);
  const stem = stemmerFor(locale);
  const cache = new Map<string, { folded: string; keys: readonly string[] }>();
  const words: SearchWord[] = [];
  for (const [offset, piece] of pieces(text)) {
    for (const word of analyze(piece, locale, stem).words) {
      let known = cache.get(word.raw);
      if (!known) {
        const folded = foldAccents(word.folded);
        // Like analyze(), no stems for scripts without spaces.
        const stemOfFolded = stem && !hasNoSpaceScript(folded) ? stem(folded) : folded;
        known = { folded, keys: [...new Set([foldAccents(word.stem), stemOfFolded])] };
        if (cache.size < 10_000) cache.set(word.raw, known);
      }
      if (HAS_LETTER_OR_DIGIT.test(known.folded))
        words.push({ start: offset + word.start, end: offset + word.end, ...known });
    }
  }
  return words;
}

/** Characters per piece a long text is segmented in (see `pieces`). */
const PIECE = 1000;

/**
 * A long text in pieces of about PIECE characters cut after white space, with their offsets:
 * V8's Intl.Segmenter slows down more than linearly on long strings (a 100,000-character
 * body takes seconds in one piece, milliseconds in pieces), and no word spans white space.
 * Text without any for 4 × PIECE characters is cut there (between two UTF-16 surrogates never).
 */
function* pieces(text: string): Generator<[number, string]> {
  let at = 0;
  while (at < text.length) {
    let end = text.length;
    if (end - at > PIECE) {
      const space = text.slice(at + PIECE, at + 4 * PIECE).search(/\s/u);
      end = space === -1 ? at + PIECE : at + PIECE + space + 1;
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end += 1;
    }
    yield [at, text.slice(at, end)];
    at = end;
  }
}

/**
 * The terms of a reader's query (at most MAX_SEARCH_TERMS), analysed like the indexed text of
 * the same language. Operators and punctuation are not terms: only words are.
 */
export function searchTerms(text: string, language: string): SearchTerm[] {
  return searchWords(text, language)
    .slice(0, MAX_SEARCH_TERMS)
    .map(({ folded, keys }) => ({ folded, keys }));
}

/**
 * The words of `text` as the SQLite index stores them: each word's folded form and its keys,
 * separated by spaces (the FTS5 tokenizer splits them again).
 */
export function indexedWords(text: string, language: string): string {
  return searchWords(text, language)
    .map((w) => [...new Set([w.folded, ...w.keys])].join(' '))
    .join(' ');
}

/**
 * Whether `word` matches `term`: equal folded forms or a key in common; with `prefix`, also a
 * folded form that starts with the term's (the last word of a SQLite query).
 */
export function matchesTerm(word: SearchWord, term: SearchTerm, prefix = false): boolean {
  if (word.folded === term.folded) return true;
  if (prefix && word.folded.startsWith(term.folded)) return true;
  return word.keys.some((key) => term.keys.includes(key));
}

/** `language` when Intl knows the tag, else `und` (no locale rules). */
function knownLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'und';
  } catch {
    return 'und';
  }
}

/** Which analysis an engine's index stores (see SearchAnalysis). */
export type SearchAnalysisKind = 'words' | 'folded';

/**
 * A text's title and body as a search index stores them besides the text itself: the words
 * and stems (`indexedWords`, SQLite's FTS5 columns) or the accent-folded text (PostgreSQL's
 * configurations read it beside the text as written).
 */
export type SearchAnalysis =
  | { kind: 'words'; titleWords: string; bodyWords: string }
  | { kind: 'folded'; title: string; body: string };

/** The analysis of `kind` of a title and body in `language`. */
export function analyzeSearchText(
  kind: SearchAnalysisKind,
  language: string,
  title: string,
  body: string,
): SearchAnalysis {
  if (kind === 'words')
    return {
      kind,
      titleWords: indexedWords(title, language),
      bodyWords: indexedWords(body, language),
    };
  return { kind, title: foldAccents(title), body: foldAccents(body) };
}

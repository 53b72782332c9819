/**
 * The snippet of a search hit, cut from the original text (accents and case as written) and
 * marked word by word with the same rules the index matched by (search-text.ts), so every
 * engine marks "maratón" for the query "maraton" and "biblioteca" for "bibliotecas".
 *
 * The cost barely grows with the text's length: only a region of at most SNIPPET_REGION
 * characters is analysed (`snippetRegion`), found by one regular-expression search of the text
 * in lower case and a few small analyses to confirm the first match. A 200,000-character body
 * costs a few milliseconds, most of them lower-casing it, not the ~150 of analysing it all.
 */
import { hasNoSpaceScript } from './glossary/analyze.js';
import { foldAccents, matchesTerm, searchWords } from './search-text.js';
import type { SearchTerm, SearchWord } from './search-text.js';

/** A piece of a snippet: plain text, `marked` where it matched the query. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

export interface SnippetOptions {
  /** Words of context shown. */
  words: number;
  /** The last term also matches as a prefix (how SQLite searches). */
  prefixLast: boolean;
}

/** Hits looked at when choosing the window; a later one would rarely be a better window. */
const MAX_CANDIDATES = 500;

/**
 * A window of `options.words` words of `text` showing the most distinct terms (the earliest
 * such window, starting a few words before its first match), with `…` where text was cut and
 * the matching words marked. The first words, unmarked, when nothing matches; [] for a text
 * without words. In a text longer than SNIPPET_REGION the window is chosen within the region
 * that starts at the first match (`snippetRegion`).
 */
export function searchSnippet(
  text: string,
  language: string,
  terms: readonly SearchTerm[],
  options: SnippetOptions,
): SnippetPart[] {
  const region = snippetRegion(text, language, terms, options.prefixLast);
  const words = wordsOf(text, region, language);
  if (words.length === 0) return [];
  const size = Math.max(1, Math.floor(options.words));
  const last = terms.length - 1;
  const matched = words.map((word) =>
    terms.flatMap((term, i) =>
      matchesTerm(word, term, options.prefixLast && i === last) ? [i] : [],
    ),
  );
  const from = bestStart(matched, size);
  const to = Math.min(words.length, from + size);

  const parts: SnippetPart[] = [];
  const push = (piece: string, marked: boolean) => {
    if (piece === '') return;
    const previous = parts.at(-1);
    if (previous && previous.marked === marked && !marked) previous.text += piece;
    else parts.push({ text: piece, marked });
  };
  // Text left out before the window, by the window or by the region, is shown as `…`.
  const cutBefore = from > 0 || region.start > 0;
  let at = cutBefore ? (words[from]?.start ?? 0) : 0;
  if (cutBefore) push('…', false);
  for (let i = from; i < to; i += 1) {
    const word = words[i];
    if (!word) break;
    push(text.slice(at, word.start), false);
    push(text.slice(word.start, word.end), (matched[i]?.length ?? 0) > 0);
    at = word.end;
  }
  if (to === words.length && region.end === text.length) push(text.slice(at), false);
  else push('…', false);
  return parts;
}

/** The first word of the window: most distinct terms, then most matches, then earliest. */
function bestStart(matched: readonly (readonly number[])[], size: number): number {
  const lead = Math.floor(size / 4);
  const latest = Math.max(0, matched.length - size);
  let best = 0;
  let bestScore = -1;
  let candidates = 0;
  for (let hit = 0; hit < matched.length && candidates < MAX_CANDIDATES; hit += 1) {
    if ((matched[hit]?.length ?? 0) === 0) continue;
    candidates += 1;
    const start = Math.min(latest, Math.max(0, hit - lead));
    const seen = new Set<number>();
    let count = 0;
    for (const terms of matched.slice(start, start + size)) {
      if (terms.length > 0) count += 1;
      for (const term of terms) seen.add(term);
    }
    const score = seen.size * (size + 1) + count;
    if (score > bestScore) {
      best = start;
      bestScore = score;
    }
  }
  return best;
}

/** Characters of a text, at most, a snippet analyses: a window of words fits many times over. */
export const SNIPPET_REGION = 1_000;
/** Characters of context a region keeps before its first match, at most. */
const REGION_LEAD = 150;
/** Pieces of text analysed, at most, to confirm where the first match is. */
const MAX_PROBES = 64;
/** Possible matches looked at, at most (most of them pieces already analysed). */
const MAX_STEPS = 2_048;
/** Characters a piece analysed to confirm a possible match reaches either side of it. */
const PROBE_REACH = 64;
/**
 * Languages whose stemmer takes letters off the front of a word (stemmers.ts): Arabic "ال",
 * Indonesian "me-", "di-", "ber-", Irish mutations "bh", "t-". Their keys are looked for
 * anywhere in a word, every other needle only where a word starts.
 */
const PREFIX_STEMMING = new Set(['ar', 'id', 'ga']);

/** Offsets of a part of a text (UTF-16), end exclusive. */
export interface TextRegion {
  start: number;
  end: number;
}

/**
 * The part of `text` a snippet is chosen from, at most SNIPPET_REGION characters cut at white
 * space where there is some: the whole of a shorter text; else from a little before the first
 * word that matches a term (by matchesTerm), or from the first word when none is found (a hit
 * by its title). Matches are looked for in the text in lower case by one search for the terms'
 * folded forms and keys (`lookupPattern`), and confirmed by analysing the few words around
 * each, so the cost is a few native passes over the text, never an analysis of all of it. A
 * match that neither form is found in (the stemmer changed more than the last letter; Serbian
 * Cyrillic meeting Latin), or found past the budget (MAX_STEPS, MAX_PROBES), is not seen: the
 * region is then the first.
 */
export function snippetRegion(
  text: string,
  language: string,
  terms: readonly SearchTerm[],
  prefixLast: boolean,
): TextRegion {
  if (text.length <= SNIPPET_REGION) return { start: 0, end: text.length };
  const anchor = firstMatch(text, language, terms, prefixLast) ?? text.search(LETTER_OR_DIGIT);
  return regionAround(text, Math.max(0, anchor));
}

/** The words of `region` of `text`, with offsets in `text`. */
function wordsOf(text: string, region: TextRegion, language: string): SearchWord[] {
  const words = searchWords(text.slice(region.start, region.end), language);
  if (region.start === 0) return words;
  return words.map((w) => ({ ...w, start: w.start + region.start, end: w.end + region.start }));
}

const SPACE = /\s/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Where a word starts: not after a letter, digit or mark. */
const NOT_AFTER_WORD_CHAR = '(?<![\\p{L}\\p{N}\\p{M}])';
/** Characters a piece around a possible match extends over (word-internal punctuation too). */
const PIECE_CHAR = /[\p{L}\p{N}\p{M}\p{Pc}'’.:·]/u;
const MARK = /\p{M}/u;
const CASED = /[\p{Lu}\p{Lt}]/gu;
const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\/]/gu;

/** SNIPPET_REGION characters at most around `anchor`, cut after and before white space. */
function regionAround(text: string, anchor: number): TextRegion {
  let start = 0;
  if (anchor > REGION_LEAD) {
    const from = anchor - REGION_LEAD;
    const space = text.slice(from, anchor).search(SPACE);
    // Without white space, start at the anchor (the start of a word).
    start = space === -1 ? anchor : from + space + 1;
  }
  let end = start + SNIPPET_REGION;
  if (end >= text.length) return { start, end: text.length };
  let space = end;
  const lowest = start + SNIPPET_REGION / 2;
  while (space > lowest && !SPACE.test(text.charAt(space))) space -= 1;
  if (space > lowest) end = space;
  else if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return { start, end };
}

/**
 * The offset of the first word of `text` that matches one of `terms`, or null when none is
 * found within the budget (MAX_STEPS possible matches, MAX_PROBES small analyses).
 */
function firstMatch(
  text: string,
  language: string,
  terms: readonly SearchTerm[],
  prefixLast: boolean,
): number | null {
  const pattern = lookupPattern(terms, language, MARK.test(text));
  if (!pattern) return null;
  const lower = lookupCase(text, language);
  const verdicts = new Map<string, number>();
  let probes = 0;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const found = pattern.exec(lower);
    if (!found) return null;
    const piece = pieceAround(text, found.index, found.index + found[0].length);
    const key = text.slice(piece.start, piece.end);
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      if (probes === MAX_PROBES) return null;
      probes += 1;
      verdict = firstMatchingWord(key, language, terms, prefixLast);
      verdicts.set(key, verdict);
    }
    if (verdict !== -1) return piece.start + verdict;
    // No word of the piece matches any term: look on after it.
    pattern.lastIndex = Math.max(piece.end, found.index + 1);
  }
  return null;
}

/** The run of word characters around `start`…`end`, PROBE_REACH characters either side at most. */
function pieceAround(text: string, start: number, end: number): TextRegion {
  let from = start;
  while (from > start - PROBE_REACH && from > 0 && PIECE_CHAR.test(text.charAt(from - 1)))
    from -= 1;
  let to = end;
  while (to < end + PROBE_REACH && to < text.length && PIECE_CHAR.test(text.charAt(to))) to += 1;
  // A sentence's full stop is not part of its last word.
  while (to > end && '.:·'.includes(text.charAt(to - 1))) to -= 1;
  return { start: from, end: to };
}

/** The offset in `piece` of its first word matching a term, -1 for none. */
function firstMatchingWord(
  piece: string,
  language: string,
  terms: readonly SearchTerm[],
  prefixLast: boolean,
): number {
  const last = terms.length - 1;
  const word = searchWords(piece, language).find((w) =>
    terms.some((term, i) => matchesTerm(w, term, prefixLast && i === last)),
  );
  return word ? word.start : -1;
}

/**
 * One search, over the text in lower case (`lookupCase`), for what may be a match: each term's
 * folded form where a word starts (it matches a word equal to it or, for the last term,
 * starting with it); each key where a word starts, or anywhere in the PREFIX_STEMMING
 * languages; each key without its last letter where a word starts (stemmers change it: "city"
 * is keyed "citi"). A letter also matches its accented forms ("o": "ó", "ö"…); with `marks`,
 * combining marks may come between letters (vocalized Arabic and Hebrew meet their plain
 * spelling). Null when there is nothing to look for.
 */
function lookupPattern(
  terms: readonly SearchTerm[],
  language: string,
  marks: boolean,
): RegExp | null {
  const keysAnywhere = PREFIX_STEMMING.has(language.split('-', 1)[0]?.toLowerCase() ?? '');
  const { folds, variants } = accentFolds();
  const needles = new Map<string, boolean>();
  const add = (letters: readonly string[], wordStart: boolean) => {
    const needle = letters
      .map((c) => {
        const accented = variants.get(c);
        return accented ? `[${c}${accented}]` : c.replace(REGEXP_SPECIAL, '\\$&');
      })
      .join(marks ? '\\p{M}*' : '');
    if (needle === '' || needles.get(needle) === false) return;
    // Scripts without spaces have no word starts to see.
    needles.set(needle, wordStart && !hasNoSpaceScript(letters.join('')));
  };
  const lettersOf = (text: string) =>
    Array.from(lookupCase(text, language))
      .filter((c) => !MARK.test(c))
      .map((c) => folds.get(c) ?? c);
  for (const term of terms) {
    add(lettersOf(term.folded), true);
    for (const key of term.keys) {
      const letters = lettersOf(key);
      add(letters, !keysAnywhere);
      if (letters.length > 3) add(letters.slice(0, -1), true);
    }
  }
  const where = (wordStart: boolean) =>
    [...needles].filter(([, w]) => w === wordStart).map(([needle]) => needle);
  const alternatives = [];
  if (where(true).length > 0)
    alternatives.push(`${NOT_AFTER_WORD_CHAR}(?:${where(true).join('|')})`);
  if (where(false).length > 0) alternatives.push(where(false).join('|'));
  return alternatives.length === 0 ? null : new RegExp(alternatives.join('|'), 'gu');
}

/**
 * `text` in lower case in `language`, as searchWords lower-cases words, of the same length
 * (each offset is the original's): a character at a time where the whole would change length
 * ("İ" → "i̇"), such a character then also without its accent, or as it is. Every match is
 * confirmed by the real analysis, so a difference only costs a look.
 */
function lookupCase(text: string, language: string): string {
  const lower = lowerCase(text, language);
  if (lower.length === text.length) return lower;
  return text.replace(CASED, (c) => {
    const l = lowerCase(c, language);
    if (l.length === c.length) return l;
    const f = foldAccents(l);
    return f.length === c.length ? f : c;
  });
}

function lowerCase(text: string, language: string): string {
  try {
    return text.toLocaleLowerCase(language);
  } catch {
    return text.toLowerCase();
  }
}

interface AccentFolds {
  /** A letter with accents → the letter `foldAccents` makes of it ("ó" → "o"). */
  folds: Map<string, string>;
  /** A letter → its accented forms, for a character class ("o" → "òóôõö…"). */
  variants: Map<string, string>;
}

let accentTable: AccentFolds | undefined;

/**
 * The Latin, Greek and Cyrillic letters `foldAccents` changes into one other character ("ó" →
 * "o", "ё" → "е"), both ways; built once, from a few thousand characters.
 */
function accentFolds(): AccentFolds {
  if (accentTable) return accentTable;
  const folds = new Map<string, string>();
  const variants = new Map<string, string>();
  const ranges: [number, number][] = [
    [0x00c0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
    [0x0370, 0x052f], // Greek, Cyrillic, Cyrillic Supplement
    [0x1e00, 0x1fff], // Latin Extended Additional, Greek Extended
  ];
  for (const [from, to] of ranges)
    for (let code = from; code <= to; code += 1) {
      const char = String.fromCharCode(code);
      const folded = foldAccents(char);
      if (folded === char || folded.length !== 1) continue;
      folds.set(char, folded);
      variants.set(folded, (variants.get(folded) ?? '') + char);
    }
  accentTable = { folds, variants };
  return accentTable;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

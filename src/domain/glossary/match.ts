/**
 * Finding glossary terms in a unit's source text (the plain text, codes stripped): whole words
 * only, case folded unless the term is case-sensitive, inflected forms through the source
 * language's stemmer, multi-word terms word by word. Pure. See README.md beside this file.
 */
import { analyze, fold, hasNoSpaceScript, normalizeSeparator } from './analyze.js';
import type { Analysis, Word } from './analyze.js';
import { stemmerFor } from './stemmers.js';
import type { GlossaryHit, MatchableTerm } from './vocabulary.js';

interface Span {
  start: number;
  end: number;
}

/**
 * For a case-sensitive term: does the source word agree with the term's word in case where
 * their folded forms agree? `API` agrees with `APIs` (the shared `api` is written alike),
 * `Polish` does not with `polished`. Where folding changes a length (rare: `İ`), only the
 * identical word agrees.
 */
function caseAgrees(term: Word, source: Word): boolean {
  if (term.raw.length !== term.folded.length || source.raw.length !== source.folded.length)
    return term.raw === source.raw;
  let shared = 0;
  const limit = Math.min(term.folded.length, source.folded.length);
  while (shared < limit && term.folded[shared] === source.folded[shared]) shared += 1;
  return shared > 0 && term.raw.slice(0, shared) === source.raw.slice(0, shared);
}

function wordMatches(term: Word, source: Word, caseSensitive: boolean): boolean {
  const same = term.folded === source.folded || term.stem === source.stem;
  return same && (!caseSensitive || caseAgrees(term, source));
}

/** The span from word i to word j of the source, if the term's prefix and suffix surround it. */
function spanOf(
  text: string,
  source: Analysis,
  i: number,
  j: number,
  term: Analysis,
  language: string,
): Span | null {
  const first = source.words[i];
  const last = source.words[j];
  if (!first || !last) return null;
  const prefix = term.prefix.trimStart();
  const suffix = term.suffix.trimEnd();
  const start = first.start - prefix.length;
  const end = last.end + suffix.length;
  if (start < 0 || end > text.length) return null;
  if (fold(text.slice(start, first.start), language) !== fold(prefix, language)) return null;
  if (fold(text.slice(last.end, end), language) !== fold(suffix, language)) return null;
  return { start, end };
}

/** Word by word from source word i: the same words (or stems) with equivalent separators. */
function matchWords(
  text: string,
  source: Analysis,
  i: number,
  term: Analysis,
  t: MatchableTerm,
  language: string,
): Span | null {
  const n = term.words.length;
  if (i + n > source.words.length) return null;
  for (let k = 0; k < n; k += 1) {
    const termWord = term.words[k];
    const sourceWord = source.words[i + k];
    if (!termWord || !sourceWord || !wordMatches(termWord, sourceWord, t.caseSensitive))
      return null;
    if (k > 0) {
      const expected = normalizeSeparator(term.between[k - 1] ?? '');
      if (normalizeSeparator(source.between[i + k - 1] ?? '') !== expected) return null;
    }
  }
  return spanOf(text, source, i, i + n - 1, term, language);
}

/**
 * For terms in scripts written without spaces: the term's words joined as text, compared with
 * the source's words from i onwards joined the same way, so a dictionary segmenter that splits
 * `翻訳メモリ` differently inside a sentence still finds it — start and end on word boundaries.
 */
function matchText(
  text: string,
  source: Analysis,
  i: number,
  term: Analysis,
  t: MatchableTerm,
  language: string,
): Span | null {
  const form = (w: Word) => (t.caseSensitive ? w.raw : w.folded);
  const joined = (a: Analysis, from: number, to: number) => {
    let out = '';
    for (let k = from; k <= to; k += 1) {
      if (k > from) out += normalizeSeparator(a.between[k - 1] ?? '');
      const w = a.words[k];
      if (w) out += form(w);
    }
    return out;
  };
  const wanted = joined(term, 0, term.words.length - 1);
  let got = '';
  for (let j = i; j < source.words.length && got.length < wanted.length; j += 1) {
    got = joined(source, i, j);
    if (got === wanted) return spanOf(text, source, i, j, term, language);
  }
  return null;
}

interface Found extends Span {
  term: MatchableTerm;
}

/**
 * Every glossary term found in `text` (a unit's plain text) written in `language`. Where hits
 * overlap, the leftmost wins, then the longest ("remote buddy" over "buddy"); terms found at
 * exactly the same place (one word, two parts of speech) are all kept. Sorted by position.
 */
export function matchTerms(
  text: string,
  language: string,
  terms: readonly MatchableTerm[],
): GlossaryHit[] {
  const stem = stemmerFor(language);
  const source = analyze(text, language, stem);
  const found: Found[] = [];
  for (const t of terms) {
    const term = analyze(t.term, language, stem);
    if (term.words.length === 0) continue;
    const asText = hasNoSpaceScript(t.term);
    for (let i = 0; i < source.words.length; i += 1) {
      const span =
        matchWords(text, source, i, term, t, language) ??
        (asText ? matchText(text, source, i, term, t, language) : null);
      if (span) found.push({ ...span, term: t });
    }
  }
  found.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - a.end ||
      a.term.term.localeCompare(b.term.term) ||
      a.term.id.localeCompare(b.term.id),
  );
  const kept: Found[] = [];
  let reach = 0;
  for (const f of found) {
    const last = kept.at(-1);
    const sameSpan = last !== undefined && last.start === f.start && last.end === f.end;
    if (sameSpan) {
      if (last.term.id !== f.term.id) kept.push(f);
    } else if (f.start >= reach) {
      kept.push(f);
      reach = f.end;
    }
  }
  return kept.map((f) => ({
    termId: f.term.id,
    term: f.term.term,
    start: f.start,
    end: f.end,
    translation: f.term.translation,
    doNotTranslate: f.term.doNotTranslate,
    forbidden: [...f.term.forbidden],
    definition: f.term.definition,
    partOfSpeech: f.term.partOfSpeech,
    note: f.term.note,
  }));
}

/**
 * End punctuation: the source ends with a full stop, question or exclamation mark, colon,
 * semicolon or ellipsis and the translation doesn't (or with another one), or the other way
 * round — each language's own marks counted as the same: `。` and `۔` and `।` are full
 * stops, `؟` and `？` question marks, a Greek `;` is a question mark. Spanish opens its
 * questions and exclamations with `¿` `¡`.
 */
import { finding } from './messages.js';
import { PLACEHOLDER, baseLanguage, dominantScript, sentences } from './text.js';
import type { Finding } from './types.js';

/** What a text ends with. */
export type EndClass =
  'stop' | 'question' | 'exclamation' | 'colon' | 'semicolon' | 'ellipsis' | 'none';

const MARKS: Readonly<Record<string, EndClass>> = {
  '.': 'stop',
  '。': 'stop',
  '｡': 'stop',
  '．': 'stop',
  '۔': 'stop', // Urdu full stop
  '։': 'stop', // Armenian full stop
  '।': 'stop', // danda (Devanagari, Bengali…)
  '॥': 'stop',
  '።': 'stop', // Ethiopic full stop
  '။': 'stop', // Myanmar
  '។': 'stop', // Khmer
  '៕': 'stop',
  '?': 'question',
  '？': 'question',
  '؟': 'question', // Arabic, Persian, Urdu
  '፧': 'question', // Ethiopic
  '՞': 'question', // Armenian (usually on the word; sometimes last)
  '!': 'exclamation',
  '！': 'exclamation',
  '՜': 'exclamation', // Armenian
  ':': 'colon',
  '：': 'colon',
  '፦': 'colon', // Ethiopic preface colon
  ';': 'semicolon',
  '；': 'semicolon',
  '؛': 'semicolon', // Arabic semicolon
  '…': 'ellipsis',
  '‥': 'ellipsis',
  '⋯': 'ellipsis',
};

/**
 * Closing quotes, brackets and standalone codes that may follow the final mark. At the end of
 * a text `“` and `«` close too (German „…“, Danish and German »…«).
 */
const CLOSERS = new Set([...`"'”’“»«›‹」』）)]】〕〉》`, PLACEHOLDER]);

/** The final mark of `text` in `language` and its class. */
export function endOf(text: string, language: string): { mark: string; kind: EndClass } {
  let chars = [...text.normalize('NFC').trimEnd()];
  while (chars.length > 0 && (CLOSERS.has(chars.at(-1) ?? '') || /\s/u.test(chars.at(-1) ?? '')))
    chars = chars.slice(0, -1);
  const end = chars.join('');
  if (end.endsWith('...')) return { mark: '...', kind: 'ellipsis' };
  const last = chars.at(-1) ?? '';
  const lang = baseLanguage(language);
  // Greek writes its question mark as `;` (U+037E, which NFC turns into `;`) and its
  // semicolon as the raised dot `·`.
  if (lang === 'el' && last === ';') return { mark: last, kind: 'question' };
  if (lang === 'el' && (last === '·' || last === '\u0387'))
    return { mark: last, kind: 'semicolon' };
  // Armenian keyboards often give `:` for the full stop `։`.
  if (lang === 'hy' && last === ':') return { mark: last, kind: 'stop' };
  return { mark: last, kind: MARKS[last] ?? 'none' };
}

/** Thai ends sentences with a space, not a mark: a full stop and none are the same there. */
function isThai(text: string, language: string): boolean {
  return baseLanguage(language) === 'th' || dominantScript(text) === 'thai';
}

/** Armenian puts `՞` and `՜` on the stressed word and ends the sentence with `։`. */
function armenianEquivalent(end: EndClass, other: EndClass, text: string): boolean {
  if (other !== 'stop') return false;
  return (
    (end === 'question' && text.includes('՞')) || (end === 'exclamation' && text.includes('՜'))
  );
}

/** `punctuation.endMissing` / `endExtra` / `endDifferent`: the two texts end differently. */
export function checkEndPunctuation(input: {
  source: string;
  target: string;
  sourceLanguage: string;
  targetLanguage: string;
}): Finding[] {
  if (input.source.trim() === '' || input.target.trim() === '') return [];
  const source = endOf(input.source, input.sourceLanguage);
  const target = endOf(input.target, input.targetLanguage);
  let s = source.kind;
  let t = target.kind;
  if (isThai(input.source, input.sourceLanguage) || isThai(input.target, input.targetLanguage)) {
    if (s === 'stop') s = 'none';
    if (t === 'stop') t = 'none';
  }
  if (s === t) return [];
  if (baseLanguage(input.targetLanguage) === 'hy' && armenianEquivalent(s, t, input.target))
    return [];
  if (baseLanguage(input.sourceLanguage) === 'hy' && armenianEquivalent(t, s, input.source))
    return [];
  if (t === 'none') return [finding('punctuation.endMissing', { mark: source.mark })];
  if (s === 'none') return [finding('punctuation.endExtra', { mark: target.mark })];
  return [finding('punctuation.endDifferent', { source: source.mark, target: target.mark })];
}

/** Languages that open questions and exclamations with inverted marks. */
const INVERTED_OPENING = new Set(['es', 'ast']);

/** `punctuation.openingMissing`: a Spanish sentence ends with `?` or `!` but never opens it. */
export function checkOpeningMarks(target: string, targetLanguage: string): Finding[] {
  if (!INVERTED_OPENING.has(baseLanguage(targetLanguage))) return [];
  const findings: Finding[] = [];
  const pairs = [
    ['?', '¿'],
    ['!', '¡'],
  ] as const;
  for (const [closing, mark] of pairs) {
    const lacking = sentences(target, targetLanguage).some(
      (sentence) => sentence.includes(closing) && !sentence.includes(mark),
    );
    if (lacking) findings.push(finding('punctuation.openingMissing', { mark, closing }));
  }
  return findings;
}

/**
 * Text helpers the checks share: the visible text of a tagged string, locales that never
 * throw, case folding, word tokens and grapheme counts (Intl.Segmenter), and the dominant
 * script of a text. Pure.
 */
import { tokenizeTagged } from '../units/tagged.js';

/** Stands in for a standalone code (`<ph/>`): neither a space, a digit nor a letter. */
export const PLACEHOLDER = '\uFFFC';

/**
 * The text a reader sees, for checking: paired code tags removed (their content stays),
 * each standalone code replaced by U+FFFC (so `at <ph id="2"/> now` has no double space and
 * `<ph/>` never joins two numbers), entities decoded. Never throws.
 */
export function visibleText(tagged: string): string {
  return tokenizeTagged(tagged)
    .map((token) => {
      if (token.type === 'text') return token.value;
      if (token.type === 'ph') return PLACEHOLDER;
      if (token.type === 'bad') return token.raw;
      return '';
    })
    .join('');
}

const localeCache = new Map<string, string>();

/** `tag` as a locale Intl accepts; `und` (root) for a tag it refuses. */
export function safeLocale(tag: string): string {
  const cached = localeCache.get(tag);
  if (cached !== undefined) return cached;
  let locale = 'und';
  try {
    locale = Intl.getCanonicalLocales(tag)[0] ?? 'und';
  } catch {
    locale = 'und';
  }
  localeCache.set(tag, locale);
  return locale;
}

/** The language subtag of `tag` (`es-AR` → `es`, `sr-Cyrl` → `sr`). */
export function baseLanguage(tag: string): string {
  const locale = safeLocale(tag);
  return locale === 'und' ? 'und' : new Intl.Locale(locale).language;
}

/** Case-folded for comparing: NFC, then lower case by the language's rules (Turkish ı/i). */
export function fold(text: string, language: string): string {
  const locale = safeLocale(language);
  return text.normalize('NFC').toLocaleLowerCase(locale === 'und' ? undefined : locale);
}

/** One word of a text, as Intl.Segmenter finds it. */
export interface WordToken {
  word: string;
  /** UTF-16 offset into the text. */
  index: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string, granularity: 'word' | 'grapheme' | 'sentence') {
  const locale = safeLocale(language);
  const id = `${locale}\u0000${granularity}`;
  let found = segmenters.get(id);
  if (!found) {
    found = new Intl.Segmenter(locale === 'und' ? undefined : locale, { granularity });
    segmenters.set(id, found);
  }
  return found;
}

/** The word-like segments of `text` (Intl.Segmenter; dictionary-based for CJK and Thai). */
export function wordTokens(text: string, language: string): WordToken[] {
  const words: WordToken[] = [];
  for (const s of segmenter(language, 'word').segment(text)) {
    if (s.isWordLike) words.push({ word: s.segment, index: s.index });
  }
  return words;
}

/** The sentences of `text` (Intl.Segmenter). */
export function sentences(text: string, language: string): string[] {
  return [...segmenter(language, 'sentence').segment(text)].map((s) => s.segment);
}

/** User-perceived characters (grapheme clusters): `é` or a Devanagari syllable count once. */
export function graphemeCount(text: string): number {
  return [...segmenter('und', 'grapheme').segment(text)].length;
}

/**
 * Script groups the checks tell apart. `japanese` is Han mixed with kana, `han` Han alone
 * (Chinese); the rest are Unicode scripts; `other` covers every script not listed.
 */
export type ScriptGroup =
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'armenian'
  | 'arabic'
  | 'hebrew'
  | 'devanagari'
  | 'thai'
  | 'hangul'
  | 'japanese'
  | 'han'
  | 'other';

const SCRIPTS: readonly [ScriptGroup | 'kana', RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['armenian', /\p{Script=Armenian}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['thai', /\p{Script=Thai}/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['han', /\p{Script=Han}/u],
];

/**
 * The script most letters of `text` are written in; `null` when it has no letters. Kana
 * anywhere among Han makes it `japanese` (Japanese mixes kanji and kana; Chinese has none).
 */
export function dominantScript(text: string): ScriptGroup | null {
  const counts = new Map<ScriptGroup | 'kana', number>();
  let letters = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    const group = SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'other';
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  if (letters === 0) return null;
  const kana = counts.get('kana') ?? 0;
  if (kana > 0) {
    counts.set('japanese', kana + (counts.get('han') ?? 0));
    counts.delete('kana');
    counts.delete('han');
  }
  let best: ScriptGroup = 'other';
  let most = 0;
  for (const [group, count] of counts) {
    if (group !== 'kana' && count > most) {
      best = group;
      most = count;
    }
  }
  return best;
}

/** Han, kana and the CJK punctuation and full-width forms: text written without spaces. */
export const CJK_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF01-\uFF60ー]/u;

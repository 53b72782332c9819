/**
 * Numbers compared as numbers, by each language's own conventions: `1,000` (English) equals
 * `1.000` (German), `1 000` (French) and `١٬٠٠٠` (Arabic-Indic digits); `1.000` in English
 * is one, so a German `1.000` for it is a different number. Separators come from
 * `Intl.NumberFormat(…).formatToParts` for the language and the digits' numbering system,
 * and digits of every decimal numbering system ICU knows are read — no table of locales.
 */
import { finding } from './messages.js';
import { safeLocale } from './text.js';
import type { Finding } from './types.js';

/** A number found in a text: as written, and its value in canonical form (`1000`, `3.5`). */
export interface NumberToken {
  text: string;
  value: string;
}

interface Digit {
  value: number;
  system: string;
}

let digitMap: Map<string, Digit> | null = null;

/** Every decimal digit ICU formats (latn, arab, arabext, deva, fullwide…), to its value. */
function digits(): Map<string, Digit> {
  if (digitMap) return digitMap;
  const map = new Map<string, Digit>();
  for (const system of ['latn', ...Intl.supportedValuesOf('numberingSystem')]) {
    const format = new Intl.NumberFormat('en', { numberingSystem: system, useGrouping: false });
    if (format.resolvedOptions().numberingSystem !== system) continue;
    for (let value = 0; value <= 9; value++) {
      const char = format.format(value);
      // Only real decimal digits: hanidec's 一二三 are letters in Japanese and Chinese text.
      if ([...char].length === 1 && /^\p{Nd}$/u.test(char) && !map.has(char))
        map.set(char, { value, system });
    }
  }
  digitMap = map;
  return map;
}

/** Spaces used to group digits: ASCII space, no-break space, narrow no-break and thin space. */
const SPACE_GROUPS = [' ', '\u00A0', '\u202F', '\u2009'];
/** Only these deliberate group spaces are read as grouping where the language groups otherwise. */
const HARD_SPACES = ['\u00A0', '\u202F', '\u2009'];

/** How a number is written: the characters that group digits and the decimal mark. */
interface Convention {
  groups: readonly string[];
  decimal: string;
}

/**
 * The other ways numbers are commonly written, tried when a number does not read in the
 * language's own convention (an English `3.5` in a German text; Latin digits with Arabic
 * separators): these are separator conventions, not locales.
 */
const FALLBACKS: readonly Convention[] = [
  { groups: [','], decimal: '.' },
  { groups: ['.'], decimal: ',' },
  { groups: ['\u066C'], decimal: '\u066B' },
  { groups: HARD_SPACES, decimal: ',' },
  { groups: ["'", '’'], decimal: '.' },
];

const conventions = new Map<string, Convention>();

/** The language's convention for digits of `system`, from Intl.NumberFormat. */
function conventionOf(language: string, system: string): Convention {
  const locale = safeLocale(language);
  const id = `${locale}\u0000${system}`;
  const cached = conventions.get(id);
  if (cached) return cached;
  const parts = new Intl.NumberFormat(locale === 'und' ? 'en' : locale, {
    numberingSystem: system,
  }).formatToParts(1234567.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  let groups: readonly string[] = [group];
  if (/^\s$/u.test(group)) groups = SPACE_GROUPS;
  else if (group === "'" || group === '’') groups = ["'", '’'];
  else groups = [group, ...HARD_SPACES];
  const convention = { groups, decimal };
  conventions.set(id, convention);
  return convention;
}

const SEPARATORS = `.,'’\u066B\u066C\u00A0\u202F\u2009 `;
const TOKEN = new RegExp(`\\p{Nd}+(?:[${SEPARATORS}]\\p{Nd}+)*`, 'gu');
const SEPARATOR = new RegExp(`[${SEPARATORS}]`, 'u');

/** `int` and `fraction` in canonical form: no leading zeros, no trailing fraction zeros. */
function canonical(int: string, fraction = ''): string {
  const i = int.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f === '' ? i : `${i}.${f}`;
}

/**
 * Reads digit runs and the separators between them in one convention; null when they don't
 * form one number there (a group of four digits, two decimal marks, a foreign separator).
 * Groups after the first have three digits, or two (Indian 12,34,567) before the last.
 */
function readAs(runs: readonly string[], seps: readonly string[], c: Convention): string | null {
  const first = runs[0] ?? '';
  if (seps.length === 0) return canonical(first);
  if (c.groups.includes(seps[0] ?? '') && first.length > 3) return null;
  let int = first;
  for (let k = 0; k < seps.length; k++) {
    const sep = seps[k] ?? '';
    const run = runs[k + 1] ?? '';
    const last = k === seps.length - 1;
    if (c.groups.includes(sep)) {
      if (run.length !== 3 && !(run.length === 2 && !last)) return null;
      int += run;
    } else if (sep === c.decimal && last) {
      return canonical(int, run);
    } else {
      return null;
    }
  }
  return canonical(int);
}

/** The numbers of one token (usually one; a version number `1.2.3` gives three). */
function valuesOf(token: string, language: string): NumberToken[] {
  const table = digits();
  let system = 'latn';
  let normalized = '';
  let seen = false;
  for (const char of token) {
    const digit = table.get(char);
    if (digit === undefined) {
      normalized += char;
      continue;
    }
    if (!seen) system = digit.system;
    seen = true;
    normalized += String(digit.value);
  }
  const runs = normalized.split(SEPARATOR);
  const seps = [...normalized].filter((char) => SEPARATOR.test(char));
  for (const convention of [conventionOf(language, system), ...FALLBACKS]) {
    const value = readAs(runs, seps, convention);
    if (value !== null) return [{ text: token, value }];
  }
  if (token.includes(' ')) return token.split(' ').flatMap((part) => valuesOf(part, language));
  const written = token.split(SEPARATOR);
  return runs.map((run, i) => ({ text: written[i] ?? run, value: canonical(run) }));
}

/** Every number in `text` as written and as a value, read by `language`'s conventions. */
export function numbersIn(text: string, language: string): NumberToken[] {
  const found: NumberToken[] = [];
  for (const match of text.matchAll(TOKEN)) found.push(...valuesOf(match[0], language));
  return found;
}

/** Counts of each value. */
function tally(tokens: readonly NumberToken[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t.value, (counts.get(t.value) ?? 0) + 1);
  return counts;
}

/** Tokens of `from` whose value occurs more often there than in `other` (first ones kept). */
function surplus(from: readonly NumberToken[], other: Map<string, number>): NumberToken[] {
  const left = new Map(other);
  const extra: NumberToken[] = [];
  for (const token of from) {
    const n = left.get(token.value) ?? 0;
    if (n > 0) left.set(token.value, n - 1);
    else extra.push(token);
  }
  return extra;
}

/**
 * `numbers.missing` for numbers of the source the target lacks, `numbers.extra` for numbers
 * of the target the source lacks — compared as values, each text read in its own language.
 * `source` and `target` are visible text with addresses already blanked out.
 */
export function checkNumbers(input: {
  source: string;
  target: string;
  sourceLanguage: string;
  targetLanguage: string;
}): Finding[] {
  const source = numbersIn(input.source, input.sourceLanguage);
  const target = numbersIn(input.target, input.targetLanguage);
  const findings: Finding[] = [];
  const missing = surplus(source, tally(target));
  if (missing.length > 0) {
    findings.push(
      finding('numbers.missing', {
        numbers: missing.map((t) => t.text).join(', '),
        count: missing.length,
      }),
    );
  }
  const extra = surplus(target, tally(source));
  if (extra.length > 0) {
    findings.push(
      finding('numbers.extra', {
        numbers: extra.map((t) => t.text).join(', '),
        count: extra.length,
      }),
    );
  }
  return findings;
}

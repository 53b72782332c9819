/**
 * Length ratio: a translation far shorter or longer than the source is often cut off or
 * doubled. Lengths are grapheme clusters of the visible text; the expected ratio depends on
 * the scripts, because the same content takes far fewer characters in Chinese than in
 * German. See README.md for where the numbers come from.
 */
import { finding } from './messages.js';
import { PLACEHOLDER, dominantScript, graphemeCount } from './text.js';
import type { ScriptGroup } from './text.js';
import type { Finding } from './types.js';

/**
 * Characters a script needs for the same content, relative to Latin — rounded from the
 * grapheme counts of Article 1 of the Universal Declaration of Human Rights in each script's
 * major languages (English 170: German 164, French 186, Russian 160, Greek 194, Arabic 112,
 * Hebrew 126, Hindi 112, Thai 105, Korean 87, Japanese 85, Chinese 43).
 */
export const SCRIPT_DENSITY: Readonly<Record<ScriptGroup, number>> = {
  latin: 1,
  cyrillic: 0.95,
  greek: 1.1,
  armenian: 1,
  arabic: 0.7,
  hebrew: 0.75,
  devanagari: 0.7,
  thai: 0.65,
  hangul: 0.5,
  japanese: 0.5,
  han: 0.27,
  other: 1,
};

/** Sources shorter than this (graphemes) are not checked: short strings vary too much. */
export const LENGTH_MIN_SOURCE = 20;
/** Sources of at least this many graphemes get the tighter tolerance. */
export const LENGTH_LONG_SOURCE = 100;

/** The allowed range of target/source lengths for these texts, or null when not checked. */
export function lengthRange(
  source: string,
  target: string,
): { ratio: number; min: number; max: number } | null {
  const sourceText = source.split(PLACEHOLDER).join('').trim();
  const targetText = target.split(PLACEHOLDER).join('').trim();
  const n = graphemeCount(sourceText);
  if (n < LENGTH_MIN_SOURCE) return null;
  const from = dominantScript(sourceText);
  if (from === null) return null;
  const to = dominantScript(targetText) ?? from;
  const expected = SCRIPT_DENSITY[to] / SCRIPT_DENSITY[from];
  // IBM's text-expansion guideline for translations from English allows +60–80% at 21–30
  // characters and +30% past 70. A warning must not fire on ordinary translations (loose
  // ones differ more than that: the Swahili UDHR article is 71% of the English), so the
  // tolerance is wider — a factor of 3 either way below 100 graphemes, 2 from there on.
  const tolerance = n >= LENGTH_LONG_SOURCE ? 2 : 3;
  return {
    ratio: graphemeCount(targetText) / n,
    min: expected / tolerance,
    max: expected * tolerance,
  };
}

/** `length.short` / `length.long` when the ratio is outside the range for the scripts. */
export function checkLength(source: string, target: string): Finding[] {
  const range = lengthRange(source, target);
  if (range === null) return [];
  const percent = Math.round(range.ratio * 100);
  if (range.ratio < range.min)
    return [finding('length.short', { percent, min: Math.round(range.min * 100) })];
  if (range.ratio > range.max)
    return [finding('length.long', { percent, max: Math.round(range.max * 100) })];
  return [];
}

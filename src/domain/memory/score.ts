/**
 * The one match score of translation memory, the same on every engine (the database only
 * prefilters; see README.md): an edit-distance similarity over match keys, in which each inline
 * code is one character, so a moved or missing code costs one edit whatever its markup.
 */
import { distance } from 'fastest-levenshtein';

/** The lowest threshold a site may set; below it suggestions are noise. */
export const MIN_THRESHOLD = 50;

/** The default `memoryThreshold`: matches under 70% are not suggested. */
export const DEFAULT_THRESHOLD = 70;

/**
 * Similarity of two match keys (see `matchKey`), 0..100:
 *
 *   100 × (1 − d / length of the longer key),  d = (lev(a, b) + lev(lower a, lower b)) / 2
 *
 * rounded down, and never 100 unless the keys are equal — a one-letter change in a long
 * paragraph is 99, not a false "exact". Averaging the case-sensitive and case-folded distances
 * makes a case-only difference cost half an edit ("thank you" / "Thank you" = 94). Levenshtein
 * by `fastest-levenshtein` (Myers' bit-parallel algorithm: O(⌈n/32⌉·m)), on UTF-16 code units —
 * a character outside the Basic Multilingual Plane (emoji, rare CJK) counts as two.
 */
export function matchScore(a: string, b: string): number {
  if (a === b) return 100;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 100;
  const sensitive = distance(a, b);
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  const folded = lowerA === a && lowerB === b ? sensitive : distance(lowerA, lowerB);
  const d = (sensitive + folded) / 2;
  const score = Math.floor(100 * (1 - d / longer) + 1e-9);
  return Math.max(0, Math.min(99, score));
}

/** Inclusive bounds on the key length of an entry that can still score ≥ a threshold. */
export interface LengthWindow {
  min: number;
  max: number;
}

/**
 * The lengths an entry's key can have and still score at least `threshold` against a key of
 * `length`: d is at least the length difference, so score ≥ t needs
 * t·length ≤ other ≤ length / t. Exact (no match is lost by it); the prefilter queries only
 * this window.
 */
export function lengthWindow(length: number, threshold: number): LengthWindow {
  const t = clampThreshold(threshold) / 100;
  return {
    min: Math.max(0, Math.ceil(length * t - 1e-9)),
    max: Math.floor(length / t + 1e-9),
  };
}

/** A threshold kept in [MIN_THRESHOLD, 100]. */
export function clampThreshold(threshold: number): number {
  if (!Number.isFinite(threshold)) return DEFAULT_THRESHOLD;
  return Math.min(100, Math.max(MIN_THRESHOLD, Math.round(threshold)));
}

/**
 * Similarity of two units' visible text: 1 − Levenshtein distance / length of the longer, on
 * code points of the NFC, whitespace-normalized text with inline codes stripped.
 */
import { normalizeWhitespace, stripCodes } from './text.js';

/** Below this similarity two units are not the same unit edited, unless one contains the other. */
export const PAIR_THRESHOLD = 0.4;

/** A contained text this short (in code points) is too weak a hint to pair on containment. */
export const MIN_CONTAINED_LENGTH = 8;

/** A unit's text prepared once for many comparisons. */
export interface Prepared {
  /** Visible text: codes stripped, NFC, whitespace collapsed. */
  plain: string;
  /** `plain` as code points. */
  points: Int32Array;
}

/** Strips, normalizes and splits a tagged text into code points, once per unit. */
export function prepare(tagged: string): Prepared {
  const plain = normalizeWhitespace(stripCodes(tagged).normalize('NFC'));
  const points = new Int32Array(plain.length);
  let length = 0;
  for (let i = 0; i < plain.length; i++) {
    const point = plain.codePointAt(i) ?? 0;
    points[length++] = point;
    if (point > 0xffff) i++;
  }
  return { plain, points: points.subarray(0, length) };
}

/**
 * The common prefix length and the lengths left once the common prefix and suffix are cut
 * away: the true cost of a comparison is the product of the two.
 */
export function trimAffixes(
  a: Int32Array,
  b: Int32Array,
): { start: number; la: number; lb: number } {
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && a[start] === b[start]) start++;
  let end = 0;
  while (end < shorter - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { start, la: a.length - start - end, lb: b.length - start - end };
}

/**
 * Levenshtein distance on code points, or `max + 1` as soon as it is known to exceed `max`.
 * The common prefix and suffix are trimmed first, so one edited word in a long paragraph costs
 * little; the rest is the classic single-row dynamic programme, O(n·m) time, O(m) memory.
 */
export function levenshtein(a: Int32Array, b: Int32Array, max = Infinity): number {
  const { start, la, lb } = trimAffixes(a, b);
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  const as = a.subarray(start, start + la);
  const bs = b.subarray(start, start + lb);
  const row = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) row[j] = j;
  for (let i = 1; i <= la; i++) {
    const ca = as[i - 1];
    let diagonal = i - 1;
    let left = i;
    let rowMin = i;
    row[0] = i;
    for (let j = 1; j <= lb; j++) {
      const above = row[j] ?? 0;
      let value = ca === bs[j - 1] ? diagonal : diagonal + 1;
      if (above + 1 < value) value = above + 1;
      if (left + 1 < value) value = left + 1;
      row[j] = value;
      diagonal = above;
      left = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
  }
  const distance = row[lb] ?? 0;
  return distance > max ? max + 1 : distance;
}

/** Similarity of two prepared texts, 0..1; two empty texts are identical (1). */
export function preparedSimilarity(a: Prepared, b: Prepared): number {
  const longer = Math.max(a.points.length, b.points.length);
  if (longer === 0) return 1;
  return 1 - levenshtein(a.points, b.points) / longer;
}

/**
 * True when two prepared texts are similar enough to be one unit edited: similarity at least
 * PAIR_THRESHOLD, or the shorter (at least MIN_CONTAINED_LENGTH long) contained in the longer
 * — a sentence appended to a short paragraph. Returns the pairing score (0 when not eligible):
 * the similarity, raised to the threshold for containment.
 */
export function pairScore(a: Prepared, b: Prepared): number {
  const la = a.points.length;
  const lb = b.points.length;
  const longer = Math.max(la, lb);
  if (longer === 0) return 1;
  const [short, long] = la <= lb ? [a, b] : [b, a];
  const contained = short.points.length >= MIN_CONTAINED_LENGTH && long.plain.includes(short.plain);
  if (contained) return Math.max(PAIR_THRESHOLD, 1 - (longer - short.points.length) / longer);
  // Distance ≥ the length difference, so the length ratio bounds similarity from above.
  if (Math.min(la, lb) / longer < PAIR_THRESHOLD) return 0;
  const maxDistance = Math.floor(longer * (1 - PAIR_THRESHOLD) + 1e-9);
  const distance = levenshtein(a.points, b.points, maxDistance);
  if (distance > maxDistance) return 0;
  return 1 - distance / longer;
}

/**
 * Similarity of two tagged texts, 0..1, on their visible text (codes stripped, NFC,
 * whitespace collapsed): 1 − Levenshtein distance / length of the longer.
 */
export function similarity(a: string, b: string): number {
  return preparedSimilarity(prepare(a), prepare(b));
}

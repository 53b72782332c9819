/**
 * The pieces of a query's prefilter text that the trigram index is probed with (see
 * README.md in src/services/memory). By the pigeonhole principle, an entry within e edits of
 * the query keeps at least one of e + 1 disjoint pieces of the query intact, so probing for
 * e + 1 pieces finds every such entry. The number of pieces adapts to the length: e is what
 * the threshold allows at this length, capped by MAX_CHUNKS (long texts: matches with up to
 * MAX_CHUNKS − 1 scattered edits are guaranteed, closer ones found as long as one piece
 * survives) and by the 3-character minimum of a trigram (short texts).
 */
import { lengthWindow } from './score.js';

/** At most this many probes per lookup. */
export const MAX_CHUNKS = 8;
/** Pieces longer than this gain nothing (an AND of more trigrams) and cost more. */
export const MAX_CHUNK_LENGTH = 10;
/** A trigram index cannot look up less. */
export const MIN_CHUNK_LENGTH = 3;

/**
 * Keys up to this long are probed by every trigram instead (overlapping): one edit in a
 * short text breaks most disjoint pieces, and these few probes read small partitions.
 */
export const SHORT_LENGTH = 15;

/** A piece must hold three letters or digits in a row, or pg_trgm could not index-search it. */
const WORDY = /[\p{L}\p{N}]{3}/u;

/**
 * The most edits an entry can differ by and still score `threshold` against a key of
 * `length`: d ≤ (1 − t) × longer, and the longer is at most length / t.
 */
export function maxEdits(length: number, threshold: number): number {
  const window = lengthWindow(length, threshold);
  return Math.floor((1 - threshold / 100) * Math.max(length, window.max) + 1e-9);
}

/**
 * Disjoint pieces of `prefilter`, in the order to probe them, each MIN..MAX_CHUNK_LENGTH
 * characters (code points), without repeats; pieces without three letters or digits in a row
 * are dropped. Empty for texts under 3 characters (they only get exact matches).
 *  - Short texts (≤ SHORT_LENGTH): every trigram.
 *  - Texts of words: the longest words (at least 4 letters or digits, their middle
 *    MAX_CHUNK_LENGTH characters), longest first. By Zipf's law long words are rare, so a piece
 *    inside one is rare too: a piece spanning short, frequent words ("n the o") is made of
 *    trigrams that half the entries share, and a trigram index must read all of them.
 *  - Otherwise (no spaces: Chinese, Japanese): pieces spread evenly, in `probeOrder`.
 */
export function probeChunks(prefilter: string, threshold: number): string[] {
  const chars = Array.from(prefilter);
  const length = chars.length;
  if (length < MIN_CHUNK_LENGTH) return [];
  if (length <= SHORT_LENGTH) return shortChunks(chars);
  const count = Math.max(
    1,
    Math.min(MAX_CHUNKS, maxEdits(length, threshold) + 1, Math.floor(length / MIN_CHUNK_LENGTH)),
  );
  const words = wordPieces(prefilter);
  if (words.length >= Math.min(count, 2)) return words.slice(0, count);
  const slot = length / count;
  const width = Math.min(MAX_CHUNK_LENGTH, Math.floor(slot));
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(i * slot + (slot - width) / 2);
    const chunk = chars.slice(start, start + width).join('');
    if (WORDY.test(chunk) && !chunks.includes(chunk)) chunks.push(chunk);
  }
  return probeOrder(chunks);
}

const WORD = /[\p{L}\p{N}]{4,}/gu;

/** Distinct words of 4+ letters or digits (middle MAX_CHUNK_LENGTH characters), longest first. */
function wordPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const chars = Array.from(match[0]);
    if (chars.length > 40) continue; // one run without spaces: not a word
    const start = Math.max(0, Math.floor((chars.length - MAX_CHUNK_LENGTH) / 2));
    const piece = chars.slice(start, start + MAX_CHUNK_LENGTH).join('');
    if (!pieces.includes(piece)) pieces.push(piece);
  }
  // Stable: among words of one length, the earlier first.
  return pieces
    .map((piece, index) => ({ piece, index, length: Array.from(piece).length }))
    .sort((a, b) => b.length - a.length || a.index - b.index)
    .map((p) => p.piece);
}

/** Every distinct trigram of a short text (at most MAX_CHUNKS, spread evenly). */
function shortChunks(chars: string[]): string[] {
  const grams: string[] = [];
  for (let i = 0; i + MIN_CHUNK_LENGTH <= chars.length; i++) {
    const gram = chars.slice(i, i + MIN_CHUNK_LENGTH).join('');
    if (WORDY.test(gram) && !grams.includes(gram)) grams.push(gram);
  }
  if (grams.length <= MAX_CHUNKS) return grams;
  const step = grams.length / MAX_CHUNKS;
  return Array.from({ length: MAX_CHUNKS }, (_, i) => grams[Math.floor(i * step)] ?? '');
}

/**
 * The order to probe pieces in when the time budget may stop the probes early: first, last,
 * middle, then the middles of the halves…, so any prefix of the probes covers the whole text.
 */
export function probeOrder<T>(pieces: readonly T[]): T[] {
  const out: T[] = [];
  const taken = new Set<number>();
  const take = (i: number): void => {
    const piece = pieces[i];
    if (piece !== undefined && !taken.has(i)) {
      taken.add(i);
      out.push(piece);
    }
  };
  take(0);
  take(pieces.length - 1);
  for (let parts = 2; out.length < pieces.length; parts *= 2) {
    for (let k = 1; k < parts; k += 2) take(Math.floor((k * (pieces.length - 1)) / parts));
    if (parts > pieces.length * 2) for (let i = 0; i < pieces.length; i++) take(i);
  }
  return out;
}

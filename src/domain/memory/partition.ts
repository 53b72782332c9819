/**
 * Partitions of the fuzzy index (see README.md): every entry carries one **partition tag** that
 * names its language pair and the length bucket of its match key, indexed beside its trigrams.
 * A lookup asks only for the tags of its own pair and length window, so each trigram probe
 * reads the few entries that could score at all instead of every entry sharing a trigram.
 */
import type { LengthWindow } from './score.js';

/** Bucket boundaries grow by this factor: a 70% window (×2.04 wide) spans 6–7 buckets. */
export const BUCKET_GROWTH = 1.15;

/** The length bucket of a key length: ⌊log₁.₁₅ length⌋ (0 for 0 and 1). */
export function lengthBucket(length: number): number {
  if (length <= 1) return 0;
  return Math.floor(Math.log(length) / Math.log(BUCKET_GROWTH) + 1e-9);
}

/** Every bucket a length window touches, smallest first. */
export function bucketsOf(window: LengthWindow): number[] {
  const first = lengthBucket(Math.max(0, window.min));
  const last = lengthBucket(Math.max(window.min, window.max));
  const buckets: number[] = [];
  for (let b = first; b <= last; b++) buckets.push(b);
  return buckets;
}

const PAIR_CODES = 4096;

/** A language pair's code 0..4095 (FNV-1a of "source>target"); collisions only widen a probe. */
export function pairCode(sourceLanguage: string, targetLanguage: string): number {
  const text = `${sourceLanguage.toLowerCase()}>${targetLanguage.toLowerCase()}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % PAIR_CODES;
}

/**
 * The partition tag: exactly three private-use characters (U+F000…U+F1FF), so SQLite's trigram
 * tokenizer makes exactly one token of it, and no text can contain it (the prefilter text has
 * every private-use character removed). PostgreSQL indexes the same string as a plain key.
 */
export function partitionTag(pair: number, bucket: number): string {
  const high = Math.floor(pair / 64) % 64;
  const low = pair % 64;
  return String.fromCharCode(0xf000 + high, 0xf040 + low, 0xf100 + Math.min(bucket, 255));
}

/** The tag of an entry of `length` in a pair. */
export function entryTag(sourceLanguage: string, targetLanguage: string, length: number): string {
  return partitionTag(pairCode(sourceLanguage, targetLanguage), lengthBucket(length));
}

/** The tags a lookup of `window` in a pair asks for. */
export function windowTags(
  sourceLanguage: string,
  targetLanguage: string,
  window: LengthWindow,
): string[] {
  const pair = pairCode(sourceLanguage, targetLanguage);
  return bucketsOf(window).map((bucket) => partitionTag(pair, bucket));
}

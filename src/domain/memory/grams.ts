/**
 * PostgreSQL's fuzzy index keys (see README.md in src/services/memory): every trigram of an
 * entry's prefilter text, **scoped** to its language pair and a coarse length band, hashed to a
 * 32-bit integer. A GIN index over these integer arrays answers "entries of this pair and band
 * that contain every trigram of a piece" by reading a few short posting lists, where pg_trgm's
 * own operator class reads the posting lists of the trigram over every pair and length (the
 * common ones hold hundreds of thousands of rows at 1,000,000 entries) and cannot be narrowed
 * to a partition cheaply. SQLite's FTS5 index gets the same narrowing from the partition tags.
 */
/** Sources longer than this (UTF-16 units of the match key) get exact matches only. */
export const MAX_FUZZY_LENGTH = 5_000;

/** Fine length buckets per scope: 1.15⁵ ≈ 2.01, so a 70% window touches 2 or 3 scopes. */
export const BUCKETS_PER_SCOPE = 5;

/** The distinct trigrams (three code points, spaces included) of a text, in order. */
export function trigramsOf(text: string): string[] {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  return [...grams];
}

/**
 * The scope of a partition tag (partition.ts): its two pair characters and the coarse band
 * ⌊bucket / BUCKETS_PER_SCOPE⌋ as a third character.
 */
export function scopeOfTag(tag: string): string {
  const bucket = tag.charCodeAt(2) - 0xf100;
  return tag.slice(0, 2) + String.fromCharCode(0xf100 + Math.floor(bucket / BUCKETS_PER_SCOPE));
}

/** The scopes a lookup of `window` asks for, given its partition tags (windowTags). */
export function scopesOfTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(scopeOfTag))];
}

/** FNV-1a (32 bits, signed like PostgreSQL's integer) of the scope and a trigram. */
function gramKey(scope: string, gram: string): number {
  const text = `${scope}\u0000${gram}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * The index keys of a text in a scope: one per distinct trigram, sorted, without repeats
 * (a hash collision only widens a probe; the candidates are checked on the rows).
 */
export function gramKeys(scope: string, text: string): number[] {
  const keys = new Set(trigramsOf(text).map((gram) => gramKey(scope, gram)));
  return [...keys].sort((a, b) => a - b);
}

/** The keys an entry is indexed under: those of its own tag's scope. */
export function entryGramKeys(tag: string, prefilter: string): number[] {
  return gramKeys(scopeOfTag(tag), prefilter);
}

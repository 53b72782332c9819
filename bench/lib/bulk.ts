// What the bench sites built with bulk INSERTs share: a seeded random generator (the same
// site every run) and a batched insert.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

const BATCH = 500;

/** A deterministic generator in [0, 1) (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts `rows` into `table` in batches of 500 (under every engine's parameter limit). */
export async function insertAll<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
}

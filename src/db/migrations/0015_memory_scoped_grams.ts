/**
 * Translation memory's PostgreSQL fuzzy index, replaced (see src/services/memory/README.md):
 * pg_trgm's GIN index over (match_tag, prefilter) could not be narrowed to a language pair and
 * length window cheaply, so at 1,000,000 entries a probe read the trigram's rows of every pair
 * and length and most near-duplicates were missed within the time budget. Each entry now
 * carries `fuzzy_grams`, the 32-bit keys of its prefilter's trigrams scoped to its pair and
 * coarse length band (written by the application, `entryGramKeys` in src/domain/memory), under
 * a plain GIN index on the integer array. SQLite (FTS5 with partition tags) is unchanged.
 *
 * Frozen: takes Kysely<any> and imports no app code. The existing rows are filled here with a
 * copy of the key function as it was when this migration was written.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

const BATCH = 2_000;
/** Texts longer than this get exact matches only (MAX_FUZZY_LENGTH then): no keys. */
const MAX_FUZZY_LENGTH = 5_000;

function keysOf(tag: string, prefilter: string, length: number): number[] {
  if (length > MAX_FUZZY_LENGTH) return [];
  const scope =
    tag.slice(0, 2) + String.fromCharCode(0xf100 + Math.floor((tag.charCodeAt(2) - 0xf100) / 5));
  const chars = Array.from(prefilter);
  const keys = new Set<number>();
  for (let i = 0; i + 3 <= chars.length; i++) {
    const text = `${scope}\u0000${chars.slice(i, i + 3).join('')}`;
    let h = 0x811c9dc5;
    for (let j = 0; j < text.length; j++) {
      h ^= text.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    keys.add(h | 0);
  }
  return [...keys].sort((a, b) => a - b);
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE memory_entries ADD COLUMN fuzzy_grams integer[] NOT NULL DEFAULT '{}'`.execute(
    db,
  );
  for (let after = 0; ;) {
    const { rows } = await sql<{
      id: number;
      match_tag: string;
      prefilter: string;
      source_length: number;
    }>`SELECT id, match_tag, prefilter, source_length FROM memory_entries
      WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.id);
    const grams = rows.map(
      (r) => `{${keysOf(r.match_tag, r.prefilter, r.source_length).join(',')}}`,
    );
    await sql`UPDATE memory_entries SET fuzzy_grams = batch.grams::integer[]
      FROM unnest(${ids}::integer[], ${grams}::text[]) AS batch(id, grams)
      WHERE memory_entries.id = batch.id`.execute(db);
    after = ids[ids.length - 1] ?? after;
  }
  await sql`DROP INDEX IF EXISTS memory_entries_fuzzy`.execute(db);
  await sql`CREATE INDEX memory_entries_grams ON memory_entries USING gin (fuzzy_grams)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP INDEX IF EXISTS memory_entries_grams`.execute(db);
  await sql`ALTER TABLE memory_entries DROP COLUMN fuzzy_grams`.execute(db);
  await sql`CREATE INDEX memory_entries_fuzzy ON memory_entries
    USING gin (match_tag, prefilter gin_trgm_ops)`.execute(db);
}

/**
 * Translation memory (see src/services/memory/README.md): one row per (language pair, source
 * key, target, unit that gave it), so "used N times" counts distinct units. Entries are never
 * deleted: a replaced or rejected target retires its entries (`retired_at`), which are kept
 * but never suggested. Frozen: takes Kysely<any>, imports no app code.
 *
 * Columns written by the application:
 *  - `source_key_hash`: the hash of the source's match key (codes one character each,
 *    whitespace collapsed), the exact-match key; `target_hash` the same for the target, and
 *    `unit_target_hash` that of the whole unit's target the entry came from (what retiring
 *    a unit's replaced text looks for; equal to `target_hash` for unit entries).
 *  - `prev_hash` / `next_hash`: the neighbouring units' source key hashes ('' for none), for
 *    "in context" exact matches.
 *  - `source_length`: the match key's length (the length window); `match_tag`: three
 *    private-use characters naming the pair and the length bucket; `prefilter`: the lower-case
 *    text without codes that the trigram index sees.
 *
 * SQLite: an FTS5 external-content table over (match_tag, prefilter) with the `trigram`
 * tokenizer and `detail=none` (doclists only: a query is an AND of trigrams and an OR of
 * tags), kept in step by triggers. PostgreSQL: pg_trgm and btree_gin, one GIN index over
 * (match_tag, prefilter gin_trgm_ops) (`match_tag` in byte order: a pair's consecutive
 * buckets are one range). The lookup probes the prefilter column alone (the tag range was
 * slower, see src/services/memory/README.md), so the index's tag column is unused today.
 * No foreign keys: memory outlives the post, translation or account it came from (the
 * ids are kept as provenance, like a history row).
 */
import { PostgresAdapter, sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  const sqlite = adapter instanceof SqliteAdapter;
  if (!sqlite && !(adapter instanceof PostgresAdapter))
    throw new Error('0013_translation_memory supports SQLite and PostgreSQL only');
  if (!sqlite) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db);
  }
  await db.schema
    .createTable('memory_entries')
    .addColumn('id', 'integer', (c) =>
      sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    )
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('target_language', 'text', (c) => c.notNull())
    // 'unit' or 'sentence'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('source_key_hash', 'text', (c) => c.notNull())
    .addColumn('target_hash', 'text', (c) => c.notNull())
    .addColumn('unit_target_hash', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('next_hash', 'text', (c) => c.notNull())
    .addColumn('source_length', 'integer', (c) => c.notNull())
    // Byte order on PostgreSQL: one pair's tags for consecutive buckets form one range.
    .addColumn('match_tag', sqlite ? 'text' : sql`text COLLATE "C"`, (c) => c.notNull())
    .addColumn('prefilter', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('translation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // How often the same unit recorded the same entry (re-saves, review); informational.
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('retired_at', 'text')
    .addCheckConstraint('memory_entries_kind', sql`kind IN ('unit', 'sentence')`)
    .execute();
  // The upsert key; its prefix (pair, source key) is the exact-match index.
  await db.schema
    .createIndex('memory_entries_key')
    .on('memory_entries')
    .columns([
      'source_language',
      'target_language',
      'source_key_hash',
      'target_hash',
      'translation_id',
      'unit_id',
    ])
    .unique()
    .execute();
  await db.schema
    .createIndex('memory_entries_unit')
    .on('memory_entries')
    .columns(['translation_id', 'unit_id', 'unit_target_hash'])
    .execute();
  if (sqlite) {
    await sql`CREATE VIRTUAL TABLE memory_fuzzy USING fts5(
      match_tag, prefilter,
      content = 'memory_entries', content_rowid = 'id',
      tokenize = 'trigram', detail = 'none'
    )`.execute(db);
    await sql`CREATE TRIGGER memory_entries_ai AFTER INSERT ON memory_entries BEGIN
      INSERT INTO memory_fuzzy(rowid, match_tag, prefilter) VALUES (new.id, new.match_tag, new.prefilter);
    END`.execute(db);
    await sql`CREATE TRIGGER memory_entries_ad AFTER DELETE ON memory_entries BEGIN
      INSERT INTO memory_fuzzy(memory_fuzzy, rowid, match_tag, prefilter) VALUES ('delete', old.id, old.match_tag, old.prefilter);
    END`.execute(db);
    await sql`CREATE TRIGGER memory_entries_au AFTER UPDATE OF match_tag, prefilter ON memory_entries BEGIN
      INSERT INTO memory_fuzzy(memory_fuzzy, rowid, match_tag, prefilter) VALUES ('delete', old.id, old.match_tag, old.prefilter);
      INSERT INTO memory_fuzzy(rowid, match_tag, prefilter) VALUES (new.id, new.match_tag, new.prefilter);
    END`.execute(db);
    return;
  }
  await sql`CREATE INDEX memory_entries_fuzzy ON memory_entries
    USING gin (match_tag, prefilter gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`DROP TABLE IF EXISTS memory_fuzzy`.execute(db);
  }
  await db.schema.dropTable('memory_entries').execute();
}

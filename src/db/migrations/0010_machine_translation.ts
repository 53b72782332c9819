/**
 * Machine translation: off by default, enabled per language pair by an administrator, and
 * every result kept so a repeated request never calls the engine again. Frozen: takes
 * Kysely<any>, imports no app code; the engine list is copied here as
 * src/services/ports/mt.ts has it today (a new engine needs a new migration).
 *
 * - `mt_pairs`: one row per enabled pair (source → target, canonical BCP 47 tags) naming the
 *   engine that serves it, and who enabled it when. No row: machine translation is off for
 *   the pair. A deleted account leaves the pair enabled (enabled_by set null).
 * - `mt_cache`: one row per (engine, pair, SHA-256 of the tagged source): the source itself,
 *   the tagged result as suggested (codes placed, or plain text when they could not be) and
 *   whether the codes were placed. Written with ON CONFLICT DO NOTHING, so concurrent first
 *   requests agree on one result; a save reads it back to learn which MT text it started from.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const engines = ['apertium', 'libretranslate', 'mint'];
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mt_pairs')
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('target_language', 'text', (c) => c.notNull())
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('enabled_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('enabled_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mt_pairs_pk', ['source_language', 'target_language'])
    .addCheckConstraint('mt_pairs_engine_known', sql`engine IN (${list(engines)})`)
    .addCheckConstraint('mt_pairs_pair_differs', sql`source_language <> target_language`)
    .execute();

  await db.schema
    .createTable('mt_cache')
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('target_language', 'text', (c) => c.notNull())
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('codes_placed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mt_cache_pk', [
      'engine',
      'source_language',
      'target_language',
      'source_hash',
    ])
    .addCheckConstraint('mt_cache_engine_known', sql`engine IN (${list(engines)})`)
    .addCheckConstraint('mt_cache_codes_placed_bool', sql`codes_placed IN (0, 1)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mt_cache').execute();
  await db.schema.dropTable('mt_pairs').execute();
}

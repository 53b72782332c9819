/**
 * Review-gated translations: many candidate texts per (translation, unit), at most one active
 * (what the target holds), proposals for published units pending until a reviewer accepts
 * them, nothing deleted. History rows become full snapshots of the target (who translated and
 * reviewed it, its base source and previous state), so an editor's rollback can put back
 * exactly what readers saw before. Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('target_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('translation_id', 'text', (c) =>
      c.notNull().references('translations.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // SHA-256 of the text: identical proposals are one candidate (indexes can't hold long text).
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    // The source text and revision the author was shown, and the target version they edited.
    .addColumn('base_source', 'text', (c) => c.notNull())
    .addColumn('base_revision', 'integer', (c) => c.notNull())
    .addColumn('based_on_version', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('comment', 'text')
    .addCheckConstraint(
      'target_candidates_status',
      sql`status in ('pending', 'active', 'rejected', 'superseded')`,
    )
    .execute();
  await db.schema
    .createIndex('target_candidates_unit')
    .on('target_candidates')
    .columns(['translation_id', 'unit_id', 'status'])
    .execute();
  // Exactly one active text per unit; one pending candidate per distinct text.
  await db.schema
    .createIndex('target_candidates_one_active')
    .on('target_candidates')
    .columns(['translation_id', 'unit_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('target_candidates_pending_text')
    .on('target_candidates')
    .columns(['translation_id', 'unit_id', 'text_hash'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('target_candidates_author')
    .on('target_candidates')
    .columns(['author_id', 'created_at'])
    .execute();

  for (const column of ['base_source', 'previous_state', 'translated_by', 'reviewed_by']) {
    await db.schema.alterTable('target_history').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('target_history').addColumn('candidate_id', 'text').execute();
  await db.schema
    .createIndex('target_history_user')
    .on('target_history')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('target_history_user').execute();
  for (const column of [
    'candidate_id',
    'reviewed_by',
    'translated_by',
    'previous_state',
    'base_source',
  ]) {
    await db.schema.alterTable('target_history').dropColumn(column).execute();
  }
  await db.schema.dropTable('target_candidates').execute();
}

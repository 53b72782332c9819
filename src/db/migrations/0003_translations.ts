/**
 * The translation model: the units of each published source revision (with ids stable across
 * revisions), one translation per (post, language), one target per (translation, unit) with
 * its state and version, every save in target_history (never deleted), presence, and the
 * table-backed job queue. Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('post_units')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('codes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_units_pk', ['post_id', 'revision', 'unit_id'])
    .execute();

  await db.schema
    .createTable('translations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('translations_post_language', ['post_id', 'language'])
    .addUniqueConstraint('translations_language_slug', ['language', 'slug'])
    .execute();

  await db.schema
    .createTable('targets')
    .addColumn('translation_id', 'text', (c) =>
      c.notNull().references('translations.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('previous_state', 'text')
    .addColumn('base_source', 'text')
    .addColumn('base_revision', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('translated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('targets_pk', ['translation_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('target_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('translation_id', 'text', (c) =>
      c.notNull().references('translations.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('base_revision', 'integer')
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('target_history_unit')
    .on('target_history')
    .columns(['translation_id', 'unit_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('translation_presence')
    .addColumn('translation_id', 'text', (c) =>
      c.notNull().references('translations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('translation_presence_pk', ['translation_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('jobs_pending')
    .on('jobs')
    .columns(['done_at', 'run_after'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'jobs',
    'translation_presence',
    'target_history',
    'targets',
    'translations',
    'post_units',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/**
 * The statistics' summary tables, derived data kept fresh incrementally (never the truth: a
 * refresh recomputes any row from targets, target_history, post_units and translations):
 *  - `stats_posts`: each post's latest unit revision and its number of units;
 *  - `stats_translations`: each translation's status, its done and outdated current units,
 *    its category (translated, in_progress, outdated) and whether it counts (`eligible`: its
 *    post is published and written in another language — decided at rebuild, and a post's
 *    publication or withdrawal changes its `updated_at`, so its translations are rebuilt);
 *  - `stats_translation_months`: per translation and month (YYYY-MM), the net change of its
 *    current units translated or reviewed, from target_history (with the same `eligible`);
 * Covering indexes let the figures be read without touching the rows.
 *  - `stats_refresh`: the watermark (an ISO instant) up to which changes were folded in.
 * Indexes on the change columns let a refresh find what changed since the watermark:
 * target_history.created_at, translations.updated_at, posts.updated_at.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stats_posts')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stats_translations')
    .addColumn('translation_id', 'text', (c) =>
      c.primaryKey().references('translations.id').onDelete('cascade'),
    )
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('outdated', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stats_translations_post')
    .on('stats_translations')
    .column('post_id')
    .execute();
  await db.schema
    .createIndex('stats_translations_figures')
    .on('stats_translations')
    .columns(['eligible', 'language', 'category', 'done'])
    .execute();
  await db.schema
    .createTable('stats_translation_months')
    .addColumn('translation_id', 'text', (c) =>
      c.notNull().references('translations.id').onDelete('cascade'),
    )
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_translation_months_pk', ['translation_id', 'month'])
    .execute();
  await db.schema
    .createIndex('stats_translation_months_figures')
    .on('stats_translation_months')
    .columns(['eligible', 'language', 'month', 'delta'])
    .execute();
  await db.schema
    .createTable('stats_refresh')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('watermark', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('target_history_created')
    .on('target_history')
    .column('created_at')
    .execute();
  await db.schema
    .createIndex('translations_updated')
    .on('translations')
    .column('updated_at')
    .execute();
  await db.schema.createIndex('posts_updated').on('posts').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('posts_updated').execute();
  await db.schema.dropIndex('translations_updated').execute();
  await db.schema.dropIndex('target_history_created').execute();
  await db.schema.dropTable('stats_refresh').execute();
  await db.schema.dropTable('stats_translation_months').execute();
  await db.schema.dropTable('stats_translations').execute();
  await db.schema.dropTable('stats_posts').execute();
}

/**
 * Full-text search over published posts: one row per (post, language), so a translation is
 * indexed as its own row in its own language. Frozen in time like every migration: it takes
 * `Kysely<any>` and imports nothing of the app.
 *
 * SQLite: an FTS5 virtual table. `unicode61 remove_diacritics 2` folds case and accents
 * ("investigacion" finds "investigación") in every Latin, Greek and Cyrillic text.
 *
 * PostgreSQL: a plain table whose `document` tsvector is written by the application together
 * with the row (not a generated column: the text search configuration varies per row and a
 * `text::regconfig` cast is not immutable; `config` is kept as text, never as `regconfig`,
 * because pg_upgrade refuses tables with reg* columns), with a GIN index on it.
 */
import { PostgresAdapter, sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) {
    await sql`CREATE VIRTUAL TABLE post_search USING fts5(
      post_id UNINDEXED,
      language UNINDEXED,
      title,
      body,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    return;
  }
  if (!(adapter instanceof PostgresAdapter))
    throw new Error('0002_search supports SQLite and PostgreSQL only');
  await db.schema
    .createTable('post_search')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addPrimaryKeyConstraint('post_search_pk', ['post_id', 'language'])
    .execute();
  await db.schema
    .createIndex('post_search_document')
    .on('post_search')
    .using('gin')
    .column('document')
    .execute();
  await db.schema
    .createIndex('post_search_language')
    .on('post_search')
    .column('language')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('post_search').execute();
}

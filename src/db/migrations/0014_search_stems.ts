/**
 * Search by stems and without accents (issue 9). The words, stems and folded text are
 * computed by the application, which a migration cannot call (frozen in time: `Kysely<any>`,
 * no app code), so every row gets `index_version` 0 here and `migrateToLatest` re-indexes the
 * rows of an older version from their stored title and body right after migrating. Until
 * then the rows match as they did before.
 *
 * SQLite: FTS5 tables cannot gain columns, so `post_search` is rebuilt. `title` and `body`
 * become display-only (UNINDEXED); `title_terms` and `body_terms` are indexed (copies of the
 * text here; the folded words and their stems once re-indexed). The tokenizer now counts
 * combining marks (`M*`) as parts of words, so Arabic vowel signs or the Devanagari virama
 * no longer split a word in pieces; `remove_diacritics 2` still folds Latin accents.
 *
 * PostgreSQL: only the `index_version` column (rows written without one are stale: default
 * 0); the application rewrites `document`.
 */
import { PostgresAdapter, sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) {
    await sql`CREATE VIRTUAL TABLE post_search_0014 USING fts5(
      post_id UNINDEXED,
      language UNINDEXED,
      title UNINDEXED,
      body UNINDEXED,
      title_terms,
      body_terms,
      index_version UNINDEXED,
      tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
    )`.execute(db);
    await sql`INSERT INTO post_search_0014
        (post_id, language, title, body, title_terms, body_terms, index_version)
      SELECT post_id, language, title, body, title, body, 0 FROM post_search`.execute(db);
    await sql`DROP TABLE post_search`.execute(db);
    await sql`ALTER TABLE post_search_0014 RENAME TO post_search`.execute(db);
    return;
  }
  if (!(adapter instanceof PostgresAdapter))
    throw new Error('0014_search_stems supports SQLite and PostgreSQL only');
  await db.schema
    .alterTable('post_search')
    .addColumn('index_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`CREATE VIRTUAL TABLE post_search_0002 USING fts5(
      post_id UNINDEXED,
      language UNINDEXED,
      title,
      body,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`INSERT INTO post_search_0002 (post_id, language, title, body)
      SELECT post_id, language, title, body FROM post_search`.execute(db);
    await sql`DROP TABLE post_search`.execute(db);
    await sql`ALTER TABLE post_search_0002 RENAME TO post_search`.execute(db);
    return;
  }
  await db.schema.alterTable('post_search').dropColumn('index_version').execute();
}

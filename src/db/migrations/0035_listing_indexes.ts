/**
 * Listings that stay cheap as the site grows (issue 12, acceptance 6). On a 10,000-post site
 * the home page's query (published posts of one kind, sticky first, newest first, a page at an
 * offset) sorted every published post with its revision in a temporary B-tree: ~95 ms on SQLite.
 * `posts_listing_sticky` gives that order straight from the index (~1 ms), `posts_listing` the
 * plain newest-first order of archives and the navigation's pages (kind first, so a handful of
 * pages is not found among thousands of posts), and `post_terms_term` lets a tag or category
 * archive find its posts without scanning every post's terms.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('posts_listing_sticky')
    .on('posts')
    .columns(['status', 'kind', 'sticky desc', 'published_at desc', 'id'])
    .execute();
  await db.schema
    .createIndex('posts_listing')
    .on('posts')
    .columns(['status', 'kind', 'published_at desc', 'id'])
    .execute();
  await db.schema
    .createIndex('post_terms_term')
    .on('post_terms')
    .columns(['term_id', 'post_id'])
    .execute();
  // Fresh statistics for the planner (SQLite's ANALYZE, PostgreSQL's ANALYZE of the tables).
  await sql`analyze`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('post_terms_term').execute();
  await db.schema.dropIndex('posts_listing').execute();
  await db.schema.dropIndex('posts_listing_sticky').execute();
}

/**
 * Pages (issue 11: WordPress's pages have somewhere to go): a post is either a `post` (dated,
 * in listings, feeds and search) or a `page` (in the site's navigation, not in listings). A
 * property of the post, not of a revision, like `sticky` (0031). Existing rows are posts.
 * The CHECK is part of the column, so SQLite (which cannot add a constraint to an existing
 * table) and PostgreSQL get the same rule.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('posts')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('post')
        .check(sql`kind IN ('post', 'page')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').dropColumn('kind').execute();
}

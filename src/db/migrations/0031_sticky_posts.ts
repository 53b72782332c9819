/**
 * Pinned ("sticky") posts (issue 11: WordPress's sticky flag has somewhere to go): an editor
 * pins a post to the top of the home page. A property of the post, not of a revision — pinning
 * is an editorial decision that saving a new version does not undo. 0 or 1.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('posts')
    .addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').dropColumn('sticky').execute();
}

/**
 * Two sorts every uncached post page paid for (issue 12, acceptance 6). A post's comment thread
 * is read in (created_at, id) order and `comments_thread` ended at created_at, so SQLite opened
 * a temporary B-tree for the last term even for an empty thread (~100 µs of a ~1.5 ms page);
 * the index now ends with id. A post's units are read in position order and only the primary
 * key (post_id, revision, unit_id) could find them, so they were sorted every time;
 * `post_units_order` gives the order straight from the index (with unit_id in it, a read of
 * the ids alone needs no table row).
 * Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_thread').execute();
  await db.schema
    .createIndex('comments_thread')
    .on('comments')
    .columns(['post_id', 'language', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('post_units_order')
    .on('post_units')
    .columns(['post_id', 'revision', 'position', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('post_units_order').execute();
  await db.schema.dropIndex('comments_thread').execute();
  await db.schema
    .createIndex('comments_thread')
    .on('comments')
    .columns(['post_id', 'language', 'status', 'created_at'])
    .execute();
}

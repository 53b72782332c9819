/**
 * Readers' comments on published posts and translations. Each row belongs to one post and to
 * the language version it was written on (the Spanish thread is the one `/es/…` shows), may
 * answer a top-level comment (`parent_id`; threads are one level deep, the service attaches a
 * reply to a reply to its top-level parent), and keeps its Markdown source (bounded by the
 * service). Status: pending (waiting for a moderator) → published | rejected. A deleted
 * comment keeps its row as a tombstone (`deleted_at`, `deleted_by`, body emptied) so its
 * replies stay in place. Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'published', 'rejected')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('moderated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('moderated_at', 'text')
    .execute();
  // A thread as readers see it, and the counts of a listing's cards.
  await db.schema
    .createIndex('comments_thread')
    .on('comments')
    .columns(['post_id', 'language', 'status', 'created_at'])
    .execute();
  // The moderation queue (pending first, oldest first).
  await db.schema
    .createIndex('comments_status_created')
    .on('comments')
    .columns(['status', 'created_at'])
    .execute();
  // "Has this account a published comment yet?" (a new account's first comment waits).
  await db.schema
    .createIndex('comments_author_status')
    .on('comments')
    .columns(['author_id', 'status'])
    .execute();
  await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comments').execute();
}

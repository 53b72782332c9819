/**
 * Interface messages translated by volunteers: every proposed text of a catalog message
 * (language, message key) with the English text it was written against, its status
 * (pending → approved | rejected; an approved one becomes superseded when another is
 * approved) and who proposed and reviewed it when. A partial UNIQUE index keeps at most one
 * approved text per (language, key) whatever races. Rows are never deleted.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('interface_translations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'superseded')`),
    )
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('interface_translations_one_approved')
    .on('interface_translations')
    .columns(['language', 'message_key'])
    .unique()
    .where(sql.ref('status'), '=', 'approved')
    .execute();
  // A language's proposals by state (the review queue, the list's pending counts).
  await db.schema
    .createIndex('interface_translations_language_status')
    .on('interface_translations')
    .columns(['language', 'status', 'message_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('interface_translations').execute();
}

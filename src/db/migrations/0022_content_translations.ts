/**
 * Site content translated by volunteers: per-language texts of the names and descriptions of
 * categories, tags and events, organizations' descriptions, authors' bios and media's alt
 * text and caption. Each row is one proposed text of one field of one subject in one language,
 * with the original it was written against, its status (pending → approved | rejected; an
 * approved one becomes superseded when another is approved) and who proposed and reviewed it
 * when. A partial UNIQUE index keeps at most one approved text per (subject, field, language)
 * whatever races. Rows are never deleted; a subject deleted later leaves its rows unread.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_translations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) =>
      c.notNull().check(sql`subject_kind in ('term', 'event', 'organization', 'user', 'media')`),
    )
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) =>
      c.notNull().check(sql`field in ('name', 'description', 'bio', 'alt', 'caption')`),
    )
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'superseded')`),
    )
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema
    .createIndex('content_translations_one_approved')
    .on('content_translations')
    .columns(['subject_kind', 'subject_id', 'field', 'language'])
    .unique()
    .where(sql.ref('status'), '=', 'approved')
    .execute();
  // A language's texts by state (readers' look-ups by subject, the review queue, counts).
  await db.schema
    .createIndex('content_translations_language_status')
    .on('content_translations')
    .columns(['language', 'status', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('content_translations').execute();
}

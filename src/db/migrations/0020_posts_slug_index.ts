/**
 * Posts by slug alone: a reader under any language prefix may open an original by its own
 * slug (the fallback page, `/ar/…/<original slug>`), which the unique (source_language, slug)
 * index cannot serve. Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('posts_slug').on('posts').column('slug').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('posts_slug').execute();
}

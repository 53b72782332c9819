/**
 * Permanent redirects from a former site's addresses (a WordPress import's `/?p=123`,
 * `/2024/03/05/hello-world/`, `/category/news/`…) to this site's paths. `path` is the old
 * address in its normal form (domain `redirectKey`: decoded, NFC, no trailing slash, only the
 * identifying query parameters, sorted), so a lookup is one primary-key read; `target` is a
 * local path (`/posts/abc`), checked before it is stored; `source` says who recorded the row
 * (`wordpress`). Storing a key again replaces its target, so an import can be re-run.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('redirects')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // ISO-8601 UTC instant.
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redirects').execute();
}

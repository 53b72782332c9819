/**
 * Languages and site settings run from the administration pages: `site_languages` (the
 * languages the site offers, in their menu order, with their direction, fallback chain and
 * whether readers see them and translators may translate into them) and `site_settings`
 * (one JSON value per key: site name, description, default language, publication policy…).
 * Both start empty: the first start seeds them from the environment, then the database is
 * the truth. Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_languages')
    // Canonical BCP 47 (`pt-BR`, `sr-Cyrl`).
    .addColumn('tag', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('ltr', 'rtl')`))
    // Comma-separated canonical tags, tried in order for missing text; may be empty.
    .addColumn('fallback', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reading', 'integer', (c) => c.notNull().check(sql`reading in (0, 1)`))
    .addColumn('translating', 'integer', (c) => c.notNull().check(sql`translating in (0, 1)`))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // JSON text.
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_settings').execute();
  await db.schema.dropTable('site_languages').execute();
}

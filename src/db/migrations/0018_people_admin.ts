/**
 * People and taxonomy run from the administration pages: a suspension on `users` (when, by
 * whom, why; the account's work stays), `user_review_languages` (the languages a reviewer may
 * review; none: every language, as before), `user_translate_languages` (the languages a person
 * says they translate into, shown on their profile), and a description on taxonomy terms and
 * events. Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('suspended_at', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('suspended_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('suspended_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (const table of ['user_review_languages', 'user_translate_languages']) {
    await db.schema
      .createTable(table)
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      // Canonical BCP 47.
      .addColumn('language', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['user_id', 'language'])
      .execute();
  }
  await db.schema
    .alterTable('taxonomy_terms')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('events')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').dropColumn('description').execute();
  await db.schema.alterTable('taxonomy_terms').dropColumn('description').execute();
  await db.schema.dropTable('user_translate_languages').execute();
  await db.schema.dropTable('user_review_languages').execute();
  await db.schema.alterTable('users').dropColumn('suspended_reason').execute();
  await db.schema.alterTable('users').dropColumn('suspended_by').execute();
  await db.schema.alterTable('users').dropColumn('suspended_at').execute();
}

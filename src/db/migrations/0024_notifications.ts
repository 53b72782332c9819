/**
 * Notifications: `notifications` (one notice to one person: its kind, the plain values its
 * message needs as JSON, the page it opens, when it was read, and where its e-mail stands —
 * none | pending | sending | sent | failed — with the attempts made), read newest first per
 * person and unread counted by the (user_id, read_at, created_at) index;
 * `notification_preferences` (a person's choice of e-mail per kind; no row: the kind's
 * default); `email_opt_outs` (one-click unsubscribes per person and scope, RFC 8058);
 * `site_secrets` (secrets generated once per site, such as the key of unsubscribe links, kept
 * apart from the settings administrators read and export); and `users.interface_language`
 * (the language mail to the person is written in; null: the site default).
 * Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON object of plain values (title, language, unit id, comment, actor name…).
    .addColumn('params', 'text', (c) => c.notNull())
    // A path on this site (`/translate/…#unit-…`).
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('email_state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`email_state in ('none', 'pending', 'sending', 'sent', 'failed')`),
    )
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('notifications_user_read_created')
    .on('notifications')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute();
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull().check(sql`email in (0, 1)`))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();
  await db.schema
    .createTable('email_opt_outs')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_opt_outs_pk', ['user_id', 'scope'])
    .execute();
  await db.schema
    .createTable('site_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // Base64url of random bytes.
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('users').addColumn('interface_language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('interface_language').execute();
  await db.schema.dropTable('site_secrets').execute();
  await db.schema.dropTable('email_opt_outs').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notifications').execute();
}

/**
 * Digest subscriptions (issue 10): a translator's choice of how often the digest of what needs
 * translating in their languages is e-mailed (`daily`, `weekly` or `off`) and when the last one
 * went out, plus optional narrowing filters (organizations, tags, authors). The languages are
 * not stored here: they are the person's translate languages (`user_translate_languages`,
 * 0018), the one list the hub, /account and the digest share.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) =>
      c.notNull().check(sql`frequency in ('daily', 'weekly', 'off')`),
    )
    // ISO-8601 UTC; null until the first digest is claimed.
    .addColumn('last_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The job's "who is due" scan: by frequency, oldest first.
  await db.schema
    .createIndex('digest_subscriptions_due')
    .on('digest_subscriptions')
    .columns(['frequency', 'last_sent_at'])
    .execute();
  await db.schema
    .createTable('digest_filters')
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('digest_subscriptions.user_id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('organization', 'tag', 'author')`),
    )
    // An organization id, a tag's term id or an author's user id.
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_filters_pk', ['user_id', 'kind', 'value'])
    .execute();
  // A digest and a "needs translation" feed read one language's translations at a time.
  await db.schema
    .createIndex('translations_language')
    .on('translations')
    .columns(['language', 'post_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('translations_language').execute();
  await db.schema.dropTable('digest_filters').execute();
  await db.schema.dropTable('digest_subscriptions').execute();
}

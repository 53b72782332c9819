/**
 * Sign-in and account defences. Frozen: takes Kysely<any>, imports no app code.
 *
 * - `users.username_skeleton`: what a user name looks like (UTS #39 skeleton, case-insensitive),
 *   under a UNIQUE index, so two look-alike names can never both be taken, even by two
 *   simultaneous sign-ups. Existing users are backfilled here with the same computation as
 *   src/domain/user.ts at the time of writing (copied, not imported: a migration never imports
 *   app code). Where existing names already look alike, the oldest account keeps the skeleton
 *   and the later ones get NULL (a UNIQUE index allows several NULLs on both engines): they keep
 *   working, and any new look-alike of them is still refused through the oldest one.
 * - `rate_counters`: fixed-window counters for limits that must hold per account whatever the
 *   client address, across restarts and instances (failed sign-ins per account, reset e-mails
 *   per address, sign-ups per e-mail). One row per (scope, key); `window_start` is ISO-8601 UTC
 *   text like every instant here.
 */
import type { Kysely } from 'kysely';
import unhomoglyph from 'unhomoglyph';

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD').replace(DEFAULT_IGNORABLE, '')).normalize('NFD');
}

function usernameSkeleton(username: string): string {
  return skeleton(skeleton(username.normalize('NFKC')).toLocaleLowerCase('und'));
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('username_skeleton', 'text').execute();

  const rows = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  for (const row of rows as { id: string; username: string }[]) {
    const key = usernameSkeleton(row.username);
    if (seen.has(key)) continue;
    seen.add(key);
    await db
      .updateTable('users')
      .set({ username_skeleton: key })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema
    .createIndex('users_username_skeleton')
    .on('users')
    .column('username_skeleton')
    .unique()
    .execute();

  await db.schema
    .createTable('rate_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['scope', 'key'])
    .execute();
  await db.schema
    .createIndex('rate_counters_window')
    .on('rate_counters')
    .columns(['scope', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_counters').execute();
  await db.schema.dropIndex('users_username_skeleton').execute();
  await db.schema.alterTable('users').dropColumn('username_skeleton').execute();
}

/**
 * Organizations run from the administration pages: each membership has a role
 * (`organization_members.role`: 'member' or 'coordinator', 'member' for every existing row),
 * and an organization may have a logo from the media library (`organizations.logo_media_id`;
 * deleting the media item clears it).
 *
 * The role is checked by the database as migration 0006 checks states: a CHECK constraint on
 * PostgreSQL, `BEFORE INSERT` / `BEFORE UPDATE OF role` triggers that abort on SQLite (which
 * cannot add a CHECK to an existing table). Frozen: takes Kysely<any>, imports no app code;
 * the list is copied from src/services/ports/organization.repository.ts as it is today.
 */
import { PostgresAdapter, sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

export const organizationRoles = ['member', 'coordinator'];

const constraint = 'organization_members_role_known';
const valueList = sql.join(organizationRoles.map((v) => sql.lit(v)));

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  const sqlite = adapter instanceof SqliteAdapter;
  if (!sqlite && !(adapter instanceof PostgresAdapter))
    throw new Error('0021_organization_roles supports SQLite and PostgreSQL only');

  await db.schema
    .alterTable('organization_members')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .execute();
  if (sqlite) {
    // RAISE takes a string literal; the message is ours (no quotes in it).
    const abort = sql.raw(
      `SELECT RAISE(ABORT, 'organization_members.role must be one of: ${organizationRoles.join(', ')}');`,
    );
    const when = sql`NEW.role NOT IN (${valueList})`;
    await sql`CREATE TRIGGER ${sql.id(`${constraint}_insert`)}
      BEFORE INSERT ON organization_members
      WHEN ${when} BEGIN ${abort} END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${constraint}_update`)}
      BEFORE UPDATE OF role ON organization_members
      WHEN ${when} BEGIN ${abort} END`.execute(db);
  } else {
    await db.schema
      .alterTable('organization_members')
      .addCheckConstraint(constraint, sql`role IN (${valueList})`)
      .execute();
  }

  await db.schema
    .alterTable('organizations')
    .addColumn('logo_media_id', 'text', (c) => c.references('media.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.alterTable('organizations').dropColumn('logo_media_id').execute();
  if (sqlite) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${constraint}_update`)}`.execute(db);
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${constraint}_insert`)}`.execute(db);
  } else {
    await db.schema.alterTable('organization_members').dropConstraint(constraint).execute();
  }
  await db.schema.alterTable('organization_members').dropColumn('role').execute();
}

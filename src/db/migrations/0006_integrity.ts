/**
 * Stored states and kinds are checked by the database, so a value the code does not know can
 * never be written (before this, repositories quietly read an unknown status as `draft`).
 * Frozen: takes Kysely<any> and imports no app code — the value lists are copied here as they
 * are in src/domain today (test/db/integrity.test.ts compares them, so drift is caught; a
 * later change to a list needs a new migration).
 *
 * PostgreSQL: `ALTER TABLE … ADD CONSTRAINT <table>_<column>_known CHECK (<column> IN (…))`.
 *
 * SQLite cannot add a CHECK constraint to an existing table; the alternative is to rebuild
 * each of these ten tables (create a copy with the constraint, copy every row, drop, rename),
 * which needs foreign keys switched off outside any transaction (other tables point at posts,
 * translations, users…) and rewrites every row of a live site. Instead each column gets two
 * triggers, `BEFORE INSERT` and `BEFORE UPDATE OF <column>`, that `RAISE(ABORT, …)` for a value
 * outside the list: the same guarantee for every write, no data copied, and dropped again by
 * `down`. A NULL passes, as with CHECK (NOT NULL columns refuse it themselves). A later
 * migration that rebuilds one of these tables on SQLite must create its triggers again.
 *
 * Both engines: rows already holding an unknown value make the migration fail first, naming
 * the table, column and values, instead of leaving a constraint the data breaks.
 *
 * Not constrained: `jobs.kind` (each job kind is checked against its registered handler at
 * start-up, and a new kind should not need a migration) and `target_history.action` (its list
 * is still growing with the review workflow; the domain keeps no single list of it yet).
 */
import { PostgresAdapter, sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

const postStatuses = ['draft', 'submitted', 'scheduled', 'published', 'unpublished'];
const roles = ['reader', 'translator', 'author', 'reviewer', 'editor', 'admin'];
const organizationKinds = ['chapter', 'user_group', 'thematic', 'other'];
const mediaKinds = ['image', 'document'];
const termKinds = ['tag', 'category'];
const unitKinds = [
  'title',
  'excerpt',
  'paragraph',
  'heading',
  'listItem',
  'tableCell',
  'blockquote',
  'caption',
  'alt',
  'embedTitle',
];
const translationStatuses = ['in_progress', 'published'];
const targetStates = ['untranslated', 'draft', 'translated', 'reviewed', 'outdated'];
const provenances = ['human', 'import', 'system'];

/** Every checked column with the values it may hold (exported for the drift test). */
export const checkedColumns: readonly {
  table: string;
  column: string;
  values: readonly string[];
}[] = [
  { table: 'posts', column: 'status', values: postStatuses },
  { table: 'user_roles', column: 'role', values: roles },
  { table: 'organizations', column: 'kind', values: organizationKinds },
  { table: 'media', column: 'kind', values: mediaKinds },
  { table: 'taxonomy_terms', column: 'kind', values: termKinds },
  { table: 'post_units', column: 'kind', values: unitKinds },
  { table: 'translations', column: 'status', values: translationStatuses },
  { table: 'targets', column: 'state', values: targetStates },
  { table: 'targets', column: 'previous_state', values: targetStates },
  { table: 'targets', column: 'provenance', values: provenances },
  { table: 'target_history', column: 'state', values: targetStates },
  { table: 'target_history', column: 'previous_state', values: targetStates },
  { table: 'target_history', column: 'provenance', values: provenances },
  { table: 'target_candidates', column: 'provenance', values: provenances },
];

const name = (c: { table: string; column: string }) => `${c.table}_${c.column}_known`;
const valueList = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));
const message = (c: { table: string; column: string; values: readonly string[] }) =>
  `${c.table}.${c.column} must be one of: ${c.values.join(', ')}`;

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  const sqlite = adapter instanceof SqliteAdapter;
  if (!sqlite && !(adapter instanceof PostgresAdapter))
    throw new Error('0006_integrity supports SQLite and PostgreSQL only');

  const unknown: string[] = [];
  for (const c of checkedColumns) {
    const rows = await sql<{ value: string }>`
      SELECT DISTINCT ${sql.ref(c.column)} AS value FROM ${sql.table(c.table)}
      WHERE ${sql.ref(c.column)} NOT IN (${valueList(c.values)})`.execute(db);
    if (rows.rows.length > 0)
      unknown.push(
        `${c.table}.${c.column}: ${rows.rows.map((r) => JSON.stringify(r.value)).join(', ')}`,
      );
  }
  if (unknown.length > 0)
    throw new Error(
      `rows hold values this version does not know; fix them, then migrate again:\n  ${unknown.join('\n  ')}`,
    );

  for (const c of checkedColumns) {
    if (!sqlite) {
      await db.schema
        .alterTable(c.table)
        .addCheckConstraint(name(c), sql`${sql.ref(c.column)} IN (${valueList(c.values)})`)
        .execute();
      continue;
    }
    // RAISE takes a string literal; the message is ours (no quotes in it).
    const abort = sql.raw(`SELECT RAISE(ABORT, '${message(c)}');`);
    const when = sql`NEW.${sql.ref(c.column)} NOT IN (${valueList(c.values)})`;
    await sql`CREATE TRIGGER ${sql.id(`${name(c)}_insert`)} BEFORE INSERT ON ${sql.table(c.table)}
      WHEN ${when} BEGIN ${abort} END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${name(c)}_update`)}
      BEFORE UPDATE OF ${sql.ref(c.column)} ON ${sql.table(c.table)}
      WHEN ${when} BEGIN ${abort} END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const c of [...checkedColumns].reverse()) {
    if (!sqlite) {
      await db.schema.alterTable(c.table).dropConstraint(name(c)).execute();
      continue;
    }
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${name(c)}_update`)}`.execute(db);
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${name(c)}_insert`)}`.execute(db);
  }
}

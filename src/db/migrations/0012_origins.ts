/**
 * Where a translation came from: a translator may start from a translation-memory match or a
 * machine translation. Provenance gains `memory` and `machine`; targets and candidates keep
 * the suggestion they started from (`origin_text`, the MT engine or the memory score), so the
 * share of unmodified machine translation can be measured and a translation made mostly of it
 * kept from publication. Frozen: takes Kysely<any>, imports no app code.
 *
 * The provenance lists checked since 0006 are replaced: on PostgreSQL the CHECK constraint
 * `<table>_provenance_known` is dropped and added again with the new list; on SQLite its two
 * triggers are dropped and created again (see 0006 for why triggers).
 */
import { PostgresAdapter, sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

const before = ['human', 'import', 'system'];
const provenances = ['human', 'import', 'system', 'memory', 'machine'];

/** The provenance columns and the list each may hold after this migration (drift test). */
export const provenanceColumns: readonly { table: string; column: string; values: string[] }[] = [
  { table: 'targets', column: 'provenance', values: provenances },
  { table: 'target_history', column: 'provenance', values: provenances },
  { table: 'target_candidates', column: 'provenance', values: provenances },
];

const name = (c: { table: string; column: string }) => `${c.table}_${c.column}_known`;
const valueList = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/* eslint-disable @typescript-eslint/no-explicit-any */
async function checkProvenance(db: Kysely<any>, values: readonly string[]): Promise<void> {
  const adapter = db.getExecutor().adapter;
  const sqlite = adapter instanceof SqliteAdapter;
  if (!sqlite && !(adapter instanceof PostgresAdapter))
    throw new Error('0012_origins supports SQLite and PostgreSQL only');
  for (const c of provenanceColumns) {
    if (!sqlite) {
      await db.schema.alterTable(c.table).dropConstraint(name(c)).execute();
      await db.schema
        .alterTable(c.table)
        .addCheckConstraint(name(c), sql`${sql.ref(c.column)} IN (${valueList(values)})`)
        .execute();
      continue;
    }
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${name(c)}_update`)}`.execute(db);
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${name(c)}_insert`)}`.execute(db);
    const abort = sql.raw(
      `SELECT RAISE(ABORT, '${c.table}.${c.column} must be one of: ${values.join(', ')}');`,
    );
    const when = sql`NEW.${sql.ref(c.column)} NOT IN (${valueList(values)})`;
    await sql`CREATE TRIGGER ${sql.id(`${name(c)}_insert`)} BEFORE INSERT ON ${sql.table(c.table)}
      WHEN ${when} BEGIN ${abort} END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${name(c)}_update`)}
      BEFORE UPDATE OF ${sql.ref(c.column)} ON ${sql.table(c.table)}
      WHEN ${when} BEGIN ${abort} END`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await checkProvenance(db, provenances);
  for (const table of ['targets', 'target_candidates']) {
    // The suggestion the text started from (MT output or memory target), its engine or score.
    await db.schema.alterTable(table).addColumn('origin_text', 'text').execute();
    await db.schema.alterTable(table).addColumn('origin_engine', 'text').execute();
    await db.schema.alterTable(table).addColumn('origin_score', 'integer').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['target_candidates', 'targets']) {
    for (const column of ['origin_score', 'origin_engine', 'origin_text'])
      await db.schema.alterTable(table).dropColumn(column).execute();
  }
  await checkProvenance(db, before);
}

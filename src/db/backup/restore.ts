/**
 * Fills an empty, migrated database of either engine from a backup's tables, in one
 * transaction (a failure leaves the database as empty as it was):
 *  - the backup must come from the same migrations as this database (same tables, same
 *    columns) — or from just before migrations that only add a column with a default
 *    (ADDED_COLUMNS), which its rows then take — and every table must be empty;
 *  - tables go in foreign-key order; a column referencing its own table (a reply's parent, a
 *    suspension's author) is written once all of the table's rows are in;
 *  - what one engine derives is derived again: search rows are re-analysed for this engine
 *    (FTS5 terms or a tsvector), PostgreSQL's memory trigram keys are recomputed (SQLite's
 *    FTS5 memory index fills itself by trigger), and identity sequences continue after the
 *    highest restored id.
 */
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import { entryGramKeys, MAX_FUZZY_LENGTH } from '../../domain/memory/grams.js';
import { analyzeSearchText } from '../../domain/search-text.js';
import { KyselySearchRepository } from '../repositories/search.repository.js';
import type { Database } from '../schema.js';
import type { Row } from './snapshot.js';
import { backupTables, insertOrder } from './tables.js';
import type { TableInfo } from './tables.js';

export interface RestoreSource {
  migrations: string[];
  /** Each table's columns, and the rows it should have when the source says. */
  tables: { name: string; columns: string[]; rows?: number }[];
  /** The table's rows in its `columns` order, a page at a time. */
  rows(table: string): AsyncIterable<Row[]>;
}

/** A backup that does not fit this database; nothing was written. */
export class RestoreRefusedError extends Error {}

/** Bound parameters per INSERT (SQLite allows 32,766, PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;

type Db = Kysely<Database>;

/**
 * Restores `source` into `db`, whose `tables` checkRestorable answered (callers check first,
 * then write what goes before the rows); answers the rows written per table.
 */
export async function restoreTables(
  db: Db,
  source: RestoreSource,
  tables: TableInfo[],
): Promise<Map<string, number>> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const counts = new Map<string, number>();
  await db.transaction().execute(async (trx) => {
    for (const table of insertOrder(tables)) {
      const backed = source.tables.find((t) => t.name === table.name);
      const columns = backed?.columns ?? [];
      let written = 0;
      for await (const page of source.rows(table.name)) {
        if (table.name === 'post_search') await indexSearchRows(trx, columns, page);
        else await insertRows(trx, table, columns, page, sqlite);
        written += page.length;
      }
      if (backed?.rows !== undefined && backed.rows !== written)
        throw new RestoreRefusedError(
          `Table ${table.name}: the backup holds ${written} rows, its manifest says ${backed.rows}`,
        );
      if (table.selfReferences.length > 0) await linkSelfReferences(trx, table, columns, source);
      counts.set(table.name, written);
    }
    if (!sqlite) await continueIdentities(trx);
  });
  return counts;
}

/**
 * Throws RestoreRefusedError unless `source` fits `db` (same migrations, tables and columns)
 * and every table of `db` is empty; answers `db`'s tables.
 */
export async function checkRestorable(db: Db, source: RestoreSource): Promise<TableInfo[]> {
  const tables = await backupTables(db);
  const { rows: applied } = await sql<{ name: string }>`
    SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  const ours = applied.map((m) => m.name);
  const missing = source.migrations.filter((m) => !ours.includes(m));
  const extra = ours.filter((m) => !source.migrations.includes(m));
  // A backup from just before migrations that only add a defaulted column restores as is.
  const added = addedSince(source.migrations, ours, extra);
  if (added) extra.length = 0;
  if (missing.length > 0)
    throw new RestoreRefusedError(
      `The backup comes from a newer version of Polyphony (migrations ${missing.join(', ')}); upgrade before restoring`,
    );
  if (extra.length > 0)
    throw new RestoreRefusedError(
      `The backup comes from an older version of Polyphony (without migrations ${extra.join(', ')}); restore it with that version, then upgrade`,
    );
  for (const table of tables) {
    const backed = source.tables.find((t) => t.name === table.name);
    if (!backed) throw new RestoreRefusedError(`The backup has no table ${table.name}`);
    const want = table.columns
      .filter((c) => !added?.some((a) => a.table === table.name && a.column === c))
      .sort()
      .join(', ');
    const have = [...backed.columns].sort().join(', ');
    if (want !== have)
      throw new RestoreRefusedError(
        `Table ${table.name}: the backup has columns (${have}), this database (${want})`,
      );
  }
  for (const backed of source.tables)
    if (!tables.some((t) => t.name === backed.name))
      throw new RestoreRefusedError(`This database has no table ${backed.name}`);
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM ${sql.table(table.name)}`.execute(db);
    if (Number(rows[0]?.n ?? 0) > 0)
      throw new RestoreRefusedError(
        `Restore fills an empty database, and table ${table.name} has rows: use a new database`,
      );
  }
  return tables;
}

/**
 * Migrations that only add a column with a default to an existing table, or only indexes (no
 * column). A backup made before them fits this database: its rows leave the column out and get
 * the default, as the migration left the rows it found (0034: every older post is a post).
 */
const ADDED_COLUMNS: Readonly<Record<string, readonly { table: string; column: string }[]>> = {
  '0034_post_kind': [{ table: 'posts', column: 'kind' }],
  '0035_listing_indexes': [],
  '0036_read_path_indexes': [],
};

/**
 * The columns `extra` (this database's migrations the backup lacks) added, when every one of
 * them is in ADDED_COLUMNS and they all come after the backup's last migration; else null.
 */
function addedSince(
  backup: readonly string[],
  ours: readonly string[],
  extra: readonly string[],
): { table: string; column: string }[] | null {
  if (extra.length === 0) return null;
  const before = [...backup].sort();
  const prefix = ours.slice(0, ours.length - extra.length);
  if (prefix.length !== before.length || prefix.some((m, i) => m !== before[i])) return null;
  const added = extra.map((m) => ADDED_COLUMNS[m]);
  return added.every((a) => a !== undefined) ? added.flat() : null;
}

async function insertRows(
  trx: Db,
  table: TableInfo,
  columns: string[],
  page: Row[],
  sqlite: boolean,
): Promise<void> {
  const later = new Set(table.selfReferences);
  const fuzzy = !sqlite && table.name === 'memory_entries';
  const names = fuzzy ? [...columns, 'fuzzy_grams'] : columns;
  const at = (name: string) => columns.indexOf(name);
  const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
  for (let start = 0; start < page.length; start += perInsert) {
    const values = page.slice(start, start + perInsert).map((row) => {
      const cells = row.map((value, i) => (later.has(columns[i] ?? '') ? null : value));
      if (fuzzy) {
        const length = Number(row[at('source_length')]);
        const tag = String(row[at('match_tag')]);
        const prefilter = String(row[at('prefilter')]);
        const keys = length <= MAX_FUZZY_LENGTH ? entryGramKeys(tag, prefilter) : [];
        return sql`(${sql.join(cells.map((v) => sql`${v}`))}, ${keys}::integer[])`;
      }
      return sql`(${sql.join(cells.map((v) => sql`${v}`))})`;
    });
    await sql`INSERT INTO ${sql.table(table.name)} (${sql.join(names.map((c) => sql.ref(c)))})
      VALUES ${sql.join(values)}`.execute(trx);
  }
}

async function linkSelfReferences(
  trx: Db,
  table: TableInfo,
  columns: string[],
  source: RestoreSource,
): Promise<void> {
  const keyAt = table.primaryKey.map((k) => columns.indexOf(k));
  if (keyAt.length === 0 || keyAt.some((i) => i < 0))
    throw new RestoreRefusedError(`Table ${table.name} refers to itself without a primary key`);
  for await (const page of source.rows(table.name))
    for (const row of page)
      for (const column of table.selfReferences) {
        const value = row[columns.indexOf(column)];
        if (value === null || value === undefined) continue;
        const where = sql.join(
          table.primaryKey.map((k, i) => sql`${sql.ref(k)} = ${row[keyAt[i] ?? 0]}`),
          sql` AND `,
        );
        await sql`UPDATE ${sql.table(table.name)} SET ${sql.ref(column)} = ${value}
          WHERE ${where}`.execute(trx);
      }
}

async function indexSearchRows(trx: Db, columns: string[], page: Row[]): Promise<void> {
  const search = new KyselySearchRepository(trx);
  const at = (name: string) => columns.indexOf(name);
  for (const row of page) {
    const text = (column: string) => {
      const value = row[at(column)];
      return typeof value === 'string' ? value : '';
    };
    const [postId, language, title, body] = [
      text('post_id'),
      text('language'),
      text('title'),
      text('body'),
    ];
    const analysis = analyzeSearchText(search.analysisKind, language, title, body);
    await search.index({ postId, language, title, body, analysis });
  }
}

/** PostgreSQL: identity columns continue after the highest restored value. */
async function continueIdentities(trx: Db): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(trx);
  for (const { table, column } of rows) {
    const sequence = sql`pg_get_serial_sequence(${table}, ${column})`;
    await sql`SELECT setval(${sequence}, coalesce(max(${sql.ref(column)}), 0) + 1, false)
      FROM ${sql.table(table)}`.execute(trx);
  }
}

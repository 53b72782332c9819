/**
 * Reads every backed-up table (tables.ts) inside one snapshot of a live database: a REPEATABLE
 * READ transaction on PostgreSQL, a read transaction on SQLite (WAL: writers go on, the reader
 * keeps the state at its first read). Every row a backup holds is from the same instant, so
 * saves under way are either wholly in it or not at all.
 *
 * Rows are read a page at a time in primary-key order (keyset, so a large table is never in
 * memory at once, and a dump of the same data is the same bytes).
 */
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import { backupTables } from './tables.js';
import type { TableInfo } from './tables.js';

/** Rows read per query. */
const PAGE = 1000;

export type Row = unknown[];

export interface SnapshotReader {
  /** The migrations applied to the database, oldest first. */
  migrations: string[];
  tables: TableInfo[];
  /** The table's rows as arrays in `table.columns` order, a page at a time. */
  rows(table: TableInfo): AsyncGenerator<Row[]>;
}

/** Runs `work` with a reader over one consistent snapshot of `db`. */
export async function withSnapshot<T>(
  db: Kysely<Database>,
  work: (reader: SnapshotReader) => Promise<T>,
): Promise<T> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const transaction = sqlite
    ? db.transaction()
    : db.transaction().setIsolationLevel('repeatable read');
  return transaction.execute(async (trx) => {
    const { rows: applied } = await sql<{ name: string }>`
      SELECT name FROM kysely_migration ORDER BY name`.execute(trx);
    const tables = await backupTables(trx);
    return work({
      migrations: applied.map((m) => m.name),
      tables,
      rows: (table) => readRows(trx, table),
    });
  });
}

async function* readRows(db: Kysely<Database>, table: TableInfo): AsyncGenerator<Row[]> {
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  const key = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  const keyIndexes = key.map((k) => table.columns.indexOf(k));
  const keyed = table.primaryKey.length > 0 && keyIndexes.every((i) => i >= 0);
  const order = sql.join(key.map((k) => sql.ref(k)));
  let after: Row | null = null;
  for (let offset = 0; ; offset += PAGE) {
    let page: RawBuilder<Record<string, unknown>>;
    if (keyed && after) {
      const last = after;
      const values = sql.join(keyIndexes.map((i) => sql`${last[i]}`));
      page = sql`SELECT ${columns} FROM ${sql.table(table.name)}
        WHERE (${order}) > (${values}) ORDER BY ${order} LIMIT ${PAGE}`;
    } else if (keyed) {
      page = sql`SELECT ${columns} FROM ${sql.table(table.name)} ORDER BY ${order} LIMIT ${PAGE}`;
    } else {
      // No primary key: whole-row order, by offset (small bookkeeping tables only).
      page = sql`SELECT ${columns} FROM ${sql.table(table.name)}
        ORDER BY ${order} LIMIT ${PAGE} OFFSET ${offset}`;
    }
    const { rows } = await page.execute(db);
    const arrays = rows.map((row) => table.columns.map((c) => row[c] ?? null));
    if (arrays.length > 0) yield arrays;
    if (arrays.length < PAGE) return;
    after = arrays[arrays.length - 1] ?? null;
  }
}

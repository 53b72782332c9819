/**
 * What a backup holds, read from the database itself (so a table added by a migration is in
 * every backup without a list to keep up to date): the base tables with their columns, primary
 * keys and the tables they reference, minus what is not data —
 *  - Kysely's migration bookkeeping (the target has its own, and must match: see restore.ts);
 *  - SQLite's FTS5 tables and their shadow tables (an index, rebuilt on restore);
 *  - columns that are a function of other columns on one engine only (`DERIVED_COLUMNS`).
 * `post_search` is backed up by its text columns only and re-analysed on restore (see
 * restore.ts): SQLite keeps FTS5 terms, PostgreSQL a tsvector.
 */
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface TableInfo {
  name: string;
  /** Backed-up columns, in the table's order. */
  columns: string[];
  /** Primary-key columns, in key order (rows are read and written in this order). */
  primaryKey: string[];
  /** Other tables this one's foreign keys point at. */
  references: string[];
  /** Columns referencing this same table (written after every row is in). */
  selfReferences: string[];
}

/** Never backed up: the migrator's own tables. */
const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Columns derived from others on one engine (recomputed on restore: restore.ts). */
export const DERIVED_COLUMNS: Record<string, string[]> = {
  memory_entries: ['fuzzy_grams'],
  post_search: ['config', 'document', 'title_terms', 'body_terms', 'index_version'],
};

type Db = Kysely<Database>;

function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** The tables a backup holds, sorted by name. */
export async function backupTables(db: Db): Promise<TableInfo[]> {
  const tables = isSqlite(db) ? await sqliteTables(db) : await postgresTables(db);
  return tables
    .filter((t) => !SKIPPED_TABLES.has(t.name))
    .map((t) => {
      const derived = new Set(DERIVED_COLUMNS[t.name] ?? []);
      return { ...t, columns: t.columns.filter((c) => !derived.has(c)) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function sqliteTables(db: Db): Promise<TableInfo[]> {
  const { rows: master } = await sql<{ name: string; sql: string | null }>`
    SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
    db,
  );
  const virtual = master
    .filter((t) => /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(t.sql ?? ''))
    .map((t) => t.name);
  const result: TableInfo[] = [];
  for (const { name } of master) {
    // An FTS5 table's shadow tables are named after it: `<table>_data`, `<table>_idx`…
    const ftsIndex = virtual.some((v) => name.startsWith(`${v}_`)) || virtual.includes(name);
    if (ftsIndex && name !== 'post_search') continue;
    if (name === 'post_search') {
      // The FTS5 table itself: its text columns are the data (see restore.ts).
      result.push({
        name,
        columns: ['post_id', 'language', 'title', 'body'],
        primaryKey: ['post_id', 'language'],
        references: [],
        selfReferences: [],
      });
      continue;
    }
    const { rows: columns } = await sql<{ name: string; pk: number }>`
      SELECT name, pk FROM pragma_table_info(${name}) ORDER BY cid`.execute(db);
    const { rows: keys } = await sql<{ table: string; from: string }>`
      SELECT "table", "from" FROM pragma_foreign_key_list(${name})`.execute(db);
    result.push({
      name,
      columns: columns.map((c) => c.name),
      primaryKey: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: [...new Set(keys.filter((k) => k.table !== name).map((k) => k.table))],
      selfReferences: keys.filter((k) => k.table === name).map((k) => k.from),
    });
  }
  return result;
}

async function postgresTables(db: Db): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db);
  const { rows: columns } = await sql<{ table: string; name: string }>`
    SELECT table_name AS "table", column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ table: string; name: string }>`
    SELECT c.relname AS "table", a.attname AS name
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE i.indisprimary
    ORDER BY c.relname, k.position`.execute(db);
  const { rows: foreign } = await sql<{ table: string; column: string; target: string }>`
    SELECT c.relname AS "table", a.attname AS "column", t.relname AS target
    FROM pg_constraint f
    JOIN pg_class c ON c.oid = f.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    JOIN pg_class t ON t.oid = f.confrelid
    CROSS JOIN LATERAL unnest(f.conkey) AS k(attnum)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE f.contype = 'f'`.execute(db);
  return tables.map(({ name }) => ({
    name,
    columns:
      name === 'post_search'
        ? ['post_id', 'language', 'title', 'body']
        : columns.filter((c) => c.table === name).map((c) => c.name),
    primaryKey: keys.filter((k) => k.table === name).map((k) => k.name),
    references: [
      ...new Set(foreign.filter((f) => f.table === name && f.target !== name).map((f) => f.target)),
    ],
    selfReferences: foreign
      .filter((f) => f.table === name && f.target === name)
      .map((f) => f.column),
  }));
}

/**
 * Tables ordered so that every table comes after those it references (self-references
 * aside). Throws when references form a cycle between tables (none does today).
 */
export function insertOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const order: TableInfo[] = [];
  const visit = (table: TableInfo, path: string[]) => {
    if (done.has(table.name)) return;
    if (path.includes(table.name))
      throw new Error(`foreign keys form a cycle: ${[...path, table.name].join(' → ')}`);
    for (const ref of table.references) {
      const target = byName.get(ref);
      if (target) visit(target, [...path, table.name]);
    }
    done.add(table.name);
    order.push(table);
  };
  for (const table of tables) visit(table, []);
  return order;
}

/**
 * Opens the database named by a URL. Two real engines behind one Kysely type:
 *   sqlite:PATH | sqlite::memory:        better-sqlite3, WAL journal, foreign keys on
 *   postgres://… | postgresql://…        pg connection pool
 *   pglite: | pglite:PATH                PGlite (PostgreSQL in-process; tests and demos)
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteAdapter } from 'kysely';
import type { SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import pg from 'pg';
import { InlineLimitsSqliteDialect } from './inline-limits.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** How long a SQLite statement waits for another connection's write lock. */
const BUSY_TIMEOUT_MS = 5000;

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Which driver: 'sqlite', 'pg' or 'pglite'; for logs and test names. */
  driver: 'sqlite' | 'pg' | 'pglite';
  close(): Promise<void>;
}

/** Throws an Error naming DATABASE_URL when the URL is not one of the supported forms. */
export async function openDatabase(url: string): Promise<DatabaseHandle> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const database = new SqliteDatabase(path);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const db = new Kysely<Database>({
      dialect: new InlineLimitsSqliteDialect({ database: withStatementCache(database) }),
    });
    return { db, engine: 'sqlite', driver: 'sqlite', close: () => db.destroy() };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // Like psql, a URL without a user name means the operating-system user (pg itself only
    // looks at $USER, which services and CI shells often lack).
    const pool = new pg.Pool({ connectionString: withDefaultUser(url), max: 10 });
    // An idle client dropped by the server (restart, pg_terminate_backend) is discarded by the
    // pool; without a listener its 'error' event would crash the process.
    pool.on('error', () => undefined);
    // A client checked out (a transaction awaiting work between statements) whose connection
    // the server ends emits 'error' with no pool listener attached: without this one it would
    // crash the process. Its statements then fail, and the pool discards it when released.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', driver: 'pg', close: () => db.destroy() };
  }
  if (url.startsWith('pglite:')) {
    const path = url.slice('pglite:'.length);
    // Loaded only when asked for: PGlite's WebAssembly PostgreSQL costs ~50 MB of memory.
    const [{ PGlite }, { PGliteDialect }, { pg_trgm }, { btree_gin }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('kysely-pglite-dialect'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/btree_gin'),
    ]);
    // Translation memory's trigram index (migration 0013) needs both extensions.
    const extensions = { pg_trgm, btree_gin };
    const client = path ? new PGlite(path, { extensions }) : new PGlite({ extensions });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    return { db, engine: 'postgres', driver: 'pglite', close: () => db.destroy() };
  }
  throw new Error(
    `DATABASE_URL must start with sqlite:, postgres://, postgresql:// or pglite: (got "${url.split(':')[0]}:…")`,
  );
}

/** How long a locked transaction on SQLite keeps asking for the write lock before it fails. */
const SQLITE_LOCK_WAIT_MS = 120_000;

/**
 * Runs `work` in one transaction that holds the lock named `name`: of every connection and
 * instance on the database, one such transaction per name runs at a time; the others wait
 * for it to commit, then run (and see what it wrote).
 *  - PostgreSQL: `pg_advisory_xact_lock` on a 64-bit key derived from the name, released at
 *    commit or rollback; under READ COMMITTED every statement after it sees the winner's rows.
 *  - SQLite: `BEGIN IMMEDIATE`, the database's one write lock, taken at the start (a plain
 *    BEGIN takes it at the first write, after reads that may be stale by then). Asked for
 *    without blocking the event loop (busy_timeout 0, retried), for up to two minutes.
 * `work` gets the transaction (on SQLite a connection-bound instance inside BEGIN IMMEDIATE);
 * it must not start a transaction of its own. Throws whatever `work` throws, after rollback.
 */
export async function lockedTransaction<T>(
  db: Kysely<Database>,
  name: string,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    return db.transaction().execute(async (trx) => {
      await takeAdvisoryLock(trx, name);
      return work(trx);
    });
  }
  return db.connection().execute(async (conn) => {
    await beginImmediate(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/** Inside a PostgreSQL transaction: waits for and holds the advisory lock `name` until it ends. */
export async function takeAdvisoryLock(trx: Kysely<Database>, name: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof SqliteAdapter) return; // one writer anyway
  await sql`select pg_advisory_xact_lock(${advisoryKey(name)}::bigint)`.execute(trx);
}

/** A stable signed 64-bit key for a lock name (the first 8 bytes of its SHA-256). */
export function advisoryKey(name: string): string {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return digest.readBigInt64BE(0).toString();
}

async function beginImmediate(conn: Kysely<Database>): Promise<void> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  await sql`pragma busy_timeout = 0`.execute(conn);
  try {
    for (let wait = 5; ; wait = Math.min(wait * 2, 250)) {
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (error) {
        if (!isSqliteBusy(error) || Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(conn);
  }
}

function isSqliteBusy(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')
  );
}

/** Adds the operating-system user to a postgres URL that names none. */
export function withDefaultUser(url: string): string {
  const parsed = new URL(url);
  if (parsed.username) return url;
  parsed.username = userInfo().username;
  return parsed.toString();
}

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew; with better-sqlite3, preparing costs more than running a
 * small query. The same SQL text (Kysely's queries are parameterized) reuses its statement,
 * least recently used dropped past STATEMENT_CACHE. Safe because Kysely runs one query at a
 * time on the single connection and never keeps an iterator open across queries.
 */
export function withStatementCache(database: SqliteDatabase.Database): SqliteDialectDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Opens the database named by a URL. Two real engines behind one Kysely type:
 *   sqlite:PATH | sqlite::memory:        better-sqlite3, WAL journal, foreign keys on
 *   postgres://… | postgresql://…        pg connection pool
 *   pglite: | pglite:PATH                PGlite (PostgreSQL in-process; tests and demos)
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

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
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', driver: 'pg', close: () => db.destroy() };
  }
  if (url.startsWith('pglite:')) {
    const path = url.slice('pglite:'.length);
    // Loaded only when asked for: PGlite's WebAssembly PostgreSQL costs ~50 MB of memory.
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('kysely-pglite-dialect'),
    ]);
    const client = path ? new PGlite(path) : new PGlite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    return { db, engine: 'postgres', driver: 'pglite', close: () => db.destroy() };
  }
  throw new Error(
    `DATABASE_URL must start with sqlite:, postgres://, postgresql:// or pglite: (got "${url.split(':')[0]}:…")`,
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

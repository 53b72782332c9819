/**
 * Runs database tests once per engine: SQLite (in-memory), PGlite (in-process PostgreSQL),
 * and the real PostgreSQL server when TEST_POSTGRES_URL is set. Each test file gets its own
 * fresh database on the real server (created here, dropped afterwards).
 *
 * In CI (CI=true) TEST_POSTGRES_URL is required: a missing server fails the run instead of
 * silently testing less.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, withDefaultUser } from '../../src/db/connection.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface EngineCase {
  name: 'sqlite' | 'pglite' | 'postgres';
  open(): Promise<DatabaseHandle>;
}

let warned = false;

/** The engines to loop over in this environment. */
export function engines(): EngineCase[] {
  const list: EngineCase[] = [
    { name: 'sqlite', open: async () => migrated(await openDatabase('sqlite::memory:')) },
    { name: 'pglite', open: async () => migrated(await openDatabase('pglite:')) },
  ];
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (serverUrl) {
    list.push({ name: 'postgres', open: () => freshServerDatabase(serverUrl) });
  } else if (process.env.CI === 'true') {
    throw new Error(
      'CI=true but TEST_POSTGRES_URL is not set: the PostgreSQL server tests cannot be skipped in CI',
    );
  } else if (!warned) {
    warned = true;
    console.warn(
      '\n*** TEST_POSTGRES_URL is not set: database tests run on SQLite and PGlite only.\n' +
        '*** To include the real server: TEST_POSTGRES_URL=postgres://127.0.0.1:5432/test npm test\n',
    );
  }
  return list;
}

async function migrated(handle: DatabaseHandle): Promise<DatabaseHandle> {
  await migrateToLatest(handle);
  return handle;
}

async function freshServerDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const name = `polyphony_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDefaultUser(serverUrl) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await migrated(await openDatabase(url.toString()));
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: withDefaultUser(serverUrl) });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

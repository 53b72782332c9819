/**
 * The real-concurrency tier: several clients — each its own DatabaseHandle, so its own pg
 * pool of connections — on one fresh database of the PostgreSQL server, under the server's
 * default isolation (READ COMMITTED). SQLite and PGlite run one connection and cannot show
 * these races, so this tier runs on the server only.
 *
 * In CI (CI=true) TEST_POSTGRES_URL is required: its absence fails the suite. Elsewhere the
 * tier is skipped with a loud line saying what is missing and how to set it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, withDefaultUser } from '../../src/db/connection.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { testDeps } from '../support/app.js';

let warned = false;

/** The server URL, or undefined (outside CI only) after a loud warning. */
export function serverUrl(): string | undefined {
  const url = process.env.TEST_POSTGRES_URL;
  if (url) return url;
  if (process.env.CI === 'true')
    throw new Error(
      'CI=true but TEST_POSTGRES_URL is not set: the real-PostgreSQL concurrency tier (test/concurrency) cannot be skipped in CI',
    );
  if (!warned) {
    warned = true;
    console.warn(
      '\n!!! TEST_POSTGRES_URL is not set: the concurrency tier (test/concurrency) is SKIPPED.\n' +
        '!!! It needs a real PostgreSQL server (separate connections, READ COMMITTED):\n' +
        '!!!   TEST_POSTGRES_URL=postgres://127.0.0.1:5432/test npx vitest run test/concurrency\n',
    );
  }
  return undefined;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** One fresh database on the server, and as many clients of it as a test wants. */
export interface ServerDatabase {
  /** Its URL (for createRuntime and the CLI). */
  url: string;
  /** A new client: its own handle and pool. Closed by drop(). */
  open(): Promise<DatabaseHandle>;
  /** A new client with the test's service deps (real adapters, temp media). */
  client(): Promise<ServiceDeps>;
  /** Closes every client and drops the database. */
  drop(): Promise<void>;
}

/** Creates a database; migrated unless `migrate` is false (the migration tests do it). */
export async function freshDatabase(
  server: string,
  options: { migrate?: boolean } = {},
): Promise<ServerDatabase> {
  const name = `polyphony_conc_${randomBytes(6).toString('hex')}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handles: DatabaseHandle[] = [];
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-conc-'));
  const open = async () => {
    const handle = await openDatabase(url.toString());
    handles.push(handle);
    return handle;
  };
  if (options.migrate !== false) await migrateToLatest(await open());
  return {
    url: url.toString(),
    open,
    client: async () => testDeps((await open()).db, mediaDir),
    drop: async () => {
      for (const handle of handles) await handle.close().catch(() => undefined);
      await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** `deps` with the clock at `iso` (the scheduler of a later moment, a retry after backoff). */
export function at(deps: ServiceDeps, iso: string): ServiceDeps {
  const date = new Date(iso);
  return { ...deps, clock: { now: () => new Date(date) } };
}

/** Settles every promise; the results in order, as { ok, value } or { ok: false, error }. */
export async function settle<T>(
  promises: readonly Promise<T>[],
): Promise<({ ok: true; value: T } | { ok: false; error: unknown })[]> {
  const results = await Promise.allSettled(promises);
  return results.map((r) => {
    if (r.status === 'fulfilled') return { ok: true, value: r.value };
    const error: unknown = r.reason;
    return { ok: false, error };
  });
}

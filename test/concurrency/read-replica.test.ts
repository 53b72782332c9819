/**
 * Issue 12, acceptance 2: DATABASE_READ_URL on a real streaming replica of the PostgreSQL
 * server (.ci/start-replica makes one with pg_basebackup; TEST_POSTGRES_READ_URL names it).
 * The replica's replay is paused to hold it behind the primary: a signed-in author sees their
 * save at once, a signed-out reader gets the replica's older page, and once the replica has
 * replayed the save the reader gets the new one (the change feed's second delivery drops the
 * page cached meanwhile). The whole demo site, crawled signed-out, renders from the replica
 * (a read-only server: any reader page that wrote would fail).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStaticExport } from '../../src/cli/static-export-command.js';
import { loadEnv } from '../../src/config/env.js';
import { withDefaultUser } from '../../src/db/connection.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { buildApp } from '../../src/http/app.js';
import { createRuntime } from '../../src/main.js';
import type { Runtime } from '../../src/main.js';
import { seedDemoOnce } from '../../src/services/demo/seed-demo.service.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { PublicChange } from '../../src/services/ports.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser } from '../support/app.js';
import { at, pathOf, read, writePost } from '../http/reader/reader-support.js';
import { freshDatabase, serverUrl } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();
const replicaServer = process.env.TEST_POSTGRES_READ_URL;
if (url && !replicaServer) {
  if (process.env.CI === 'true')
    throw new Error(
      'CI=true but TEST_POSTGRES_READ_URL is not set: the read-replica tests cannot be skipped in CI (.ci/start-replica makes the replica)',
    );
  console.warn(
    '\n!!! TEST_POSTGRES_READ_URL is not set: the read-replica tests are SKIPPED.\n' +
      '!!! Make a streaming replica of the local server and name it:\n' +
      '!!!   bash .ci/start-replica 5433 && TEST_POSTGRES_READ_URL=postgres://127.0.0.1:5433/test npx vitest run test/concurrency/read-replica.test.ts\n',
  );
}
const LAG_MS = 5000;

/** Resolves once `check` holds (tried every 20 ms); throws naming `what` after 10 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A one-off client of `connection` running `statement`; its rows. */
async function query<T extends pg.QueryResultRow>(
  connection: string,
  statement: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: withDefaultUser(connection) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!url || !replicaServer)('DATABASE_READ_URL on a streaming replica', () => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-replica-'));
  const exportDir = mkdtempSync(join(tmpdir(), 'polyphony-replica-export-'));
  let database: ServerDatabase;
  let replicaUrl: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let author: UserRecord;

  const echoing = new Set<PublicChange>();

  /**
   * Waits until every change so far has had its second delivery (LAG_MS after the first): an
   * echo still due would drop a cached page in the middle of what a test checks.
   */
  async function echoesDelivered(): Promise<void> {
    await until(() => Promise.resolve(echoing.size === 0), "the changes' second deliveries");
  }

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function replicaCaughtUp(): Promise<void> {
    const [primary] = await query<{ lsn: string }>(
      database.url,
      'SELECT pg_current_wal_lsn() AS lsn',
    );
    await until(async () => {
      const rows = await query<{ ok: boolean }>(
        replicaUrl,
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok',
        [primary?.lsn],
      );
      return rows[0]?.ok === true;
    }, 'the replica to replay the primary');
  }

  beforeAll(async () => {
    database = await freshDatabase(url ?? '');
    const replica = new URL(replicaServer ?? '');
    replica.pathname = new URL(database.url).pathname;
    replicaUrl = replica.toString();
    // The new database reaches the replica with the rest of the primary's WAL.
    await until(async () => {
      const rows = await query<{ n: string }>(
        replicaServer ?? '',
        'SELECT count(*) AS n FROM pg_database WHERE datname = $1',
        [replica.pathname.slice(1)],
      );
      return rows[0]?.n === '1';
    }, 'the new database on the replica');
    const env = loadEnv({
      DATABASE_URL: database.url,
      DATABASE_READ_URL: replicaUrl,
      DATABASE_READ_MAX_LAG_MS: String(LAG_MS),
      MEDIA_DIR: mediaDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'never',
    });
    runtime = await createRuntime(env, { log: () => undefined });
    // Each change is heard twice (now and LAG_MS later): held here until its echo arrives.
    runtime.deps.changes.subscribe((change) => {
      if (!echoing.delete(change)) echoing.add(change);
    });
    app = await buildApp({
      deps: runtime.deps,
      cookieSecret: 'test-cookie-secret-of-enough-length',
      pageCache: true,
    });
    await app.ready();
    // The demo site (it seeds only a site without accounts), then the test's author.
    await seedDemoOnce(runtime.deps, await loadDemoAssets(), {
      adminPassword: 'replica demo pw 1',
    });
    author = await buildUser(runtime.deps, ['author', 'editor'], { displayName: 'Ana Author' });
  }, 180_000);
  afterAll(async () => {
    await query(replicaServer ?? '', 'SELECT pg_wal_replay_resume()').catch(() => undefined);
    await app?.close();
    await runtime?.close();
    await database?.drop();
    rmSync(mediaDir, { recursive: true, force: true });
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('refuses a read URL without a PostgreSQL primary, naming the variable', () => {
    expect(() =>
      loadEnv({ DATABASE_URL: 'sqlite::memory:', DATABASE_READ_URL: replicaUrl }),
    ).toThrow(/DATABASE_READ_URL: needs DATABASE_URL on a PostgreSQL server/);
    expect(() => loadEnv({ DATABASE_READ_URL: 'sqlite:replica.db' })).toThrow(/DATABASE_READ_URL/);
  });

  it('shows the author their save at once, and signed-out readers once the replica has it', async () => {
    const post = await writePost(runtime.deps, author, author, {
      language: 'en',
      title: 'Rain gauges of Kisumu',
      publishedAt: '2026-09-01T12:00:00.000Z',
    });
    const page = pathOf(post);
    await replicaCaughtUp();
    const agent = new Agent(app);
    await agent.signIn(author.username);
    expect((await read(app, page)).body).toContain('<h1>Rain gauges of Kisumu</h1>');
    await echoesDelivered();

    await query(replicaServer ?? '', 'SELECT pg_wal_replay_pause()');
    try {
      const saved = await savePost(runtime.deps, author, post.id, post.currentRevision, {
        language: 'en',
        title: 'Rain gauges of Kisumu, recalibrated',
        slug: post.slug,
        body: 'Every gauge was checked again in October.',
      });
      await publishPost(at(runtime.deps, '2026-10-01T00:00:00.000Z'), author, saved.post.id);

      // The author reads the primary: their save, at once.
      const own = await agent.get(page);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('<h1>Rain gauges of Kisumu, recalibrated</h1>');
      // A signed-out reader reads the replica, still behind: the page as it was, now cached.
      const behind = await read(app, page);
      expect(behind.body).toContain('<h1>Rain gauges of Kisumu</h1>');
      expect(behind.body).not.toContain('recalibrated');
      expect((await read(app, page)).headers['x-cache']).toBe('HIT');
    } finally {
      await query(replicaServer ?? '', 'SELECT pg_wal_replay_resume()');
    }
    await replicaCaughtUp();
    await echoesDelivered();
    // Once the replica has the save, the change's second delivery drops the stale page.
    await expect
      .poll(async () => (await read(app, page)).body, { timeout: LAG_MS + 5000, interval: 100 })
      .toContain('<h1>Rain gauges of Kisumu, recalibrated</h1>');
    const fresh = await read(app, page);
    expect(fresh.body).toContain('Every gauge was checked again in October.');
    expect(fresh.headers['x-cache']).toBe('HIT');
  }, 60_000);

  it('renders every public page of the demo site from the replica, signed out', async () => {
    await seedDemoOnce(runtime.deps, await loadDemoAssets(), {
      adminPassword: 'replica demo pw 1',
    });
    await replicaCaughtUp();
    // Held behind: a post published now is on the primary only.
    await query(replicaServer ?? '', 'SELECT pg_wal_replay_pause()');
    let report;
    let unseen;
    try {
      unseen = await writePost(runtime.deps, author, author, {
        language: 'en',
        title: 'Only on the primary',
        publishedAt: '2026-11-30T12:00:00.000Z',
      });
      report = await runStaticExport(runtime.deps, exportDir, false);
    } finally {
      await query(replicaServer ?? '', 'SELECT pg_wal_replay_resume()');
    }
    expect(report.failed).toEqual([]);
    expect(report.notFound).toEqual([]);
    expect(report.files).toBeGreaterThan(500);
    expect(report.added).toContain('en/2026/10/14/four-continents-one-playbook/index.html');
    // The crawl read the replica: the post it had not replayed is nowhere in the export.
    const path = pathOf(unseen).slice(1);
    expect(report.added.filter((file) => file.startsWith(path))).toEqual([]);
    const home = readFileSync(join(exportDir, 'en', 'index.html'), 'utf8');
    expect(home).not.toContain('Only on the primary');
    // Signed in, the same page reads the primary.
    const agent = new Agent(app);
    await agent.signIn(author.username);
    expect((await agent.get(pathOf(unseen))).statusCode).toBe(200);
  }, 240_000);
});

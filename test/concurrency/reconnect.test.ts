/**
 * A PostgreSQL restart, as the app sees it (issue 12, operations): every connection of the
 * instance is cut by the server (pg_terminate_backend, what a restart does to them). The next
 * requests are served on new connections without restarting the instance: readers get their
 * page, a save is stored, and the change feed's listener comes back and still hears changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { withDefaultUser } from '../../src/db/connection.js';
import { buildApp } from '../../src/http/app.js';
import { createRuntime } from '../../src/main.js';
import type { Runtime } from '../../src/main.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { buildUser } from '../support/app.js';
import { at, pathOf, read, writePost } from '../http/reader/reader-support.js';
import { freshDatabase, serverUrl } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();

/** Cuts every connection to `database` but this one; returns how many were cut. */
async function cutConnections(server: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: withDefaultUser(server) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const result = await client.query<{ cut: boolean }>(
      'select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return result.rows.filter((row) => row.cut).length;
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('an instance after its PostgreSQL connections are cut', () => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-reconnect-'));
  let database: ServerDatabase;
  let runtime: Runtime;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await freshDatabase(url ?? '');
    runtime = await createRuntime(
      loadEnv({
        DATABASE_URL: database.url,
        MEDIA_DIR: mediaDir,
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'never',
      }),
      { log: () => undefined },
    );
    app = await buildApp({
      deps: runtime.deps,
      cookieSecret: 'test-cookie-secret-of-enough-length',
      pageCache: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await database.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('serves readers, stores saves and hears changes again without a restart', async () => {
    const editor = await buildUser(runtime.deps, ['editor']);
    const post = await writePost(runtime.deps, editor, editor, {
      language: 'en',
      title: 'Before the restart',
      publishedAt: '2026-09-01T12:00:00.000Z',
    });
    expect((await read(app, pathOf(post))).statusCode).toBe(200);

    const dbName = new URL(database.url).pathname.slice(1);
    // The pool's idle connections and the change feed's listener.
    expect(await cutConnections(url ?? '', dbName)).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Readers: a page on new connections (a few tries at most: a request may meet a dying one).
    let page = await read(app, pathOf(post)).catch(() => undefined);
    for (let i = 0; i < 5 && page?.statusCode !== 200; i++) page = await read(app, pathOf(post));
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain('Before the restart');

    // Writers: a save is stored and shown.
    const heard: string[] = [];
    runtime.deps.changes.subscribe((change) => heard.push(...change.keys));
    const saved = await savePost(runtime.deps, editor, post.id, post.currentRevision, {
      language: 'en',
      title: 'After the restart',
      slug: post.slug,
      body: 'Saved once the connections came back.',
    });
    await publishPost(at(runtime.deps, '2026-10-01T00:00:00.000Z'), editor, saved.post.id);
    const after = await read(app, pathOf(post));
    expect(after.body).toContain('After the restart');
    expect((await runtime.deps.store.posts.findById(post.id))?.currentRevision).toBe(
      saved.post.currentRevision,
    );

    // The change feed's listener is back: it holds a LISTEN connection again.
    await expect
      .poll(
        async () => {
          const client = new pg.Client({ connectionString: withDefaultUser(database.url) });
          await client.connect();
          try {
            const rows = await client.query(
              "select 1 from pg_stat_activity where datname = $1 and application_name like 'polyphony change feed%'",
              [dbName],
            );
            return rows.rowCount;
          } finally {
            await client.end();
          }
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(1);
    expect(heard).toContain(`post:${post.id}`);
  });
});

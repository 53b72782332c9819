/**
 * Instances starting at the same moment on one database of the PostgreSQL server (each its
 * own runtime and pool, as two processes behind a load balancer would be): both migrate an
 * empty database, and of two seeding an empty site one seeds and the other finds it seeded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { createRuntime } from '../../src/main.js';
import type { Runtime } from '../../src/main.js';
import { seedDemoOnce } from '../../src/services/demo/seed-demo.service.js';
import { freshDatabase, serverUrl, settle } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();

describe.skipIf(!url)('instances starting at once on the PostgreSQL server', () => {
  const databases: ServerDatabase[] = [];
  const runtimes: Runtime[] = [];
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-startup-'));

  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close().catch(() => undefined);
    for (const database of databases) await database.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  /** Starts `count` runtimes (each migrates) on `database` at the same time. */
  async function start(database: ServerDatabase, count: number) {
    const env = loadEnv({
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'never',
    });
    const started = await settle(
      Array.from({ length: count }, () => createRuntime(env, { log: () => undefined })),
    );
    for (const result of started) if (result.ok) runtimes.push(result.value);
    return started;
  }

  it('migrates an empty database from two instances at once (three times), neither crashing', async () => {
    for (let round = 0; round < 3; round++) {
      const database = await freshDatabase(url ?? '', { migrate: false });
      databases.push(database);
      const started = await start(database, 2);
      expect(started.map((r) => (r.ok ? 'ok' : String(r.error)))).toEqual(['ok', 'ok']);
      const handle = await database.open();
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(
        handle.db,
      );
      const names = applied.rows.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('0007_jobs');
      // The last migration's table is there and usable from either instance.
      for (const result of started)
        if (result.ok) expect(await result.value.deps.store.jobs.failed(1)).toEqual([]);
    }
  });

  it('seeds an empty site once when two instances start at once; the other starts normally', async () => {
    const database = await freshDatabase(url ?? '');
    databases.push(database);
    const started = await start(database, 2);
    const [first, second] = started.map((r) => {
      if (!r.ok) throw r.error;
      return r.value;
    });
    if (!first || !second) throw new Error('two runtimes expected');
    const assets = await loadDemoAssets();
    const seeded = await settle([
      seedDemoOnce(first.deps, assets, { adminPassword: 'correct horse battery' }),
      seedDemoOnce(second.deps, assets, { adminPassword: 'another horse battery' }),
    ]);
    expect(seeded.map((r) => (r.ok ? (r.value ? 'seeded' : 'found it seeded') : r.error))).toEqual(
      expect.arrayContaining(['seeded', 'found it seeded']),
    );
    expect(await first.deps.store.users.count()).toBe(11);
    expect(await second.deps.store.users.count()).toBe(11);
    const published = await second.deps.store.posts.countPublished({});
    expect(published).toBeGreaterThan(0);
    // A third start later finds it seeded without waiting for anything.
    expect(await seedDemoOnce(second.deps, assets, { adminPassword: 'x' })).toBeNull();
  });
});

/**
 * Two app instances on one database of the PostgreSQL server (each its own createRuntime,
 * pool, change feed and buildApp, as two processes behind a load balancer would be): a page
 * cached on B is dropped within a second of an editor republishing the post on A, and B then
 * serves the new text; a page B keeps outlives no PAGE_CACHE_TTL_SECONDS, measured on its
 * clock, even when no change arrives; a new site name saved on A is what B's pages show
 * within a second (B re-reads its settings on A's announcement).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { buildApp } from '../../src/http/app.js';
import { createRuntime } from '../../src/main.js';
import type { Runtime } from '../../src/main.js';
import { updateSiteSettings } from '../../src/services/admin/site-settings.service.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { buildUser } from '../support/app.js';
import { at, pathOf, read, writePost } from '../http/reader/reader-support.js';
import { freshDatabase, serverUrl } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();
const TTL_SECONDS = 300;

interface Instance {
  runtime: Runtime;
  app: FastifyInstance;
  /** Milliseconds added to the real time on this instance's clock. */
  clock: { skewMs: number };
  /** Every cache key its change feed delivered, in order. */
  heard: string[];
}

/**
 * Waits (at most a second) until `instance` has heard of a change of `key`: a page it renders
 * before then may be dropped when the change arrives, which is right, but not what is tested.
 */
async function heardOf(instance: Instance, key: string): Promise<void> {
  await expect.poll(() => instance.heard, { timeout: 1000, interval: 10 }).toContain(key);
}

describe.skipIf(!url)('the page cache across two instances on the PostgreSQL server', () => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-instances-'));
  let database: ServerDatabase;
  let a: Instance;
  let b: Instance;
  let editor: UserRecord;

  async function instance(): Promise<Instance> {
    const env = loadEnv({
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'never',
      PAGE_CACHE_TTL_SECONDS: String(TTL_SECONDS),
    });
    const runtime = await createRuntime(env, { log: () => undefined });
    const clock = { skewMs: 0 };
    runtime.deps.clock = { now: () => new Date(Date.now() + clock.skewMs) };
    const app = await buildApp({
      deps: runtime.deps,
      cookieSecret: 'test-cookie-secret-of-enough-length',
      pageCache: true,
      pageCacheTtlSeconds: env.PAGE_CACHE_TTL_SECONDS,
    });
    await app.ready();
    const heard: string[] = [];
    runtime.deps.changes.subscribe((change) => heard.push(...change.keys));
    return { runtime, app, clock, heard };
  }

  beforeAll(async () => {
    database = await freshDatabase(url ?? '');
    a = await instance();
    b = await instance();
    editor = await buildUser(a.runtime.deps, ['editor'], { displayName: 'Edna Editor' });
  });
  afterAll(async () => {
    for (const started of [a, b]) {
      await started.app.close();
      await started.runtime.close();
    }
    await database.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it("serves the new text on B within a second of a republication on A, B's cache having held the old", async () => {
    const post = await writePost(a.runtime.deps, editor, editor, {
      language: 'en',
      title: 'Wells of Turkana',
      publishedAt: '2026-09-01T12:00:00.000Z',
    });
    const page = pathOf(post);
    await heardOf(b, `post:${post.id}`);
    const first = await read(b.app, page);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h1>Wells of Turkana</h1>');
    const cached = await read(b.app, page);
    expect(cached.headers['x-cache']).toBe('HIT');

    const saved = await savePost(a.runtime.deps, editor, post.id, post.currentRevision, {
      language: 'en',
      title: 'Wells of Turkana, a year on',
      slug: post.slug,
      body: 'Rewritten after the visit.',
    });
    await publishPost(at(a.runtime.deps, '2026-10-01T00:00:00.000Z'), editor, saved.post.id);
    // A dropped its own page before answering the editor.
    expect((await read(a.app, page)).body).toContain('<h1>Wells of Turkana, a year on</h1>');

    const started = Date.now();
    let latest = await read(b.app, page);
    while (!latest.body.includes('a year on') && Date.now() - started < 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      latest = await read(b.app, page);
    }
    expect(Date.now() - started).toBeLessThanOrEqual(1000 + 100);
    expect(latest.statusCode).toBe(200);
    expect(latest.body).toContain('<h1>Wells of Turkana, a year on</h1>');
    expect(latest.body).toContain('Rewritten after the visit.');
    expect((await read(b.app, page)).headers['x-cache']).toBe('HIT');
  });

  it('shows on B a site name saved on A, its cached pages dropped once B has re-read it', async () => {
    const admin = await buildUser(a.runtime.deps, ['admin'], { displayName: 'Ada Admin' });
    const post = await writePost(a.runtime.deps, editor, editor, {
      language: 'en',
      title: 'Ferries of Kisumu',
      publishedAt: '2026-09-03T12:00:00.000Z',
    });
    const page = pathOf(post);
    await heardOf(b, `post:${post.id}`);
    await read(b.app, page);
    expect((await read(b.app, page)).headers['x-cache']).toBe('HIT');

    const settings = a.runtime.deps.settings;
    await updateSiteSettings(a.runtime.deps, admin, {
      siteName: 'Lake Voices',
      siteDescription: '',
      defaultLanguage: settings.defaultLanguage,
      minCompletion: String(settings.publication.minCompletion),
      requireReview: settings.publication.requireReview,
      editorsAnyCompletion: settings.publication.editorsAnyCompletion,
      translationEditsGoLive: settings.translationEditsGoLive,
      translatorRoleAtSignUp: settings.translatorRoleAtSignUp,
    });
    expect(a.runtime.deps.settings.siteName).toBe('Lake Voices');
    await expect
      .poll(() => b.runtime.deps.settings.siteName, { timeout: 1000, interval: 10 })
      .toBe('Lake Voices');
    await expect
      .poll(async () => (await read(b.app, page)).body.includes('Lake Voices'), {
        timeout: 1000,
        interval: 20,
      })
      .toBe(true);
    expect((await read(b.app, page)).headers['x-cache']).toBe('HIT');
  });

  it('renders a page again once it is older than PAGE_CACHE_TTL_SECONDS, with no change announced', async () => {
    const post = await writePost(a.runtime.deps, editor, editor, {
      language: 'en',
      title: 'Seed banks of Gulu',
      publishedAt: '2026-09-02T12:00:00.000Z',
    });
    const page = pathOf(post);
    await heardOf(b, `post:${post.id}`);
    expect((await read(b.app, page)).headers['x-cache']).toBe('MISS');
    b.clock.skewMs += (TTL_SECONDS - 1) * 1000;
    expect((await read(b.app, page)).headers['x-cache']).toBe('HIT');
    b.clock.skewMs += 2000;
    const expired = await read(b.app, page);
    expect(expired.statusCode).toBe(200);
    expect(expired.headers['x-cache']).toBe('MISS');
    expect((await read(b.app, page)).headers['x-cache']).toBe('HIT');
  });
});

/**
 * Backup and restore across engines (issue 11, acceptance 4): the demo site on SQLite, backed
 * up and restored into each engine — the PostgreSQL server above all — renders every page it
 * links to the same, byte for byte once per-request tokens are set aside; a backup taken while
 * saves are under way restores to a consistent state; a file that does not fit is refused with
 * nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup, writeBackup } from '../../src/db/backup/archive.js';
import { RestoreRefusedError } from '../../src/db/backup/restore.js';
import { openDatabase } from '../../src/db/connection.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { buildApp } from '../../src/http/app.js';
import { interfaceCatalog } from '../../src/i18n/overrides.js';
import { fsStorage } from '../../src/integrations/storage/fs-storage.js';
import { applySiteSettings } from '../../src/services/admin/site-settings.service.js';
import { seedDemoOnce } from '../../src/services/demo/seed-demo.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { loadInterfaceOverrides } from '../../src/services/interface/load-interface-overrides.service.js';
import { engines } from '../support/databases.js';
import { Agent, testDeps } from '../support/app.js';

const PASSWORD = 'demo admin password 1';
const MAX_PAGES = 3000;

interface Site {
  handle: DatabaseHandle;
  deps: ServiceDeps;
  app: FastifyInstance;
  mediaDir: string;
  close(): Promise<void>;
}

async function siteOn(handle: DatabaseHandle, mediaDir: string): Promise<Site> {
  const deps = testDeps(handle.db, mediaDir);
  // As main.ts starts a site: the database's settings and interface texts.
  await applySiteSettings(deps);
  await loadInterfaceOverrides(deps, interfaceCatalog);
  const app = await buildApp({ deps, cookieSecret: 'backup-test-cookie-secret-long-enough' });
  await app.ready();
  return {
    handle,
    deps,
    app,
    mediaDir,
    close: async () => {
      await app.close();
      await handle.close();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** Same-site links and sources of a page, without fragments. */
function linksOf(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(/(?:href|src)="(\/[^"#]*)/g)) {
    const url = (match[1] ?? '').replaceAll('&amp;', '&');
    if (url.startsWith('//')) continue;
    found.push(url);
  }
  return found;
}

/** What differs between two renders of the same state: per-request tokens and nonces. */
function normalized(body: string): string {
  return body
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="…"')
    .replace(/_csrf=[^"&]+/g, '_csrf=…')
    .replace(/nonce="[^"]*"/g, 'nonce="…"')
    .replace(/<meta name="csrf-token" content="[^"]*"/g, '<meta name="csrf-token" content="…"');
}

interface Page {
  url: string;
  status: number;
  type: string;
  body: string;
  location: string;
}

/** Every page reachable from `/` by same-site links (GET only; sign-out excluded). */
async function crawl(agent: Agent, start: string[]): Promise<Page[]> {
  const seen = new Set<string>(start);
  const queue = [...start];
  const pages: Page[] = [];
  while (queue.length > 0) {
    if (pages.length === MAX_PAGES)
      throw new Error(`more than ${MAX_PAGES} pages: raise MAX_PAGES`);
    const url = queue.shift() ?? '/';
    const response = await agent.get(url);
    const type = String(response.headers['content-type'] ?? '');
    const location = String(response.headers.location ?? '');
    pages.push({ url, status: response.statusCode, type, body: response.body, location });
    const next = location.startsWith('/') ? [location] : [];
    if (type.startsWith('text/html')) next.push(...linksOf(response.body));
    for (const link of next) {
      if (seen.has(link) || /sign-?out|logout/.test(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return pages;
}

async function fetchAll(agent: Agent, urls: string[]): Promise<Page[]> {
  const pages: Page[] = [];
  for (const url of urls) {
    const response = await agent.get(url);
    pages.push({
      url,
      status: response.statusCode,
      type: String(response.headers['content-type'] ?? ''),
      body: response.body,
      location: String(response.headers.location ?? ''),
    });
  }
  return pages;
}

describe('backup of the demo site on SQLite, restored into each engine', () => {
  let dir: string;
  let source: Site;
  let backupFile: string;
  let cookies: Map<string, string>;
  let signedOut: Page[];
  let signedIn: Page[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polyphony-backup-test-'));
    const handle = await openDatabase(`sqlite:${join(dir, 'site.db')}`);
    await migrateToLatest(handle);
    source = await siteOn(handle, mkdtempSync(join(tmpdir(), 'polyphony-media-')));
    const demo = await seedDemoOnce(source.deps, await loadDemoAssets(), {
      adminPassword: PASSWORD,
    });
    expect(demo).not.toBeNull();
    const admin = new Agent(source.app);
    await admin.signIn(demo?.adminUsername ?? '', PASSWORD);
    cookies = new Map(admin.cookies);
    signedOut = await crawl(new Agent(source.app), ['/']);
    signedIn = await crawl(admin, ['/', '/account', '/admin']);
    backupFile = join(dir, 'site.backup.tgz');
    await writeBackup(source.handle.db, 'sqlite', source.deps.storage, backupFile);
  }, 240_000);

  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('crawls a site worth comparing', () => {
    expect(signedOut.length).toBeGreaterThan(40);
    expect(signedIn.length).toBeGreaterThan(signedOut.length / 2);
    expect(signedOut.filter((p) => p.type.startsWith('image/')).length).toBeGreaterThan(0);
    expect(signedOut.every((p) => p.status < 500)).toBe(true);
  });

  // The PostgreSQL server where there is one (always in CI); PGlite, the same engine
  // in-process, only where there is none.
  const all = engines();
  const targets = all.some((e) => e.name === 'postgres')
    ? all.filter((e) => e.name !== 'pglite')
    : all;
  for (const engine of targets) {
    it(`restores into ${engine.name}: every page the same, signed out and signed in`, async () => {
      // As `polyphony restore` does: into the freshly migrated database, before the site starts.
      const handle = await engine.open();
      const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-media-'));
      const report = await restoreBackup(handle.db, fsStorage(mediaDir), backupFile);
      expect(report.media).toBeGreaterThan(0);
      const target = await siteOn(handle, mediaDir);
      try {
        const reader = new Agent(target.app);
        const admin = new Agent(target.app);
        // The session was restored with the rest: the same cookie signs the admin in.
        admin.cookies = new Map(cookies);
        const out = await fetchAll(
          reader,
          signedOut.map((p) => p.url),
        );
        const inside = await fetchAll(
          admin,
          signedIn.map((p) => p.url),
        );
        const compare = (before: Page[], after: Page[]) => {
          for (const [i, page] of before.entries()) {
            const other = after[i];
            expect({
              url: other?.url,
              status: other?.status,
              type: other?.type,
              location: other?.location,
            }).toEqual({
              url: page.url,
              status: page.status,
              type: page.type,
              location: page.location,
            });
            expect(normalized(other?.body ?? ''), page.url).toBe(normalized(page.body));
          }
        };
        compare(signedOut, out);
        compare(signedIn, inside);
        expect(inside.some((p) => p.body.includes('/admin'))).toBe(true);
      } finally {
        await target.close();
      }
    }, 240_000);
  }

  it('refuses a database that is not empty, and writes nothing', async () => {
    const [engine] = engines();
    const handle = await engine!.open();
    const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-media-'));
    await restoreBackup(handle.db, fsStorage(mediaDir), backupFile);
    const target = await siteOn(handle, mediaDir);
    try {
      const before = await sql<{ n: number }>`SELECT count(*) AS n FROM posts`.execute(
        target.handle.db,
      );
      await expect(
        restoreBackup(target.handle.db, target.deps.storage, backupFile),
      ).rejects.toThrow(/empty database/);
      const after = await sql<{ n: number }>`SELECT count(*) AS n FROM posts`.execute(
        target.handle.db,
      );
      expect(Number(after.rows[0]?.n)).toBe(Number(before.rows[0]?.n));
    } finally {
      await target.close();
    }
  });

  it('refuses a file that is not a backup, or one from other migrations, with nothing written', async () => {
    const [engine] = engines();
    const handle = await engine!.open();
    const storage = fsStorage(mkdtempSync(join(tmpdir(), 'polyphony-media-')));
    const target = { handle, deps: { storage } };
    try {
      const junk = join(dir, 'junk.tgz');
      await writeFile(junk, 'not a tar file at all');
      await expect(restoreBackup(target.handle.db, target.deps.storage, junk)).rejects.toThrow(
        RestoreRefusedError,
      );
      // The same backup with one migration more than this version knows.
      const unpacked = mkdtempSync(join(tmpdir(), 'polyphony-unpacked-'));
      await tar.extract({ file: backupFile, cwd: unpacked });
      const manifest = JSON.parse(await readFile(join(unpacked, 'manifest.json'), 'utf8')) as {
        migrations: string[];
      };
      manifest.migrations.push('9999_from_the_future');
      await writeFile(join(unpacked, 'manifest.json'), JSON.stringify(manifest));
      const newer = join(dir, 'newer.tgz');
      await tar.create({ gzip: true, file: newer, cwd: unpacked }, [
        'manifest.json',
        'tables',
        'media',
      ]);
      rmSync(unpacked, { recursive: true, force: true });
      await expect(restoreBackup(target.handle.db, target.deps.storage, newer)).rejects.toThrow(
        /newer version of Polyphony \(migrations 9999_from_the_future\)/,
      );
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM users`.execute(
        target.handle.db,
      );
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

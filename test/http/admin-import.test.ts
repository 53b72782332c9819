/**
 * The WordPress import from the admin pages (issue 11): an administrator uploads an export,
 * the import runner works through it, the run's page shows the progress and the report line by
 * line; a run stopped half-way is resumed and ends with the lines an uninterrupted run gives;
 * the same file again imports nothing new; a refused file (not an export, empty, too large)
 * names its field and leaves nothing behind; nobody but an administrator gets near any of it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/interchange/wxr/import-files.js';
import { runNextImport } from '../../src/services/import/import-runs.service.js';
import type { ImportRunLine, ImportRunRecord } from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { cookieHeader, multipart } from './http-helpers.js';
import { assetUrl } from '../../src/views/asset-urls.js';

const FIXTURE = readFileSync(join(import.meta.dirname, '../fixtures/wxr/site.xml'));
// The import itself is covered on every engine by test/services/import-wxr.test.ts.
const cases = engines().filter((e) => e.name !== 'pglite' || !process.env.TEST_POSTGRES_URL);

describe.each(cases)('WordPress import from the admin pages on $name', (engine) => {
  let ctx: TestContext;
  let admin: Agent;
  let editor: Agent;
  let reader: Agent;
  let uploads: string;
  let importDir: string;
  /** The lines of the first run (paused, then resumed). */
  let firstLines: ImportRunLine[];

  beforeAll(async () => {
    // Small enough to test the limit with a few kilobytes, large enough for the fixture.
    ctx = await startTestApp(engine, { maxImportBytes: FIXTURE.length + 4096 });
    ctx.deps.settings.languages = ['en', 'es', 'fr', 'ar'];
    uploads = mkdtempSync(join(tmpdir(), 'polyphony-wp-uploads-'));
    mkdirSync(join(uploads, '2024/03'), { recursive: true });
    const jpeg = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    writeFileSync(join(uploads, '2024/03/kiosk.jpg'), jpeg);
    importDir = mkdtempSync(join(tmpdir(), 'polyphony-imports-'));
    ctx.deps.imports = importFiles(importDir, uploads);
    const people = {
      admin: await buildUser(ctx.deps, ['admin'], { username: 'siteadmin' }),
      editor: await buildUser(ctx.deps, ['editor']),
      reader: await buildUser(ctx.deps, ['reader']),
    };
    admin = new Agent(ctx.app);
    await admin.signIn(people.admin.username);
    editor = new Agent(ctx.app);
    await editor.signIn(people.editor.username);
    reader = new Agent(ctx.app);
    await reader.signIn(people.reader.username);
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(uploads, { recursive: true, force: true });
    rmSync(importDir, { recursive: true, force: true });
  });

  async function send(
    agent: Agent,
    file: { name: string; data: Buffer },
    fields: Record<string, string> = { withUploads: 'on' },
    csrf = true,
  ) {
    if (!agent.csrf) await agent.get('/admin');
    const { payload, contentType } = await multipart(
      { ...(csrf ? { _csrf: agent.csrf } : {}), ...fields },
      { ...file, type: 'text/xml' },
    );
    return ctx.app.inject({
      method: 'POST',
      url: '/admin/import',
      payload,
      headers: { cookie: cookieHeader(agent), 'content-type': contentType, accept: 'text/html' },
    });
  }

  const runs = () => ctx.deps.store.importRuns.list(100);
  const allLines = (id: string) => ctx.deps.store.importRuns.lines(id, { limit: 100_000 });
  const page = async (url: string) => {
    const response = await admin.get(url);
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };

  async function upload(): Promise<string> {
    const response = await send(admin, { name: 'polyphony.wordpress.xml', data: FIXTURE });
    expect(response.statusCode, response.body).toBe(303);
    const id = /^\/admin\/import\/([0-9a-f-]+)$/.exec(response.headers.location ?? '')?.[1];
    expect(id).toBeDefined();
    return id!;
  }

  it('queues an uploaded export and shows it waiting', async () => {
    const id = await upload();
    const html = await page(`/admin/import/${id}`);
    expect(html).toContain('Import of polyphony.wordpress.xml');
    expect(html).toContain('Waiting to start');
    expect(html).toContain(assetUrl('/assets/build/import.js')); // the page follows the run live
    expect(readdirSync(importDir)).toEqual([`${id}.xml`]);
    const list = await page('/admin/import');
    expect(list).toContain(`href="/admin/import/${id}"`);
  });

  it('works a run to its end across a stop, with every line once and its first outcome kept', async () => {
    const [queued] = await runs();
    // The runner stops at once (a deploy): the run is handed back after the first pass's lines.
    const stopped = new AbortController();
    stopped.abort();
    const paused = await runNextImport(ctx.deps, 'runner-a', { signal: stopped.signal });
    expect(paused).toMatchObject({ id: queued!.id, status: 'running', attempts: 1 });
    const before = await allLines(queued!.id);
    expect(before.length).toBeGreaterThan(10); // authors, terms, attachments
    // At most the first post: the runner stops at the first item's checkpoint.
    expect(before.filter((l) => l.entry.kind === 'post').length).toBeLessThanOrEqual(1);
    const progress = await admin.get(`/admin/import/${queued!.id}/progress.json?from=3`);
    expect(progress.statusCode).toBe(200);
    const json = progress.json<{ status: string; lines: { number: string }[]; next: number }>();
    expect(json.status).toBe('running');
    expect(json.lines[0]?.number).toBe('4');
    expect(json.next).toBe(before.length);

    const done = (await runNextImport(ctx.deps, 'runner-b')) as ImportRunRecord;
    expect(done).toMatchObject({ id: queued!.id, status: 'done', attempts: 2, error: null });
    firstLines = await allLines(queued!.id);
    expect(firstLines.map((l) => l.line)).toEqual(firstLines.map((_, i) => i));
    expect(done.writtenLines).toBe(firstLines.length);
    // What the first attempt imported says so, not "already here" (the resumed attempt's view).
    expect(firstLines.slice(0, before.length).map((l) => l.entry)).toEqual(
      before.map((l) => l.entry),
    );
    expect(firstLines.find((l) => l.entry.kind === 'author')?.entry.outcome).toBe('imported');
    const byWpId = new Map(firstLines.map((l) => [`${l.entry.kind}:${l.entry.wpId}`, l.entry]));
    expect(byWpId.get('post:101')?.outcome).toBe('imported');
    expect(byWpId.get('post:108')?.outcome).toBe('skipped'); // in the trash
    expect(byWpId.get('attachment:201')?.outcome).toBe('imported'); // kiosk.jpg, from uploads
    expect(byWpId.get('attachment:202')?.outcome).toBe('failed'); // not in the uploads copy
    expect(done.groups.length).toBeGreaterThan(0);
    expect(readdirSync(importDir)).toEqual([]); // the export is not kept once read
    const imported = await ctx.app.inject({ method: 'GET', url: '/?p=101' });
    expect(imported.statusCode).toBe(301);
  });

  it('shows the finished run: bar, totals, kinds, groups, report and its failed lines', async () => {
    const [run] = await runs();
    const html = await page(`/admin/import/${run!.id}`);
    expect(html).toContain('Done');
    expect(html).toMatch(/<progress[^>]*max="100"[^>]*value="100"/);
    expect(html).not.toContain('/assets/build/import.');
    expect(html).toContain('Translation groups');
    expect(html).toContain('Solar kiosks reach 40 villages in Kisumu County');
    expect(html).toContain('Resumed after a stop');
    const failed = await page(`/admin/import/${run!.id}?outcome=failed`);
    const rows = [...failed.matchAll(/<tr class="import-line import-line-(\w+)"/g)].map(
      (m) => m[1],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows)).toEqual(new Set(['failed']));
    expect(failed).toMatch(/missing file/);
    // In Arabic, right to left, with the interface's words.
    const arabicAdmin = new Agent(ctx.app);
    arabicAdmin.cookies = new Map(admin.cookies);
    arabicAdmin.cookies.set('pp_lang', 'ar');
    const arabic = await arabicAdmin.get(`/admin/import/${run!.id}`);
    expect(arabic.body).toContain('dir="rtl"');
    expect(arabic.body).not.toContain('Translation groups');
    const report = await admin.get(`/admin/import/${run!.id}/report.json`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toMatch(/attachment/);
    const body = report.json<{ entries: unknown[]; status: string; groups: unknown[] }>();
    expect(body.status).toBe('done');
    expect(body.entries).toEqual(firstLines.map((l) => l.entry));
    expect(body.groups).toEqual(run!.groups);
  });

  it('imports nothing new from the same file again, line for line', async () => {
    const id = await upload();
    const done = await runNextImport(ctx.deps, 'runner-c');
    expect(done?.status).toBe('done');
    const again = await allLines(id);
    expect(again.map((l) => [l.entry.kind, l.entry.wpId])).toEqual(
      firstLines.map((l) => [l.entry.kind, l.entry.wpId]),
    );
    expect(again.filter((l) => l.entry.outcome === 'imported')).toEqual([]);
  });

  it('refuses what is not an export, an empty file and a file over the limit, keeping nothing', async () => {
    const count = (await runs()).length;
    const notWxr = await send(admin, { name: 'notes.xml', data: Buffer.from('<notes/>') });
    expect(notWxr.statusCode).toBe(422);
    expect(notWxr.body).toContain('href="#file"');
    expect(notWxr.body).toContain('not a WordPress export');
    const empty = await send(admin, { name: 'empty.xml', data: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('is empty');
    const big = Buffer.concat([FIXTURE, Buffer.alloc(8192, 32)]);
    const tooLarge = await send(admin, { name: 'big.xml', data: big });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.body).toContain('href="#file"');
    expect((await runs()).length).toBe(count);
    expect(readdirSync(importDir)).toEqual([]);
  });

  it('refuses the uploads copy when the server has none', async () => {
    const saved = ctx.deps.imports;
    ctx.deps.imports = importFiles(importDir);
    try {
      const list = await page('/admin/import');
      expect(list).toMatch(/<input[^>]*id="withUploads"[^>]*disabled/);
      const response = await send(admin, { name: 'site.xml', data: FIXTURE });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('href="#withUploads"');
      expect(readdirSync(importDir)).toEqual([]);
    } finally {
      ctx.deps.imports = saved;
    }
  });

  it('cancels a queued run, which then never runs, and refuses to cancel it twice', async () => {
    const id = await upload();
    const cancel = await admin.post(`/admin/import/${id}/cancel`, {});
    expect(cancel.statusCode).toBe(303);
    expect((await ctx.deps.store.importRuns.find(id))?.status).toBe('cancelled');
    expect(readdirSync(importDir)).toEqual([]);
    expect(await runNextImport(ctx.deps, 'runner-d')).toBeNull();
    expect(await page(`/admin/import/${id}`)).toContain('Cancelled');
    const twice = await admin.post(`/admin/import/${id}/cancel`, {});
    expect(twice.statusCode).toBe(409);
  });

  it('stops a running import at its next item when cancelled', async () => {
    const id = await upload();
    const stopped = new AbortController();
    stopped.abort();
    await runNextImport(ctx.deps, 'runner-e', { signal: stopped.signal }); // claimed, handed back
    expect((await admin.post(`/admin/import/${id}/cancel`, {})).statusCode).toBe(303);
    const ended = await runNextImport(ctx.deps, 'runner-f');
    expect(ended).toMatchObject({ id, status: 'cancelled' });
    expect(readdirSync(importDir)).toEqual([]);
  });

  it('lets one import run at a time, whatever the number of runners', async () => {
    const [a, b] = [await upload(), await upload()];
    const now = new Date().toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    const claims = await Promise.all([
      ctx.deps.store.importRuns.claim(a, 'runner-g', now, until),
      ctx.deps.store.importRuns.claim(b, 'runner-h', now, until),
      ctx.deps.store.importRuns.claim(a, 'runner-i', now, until),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    for (const id of [a, b]) await admin.post(`/admin/import/${id}/cancel`, {});
  });

  it('refuses everyone but an administrator, and a form without its CSRF token', async () => {
    const [run] = await runs();
    const count = (await runs()).length;
    const files = readdirSync(importDir);
    for (const agent of [editor, reader]) {
      for (const url of [
        '/admin/import',
        `/admin/import/${run!.id}`,
        `/admin/import/${run!.id}/progress.json`,
        `/admin/import/${run!.id}/report.json`,
      ])
        expect((await agent.get(url)).statusCode, url).toBe(403);
      expect((await send(agent, { name: 'site.xml', data: FIXTURE })).statusCode).toBe(403);
      expect((await agent.post(`/admin/import/${run!.id}/cancel`, {})).statusCode).toBe(403);
    }
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/admin/import/${run!.id}` });
    expect(anonymous.statusCode).toBe(303);
    const forged = await send(admin, { name: 'site.xml', data: FIXTURE }, {}, false);
    expect(forged.statusCode).toBe(403);
    expect((await runs()).length).toBe(count);
    expect(readdirSync(importDir)).toEqual(files);
  });
});

/**
 * The public statistics (issue 10) on every engine: a hand-built site (posts translated,
 * in progress, outdated and missing, at known months) gives exactly the expected numbers in
 * the page's table, the SVG's title and description, and the CSV files; the per-post page;
 * the volunteer's page; the figures are dropped by the change feed (a publication) and by
 * their time-to-live (a draft save announces nothing); and the demo site's figures match a
 * count made here from the database rows.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { isDone } from '../../src/domain/targets.js';
import type { TargetState } from '../../src/domain/targets.js';
import type { Actor, Role } from '../../src/domain/roles.js';
import { buildApp } from '../../src/http/app.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { seedDemo } from '../../src/services/demo/seed-demo.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { reviewTarget } from '../../src/services/translation/review-target.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { buildUser, startTestApp, testDeps } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { at, read, writePost } from './reader/reader-support.js';

/** The cells of the per-language table row of `language`. */
function languageRow(html: string, language: string): string[] {
  const row = new RegExp(`<tr data-language="${language}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
  if (!row) throw new Error(`no row for ${language}`);
  return [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1] ?? '');
}

function svgTitles(html: string): { title: string; desc: string }[] {
  return [
    ...html.matchAll(
      /<svg class="stats-chart"[^>]*role="img"[^>]*><title id="[^"]+">([^<]*)<\/title><desc id="[^"]+">([^<]*)<\/desc>/g,
    ),
  ].map((m) => ({ title: m[1] ?? '', desc: m[2] ?? '' }));
}

const decode = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe.each(engines())('statistics on $name', (engine) => {
  let ctx: TestContext;
  let editor: Actor;
  let volunteer: Actor & { username: string };
  let reviewer: Actor;
  const units = new Map<string, number>();
  const ids: Record<string, string> = {};
  const NOW = new Date('2026-11-25T10:00:00Z');

  const actor = async (roles: Role[], name?: string) => {
    const user = await buildUser(ctx.deps, roles, name ? { displayName: name } : {});
    return { id: user.id, roles: user.roles, username: user.username };
  };
  /** Saves every unit (or the first `only`) of `postId` in `language` at `iso`. */
  const translate = async (iso: string, postId: string, language: string, only?: number) => {
    const data = await loadEditor(ctx.deps, volunteer, postId, language);
    for (const unit of data.units.slice(0, only ?? data.units.length))
      await saveTarget(at(ctx.deps, iso), volunteer, {
        postId,
        language,
        unitId: unit.unitId,
        text: `${language.toUpperCase()} ${unit.source}`,
        version: unit.target?.version ?? 0,
        sourceRevision: unit.sourceRevision,
      });
  };
  const review = async (iso: string, postId: string, language: string) => {
    for (const unit of (await loadEditor(ctx.deps, reviewer, postId, language)).units)
      await reviewTarget(at(ctx.deps, iso), reviewer, {
        postId,
        language,
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      });
  };
  const unitCount = async (postId: string) =>
    (await loadEditor(ctx.deps, volunteer, postId, 'es')).units.length;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    ctx.deps.clock = { now: () => NOW };
    editor = await actor(['editor']);
    const author = await actor(['author']);
    volunteer = await actor(['reader', 'translator'], 'Vera Volunteer');
    reviewer = await actor(['reviewer'], 'Rita Reviewer');
    const write = async (key: string, language: string, publishedAt?: string) => {
      const post = await writePost(ctx.deps, author, editor, {
        language,
        title: `Post ${key}`,
        body: `First paragraph of ${key}.\n\nSecond paragraph of ${key}.`,
        ...(publishedAt ? { publishedAt } : {}),
      });
      ids[key] = post.id;
    };
    await write('p1', 'en', '2026-09-05T09:00:00Z');
    await write('p2', 'en', '2026-09-20T09:00:00Z');
    await write('p3', 'en', '2026-10-03T09:00:00Z');
    await write('p4', 'es', '2026-10-10T09:00:00Z');
    await write('draft', 'en');
    for (const key of ['p1', 'p2', 'p3']) units.set(key, await unitCount(ids[key]!));
    units.set('p4', (await loadEditor(ctx.deps, volunteer, ids.p4!, 'en')).units.length);
    // p1 → es translated and reviewed in September (published by the policy).
    await translate('2026-09-10T10:00:00Z', ids.p1!, 'es');
    await review('2026-09-12T10:00:00Z', ids.p1!, 'es');
    // p2 → es one unit in October; → de complete but not reviewed (so not published).
    await translate('2026-10-05T10:00:00Z', ids.p2!, 'es', 1);
    await translate('2026-10-06T10:00:00Z', ids.p2!, 'de');
    // p3 → es translated and reviewed in October, then one paragraph of it changes in November.
    await translate('2026-10-12T10:00:00Z', ids.p3!, 'es');
    await review('2026-10-14T10:00:00Z', ids.p3!, 'es');
    const p3 = await ctx.deps.store.posts.findById(ids.p3!);
    const november = at(ctx.deps, '2026-11-02T10:00:00Z');
    await savePost(november, editor, ids.p3!, p3!.currentRevision, {
      language: 'en',
      title: 'Post p3',
      body: 'First paragraph of p3, now longer.\n\nSecond paragraph of p3.',
    });
    await publishPost(november, editor, ids.p3!);
    await runDueJobs(november);
  });
  afterAll(() => ctx.close());

  it('counts each language’s posts as translated, in progress, outdated or missing', async () => {
    const u = (k: string) => units.get(k) ?? 0;
    const res = await read(ctx.app, '/en/stats');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Published posts: 4');
    // Language, posts, translated, in progress, outdated, missing, units, done, completion.
    const esUnits = u('p1') + u('p2') + u('p3');
    const esDone = u('p1') + 1 + (u('p3') - 1);
    expect(languageRow(html, 'es')).toEqual([
      'Spanish',
      '3',
      '1',
      '1',
      '1',
      '0',
      String(esUnits),
      String(esDone),
      `${Math.round((esDone / esUnits) * 100)}%`,
    ]);
    const allUnits = esUnits + u('p4');
    expect(languageRow(html, 'de')).toEqual([
      'German',
      '4',
      '0',
      '1',
      '0',
      '3',
      String(allUnits),
      String(u('p2')),
      `${Math.round((u('p2') / allUnits) * 100)}%`,
    ]);
    expect(languageRow(html, 'en').slice(0, 6)).toEqual(['English', '1', '0', '0', '0', '1']);
    expect(languageRow(html, 'ar').slice(0, 6)).toEqual(['Arabic', '4', '0', '0', '0', '4']);
    const [bars, lines] = svgTitles(html);
    expect(bars?.title).toBe('Published posts by translation state, per language');
    expect(decode(bars?.desc ?? '')).toContain(
      'Spanish: 3 posts; translated 1, in progress 1, outdated 1, missing 0',
    );
    expect(lines?.title).toBe('Share of units translated at the end of each month, per language');
    const pct = (n: number) => `${Math.round(n * 100)}%`;
    expect(decode(lines?.desc ?? '')).toContain(
      `Spanish: ${pct(u('p1') / (u('p1') + u('p2')))} in September 2026, ${pct(esDone / esUnits)} in November 2026`,
    );
    // The months of the history table, oldest first, with Spanish's share at each end.
    const history = /<table class="stats-table" id="stats-history-table">([\s\S]*?)<\/table>/.exec(
      html,
    )?.[1];
    const rows = [...(history ?? '').matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)</g)];
    // The first column after the month is the first site language (English).
    expect(rows.map((r) => r[1])).toEqual(['September 2026', 'October 2026', 'November 2026']);
  });

  it('writes the same figures and the monthly history as CSV', async () => {
    const u = (k: string) => units.get(k) ?? 0;
    const res = await read(ctx.app, '/stats.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe(
      'language,posts,translated,in_progress,outdated,missing,units,done_units,completion',
    );
    const esUnits = u('p1') + u('p2') + u('p3');
    const esDone = u('p1') + u('p3');
    expect(lines).toContain(`es,3,1,1,1,0,${esUnits},${esDone},${(esDone / esUnits).toFixed(4)}`);
    expect(lines).toHaveLength(1 + ctx.deps.settings.languages.length);
    const history = (await read(ctx.app, '/stats/history.csv')).body.trim().split('\n');
    expect(history[0]).toBe('month,language,units,done_units,completion');
    const es = history.filter((l) => l.split(',')[1] === 'es');
    const sep = u('p1') + u('p2');
    expect(es).toEqual([
      `2026-09,es,${sep},${u('p1')},${(u('p1') / sep).toFixed(4)}`,
      `2026-10,es,${esUnits},${u('p1') + 1 + u('p3')},${((u('p1') + 1 + u('p3')) / esUnits).toFixed(4)}`,
      `2026-11,es,${esUnits},${esDone},${(esDone / esUnits).toFixed(4)}`,
    ]);
  });

  it('lists each post with every other language’s state, as a page and as CSV', async () => {
    const res = await read(ctx.app, '/en/stats/posts');
    expect(res.statusCode).toBe(200);
    const row = (title: string) =>
      new RegExp(`>${title}</a></th>([\\s\\S]*?)</tr>`).exec(res.body)?.[1] ?? '';
    expect(row('Post p1')).toContain('data-language="es">Translated (100%)');
    expect(row('Post p2')).toContain('data-language="de">In progress (100%)');
    expect(row('Post p3')).toContain('data-language="es">Outdated (');
    expect(row('Post p4')).toContain('data-language="en">Missing (0%)');
    expect(res.body).not.toContain('Post draft');
    const csv = (await read(ctx.app, '/stats/posts.csv')).body.trim().split('\n');
    expect(csv[0]).toBe(
      'post_id,title,source_language,path,units,language,state,completion,outdated_units',
    );
    expect(csv.filter((l) => l.startsWith(ids.p3!) && l.includes(',es,'))[0]).toMatch(
      /,es,outdated,[0-9.]+,1$/,
    );
    // Four posts, five other site languages each.
    expect(csv).toHaveLength(1 + 4 * 5);
    expect((await read(ctx.app, '/en/stats/posts?page=2')).statusCode).toBe(404);
    expect((await read(ctx.app, '/en/stats/posts?page=x')).statusCode).toBe(422);
  });

  it('shows a volunteer’s units per month and languages, and never their e-mail', async () => {
    const u = (k: string) => units.get(k) ?? 0;
    const user = await ctx.deps.store.users.findById(volunteer.id);
    const res = await read(ctx.app, `/ar/people/${encodeURIComponent(volunteer.username)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Vera Volunteer');
    expect(res.body).not.toContain(user!.email);
    const en = await read(ctx.app, `/en/people/${encodeURIComponent(volunteer.username)}`);
    const translated = u('p1') + 1 + u('p2') + u('p3');
    expect(en.body).toContain(`Units translated: ${translated}. Units reviewed: 0.`);
    expect(en.body).toContain(`Spanish: translated ${u('p1') + 1 + u('p3')}, reviewed 0`);
    expect(svgTitles(en.body)[0]?.title).toBe(
      'Units translated and reviewed per month by Vera Volunteer',
    );
    const csv = (
      await read(ctx.app, `/people/${encodeURIComponent(volunteer.username)}/translations.csv`)
    ).body
      .trim()
      .split('\n');
    expect(csv).toEqual([
      'month,language,translated,reviewed',
      `2026-09,es,${u('p1')},0`,
      `2026-10,de,${u('p2')},0`,
      `2026-10,es,${1 + u('p3')},0`,
    ]);
  });

  it('refuses unknown people, suspended accounts and unknown language sections', async () => {
    expect((await read(ctx.app, '/en/people/nobody-here')).statusCode).toBe(404);
    expect((await read(ctx.app, '/people/nobody-here/translations.csv')).statusCode).toBe(404);
    const gone = await buildUser(ctx.deps, ['translator'], { displayName: 'Gone Person' });
    await ctx.deps.store.users.setSuspension(gone.id, {
      at: NOW.toISOString(),
      by: editor.id,
      reason: 'spam',
    });
    expect(
      (await read(ctx.app, `/en/people/${encodeURIComponent(gone.username)}`)).statusCode,
    ).toBe(404);
    expect((await read(ctx.app, '/xx/stats')).statusCode).toBe(404);
    const redirect = await read(ctx.app, '/stats', { 'accept-language': 'ar' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/ar/stats');
  });

  it('drops the figures on a publication, and after a minute for unannounced saves', async () => {
    const before = languageRow((await read(ctx.app, '/en/stats')).body, 'sw');
    expect(before.slice(1, 2)).toEqual(['4']);
    const author = await actor(['author']);
    await writePost(ctx.deps, author, editor, {
      language: 'en',
      title: 'Post p5',
      body: 'A fifth post.',
      publishedAt: NOW.toISOString(),
    });
    const after = languageRow((await read(ctx.app, '/en/stats')).body, 'sw');
    expect(after.slice(1, 2)).toEqual(['5']);
    // A save through the service announces the change: the figures are recomputed.
    await translate('2026-11-25T10:00:00Z', ids.p1!, 'sw', 1);
    expect(languageRow((await read(ctx.app, '/en/stats')).body, 'sw').slice(3, 4)).toEqual(['1']);
    // A change nobody announces (written straight to the store) shows after the minute.
    await ctx.deps.store.translations.createTranslation({
      id: randomUUID(),
      postId: ids.p2!,
      language: 'sw',
      slug: 'p2-sw',
      status: 'in_progress',
      publishedAt: null,
      createdBy: volunteer.id,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(languageRow((await read(ctx.app, '/en/stats')).body, 'sw').slice(3, 4)).toEqual(['1']);
    ctx.deps.clock = { now: () => new Date(NOW.getTime() + 61_000) };
    expect(languageRow((await read(ctx.app, '/en/stats')).body, 'sw').slice(3, 4)).toEqual(['2']);
    ctx.deps.clock = { now: () => NOW };
  });
});

describe.each(engines())('the demo site’s statistics on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let deps: ServiceDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-stats-demo-'));
    const base = testDeps(handle.db, mediaDir);
    deps = {
      ...base,
      clock: { now: () => new Date('2026-11-25T10:00:00Z') },
      settings: { ...base.settings, maxUploadBytes: 20 * 1_048_576 },
    };
    await seedDemo(deps, await loadDemoAssets(), { adminPassword: 'correct horse battery' });
    app = await buildApp({ deps, cookieSecret: 'test-cookie-secret-of-enough-length' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('matches a count made from the database rows', async () => {
    const db = handle.db;
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'source_language'])
      .where('status', '=', 'published')
      .execute();
    const unitRows = await db
      .selectFrom('post_units')
      .select(['post_id', 'revision', 'unit_id'])
      .execute();
    const translations = await db
      .selectFrom('translations')
      .select(['id', 'post_id', 'language', 'status'])
      .execute();
    const targets = await db
      .selectFrom('targets')
      .select(['translation_id', 'unit_id', 'state'])
      .execute();
    const current = new Map<string, Set<string>>();
    for (const post of posts) {
      const revs = unitRows.filter((r) => r.post_id === post.id).map((r) => Number(r.revision));
      const latest = Math.max(...revs);
      current.set(
        post.id,
        new Set(
          unitRows
            .filter((r) => r.post_id === post.id && Number(r.revision) === latest)
            .map((r) => r.unit_id),
        ),
      );
    }
    const res = await read(app, '/en/stats');
    expect(res.statusCode).toBe(200);
    let checked = 0;
    for (const language of deps.settings.languages) {
      const eligible = posts.filter((p) => p.source_language !== language);
      const counts = { translated: 0, inProgress: 0, outdated: 0, done: 0, units: 0 };
      for (const post of eligible) {
        const unitIds = current.get(post.id) ?? new Set<string>();
        counts.units += unitIds.size;
        const tr = translations.find((t) => t.post_id === post.id && t.language === language);
        if (!tr) continue;
        const mine = targets.filter((t) => t.translation_id === tr.id && unitIds.has(t.unit_id));
        const done = mine.filter((t) => isDone(t.state as TargetState)).length;
        const outdated = mine.filter((t) => t.state === 'outdated').length;
        counts.done += done;
        if (outdated > 0) counts.outdated++;
        else if (tr.status === 'published' && done === unitIds.size && done > 0)
          counts.translated++;
        else counts.inProgress++;
      }
      const missing = eligible.length - counts.translated - counts.inProgress - counts.outdated;
      expect(languageRow(res.body, language).slice(1, 8)).toEqual(
        [
          eligible.length,
          counts.translated,
          counts.inProgress,
          counts.outdated,
          missing,
          counts.units,
          counts.done,
        ].map((n) => n.toLocaleString('en')),
      );
      if (counts.translated + counts.inProgress + counts.outdated > 0) checked++;
    }
    // The demo translates its joint post into Spanish and Swahili (one of them outdated).
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});

/**
 * Translation digests (issue 10): a Swahili subscriber's weekly digest lists exactly the posts
 * missing Swahili and the outdated Swahili translations; the "needs translation" Atom feed
 * validates and has the same items; filters, due logic, the job sending once, empty digests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDue } from '../../src/domain/digest.js';
import type { Actor } from '../../src/domain/roles.js';
import { enqueueDigestRun } from '../../src/jobs/digest-scheduler.js';
import { composeDigestMail } from '../../src/jobs/digest-mail.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { buildDigest } from '../../src/services/digest/build-digest.service.js';
import { sendDueDigests } from '../../src/services/digest/send-digests.service.js';
import { saveDigestSubscription } from '../../src/services/digest/subscription.service.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { loadEditor as openTranslation } from '../../src/services/translation/open-translation.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });
/** An Atom text construct as fast-xml-parser reads it (with its `type` attribute or without). */
type Text = string | { '#text': string };
const textOf = (t: Text) => (typeof t === 'string' ? t : t['#text']);
const RNG = join(import.meta.dirname, '..', 'fixtures', 'atom', 'atom.rng');

describe.each(engines())('translation digests on $name', (engine) => {
  let ctx: TestContext;
  let subscriber: Actor & { username: string; email: string };
  let author: Actor;
  let editor: Actor;
  let translator: Actor;
  const posts: Record<string, string> = {};
  const start = Date.now();

  const make = async (title: string, language = 'en', extra: Record<string, unknown> = {}) => {
    const post = await createPost(ctx.deps, author, {
      language,
      title,
      body: `${title} first paragraph.\n\nSecond paragraph.`,
      ...extra,
    });
    return post.id;
  };
  const translateAll = async (postId: string, language: string) => {
    const data = await openTranslation(ctx.deps, translator, postId, language);
    for (const unit of data.units)
      await saveTarget(ctx.deps, translator, {
        postId,
        language,
        unitId: unit.unitId,
        text: `${language.toUpperCase()} ${unit.source}`,
        version: 0,
        sourceRevision: unit.sourceRevision,
      });
  };

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    author = actorOf(await buildUser(ctx.deps, ['author']));
    editor = actorOf(await buildUser(ctx.deps, ['editor']));
    translator = actorOf(await buildUser(ctx.deps, ['reader', 'translator']));
    const sub = await buildUser(ctx.deps, ['reader', 'translator']);
    subscriber = { ...actorOf(sub), username: sub.username, email: sub.email };
    await ctx.deps.store.organizations.create({
      id: 'org-ke',
      slug: 'wikimedia-kenya',
      name: 'Wikimedia Kenya',
      kind: 'chapter',
      country: 'KE',
      website: null,
      description: '',
      createdAt: new Date().toISOString(),
    });
    posts.missing = await make('Missing Swahili', 'en', {
      tags: ['wikidata'],
      organizationIds: ['org-ke'],
    });
    posts.full = await make('Fully Swahili');
    posts.outdated = await make('Outdated Swahili', 'en', { tags: ['wikidata'] });
    posts.onlyEs = await make('Missing only Spanish');
    posts.draft = await make('Draft missing Swahili');
    for (const key of ['missing', 'full', 'outdated', 'onlyEs'])
      await publishPost(ctx.deps, editor, posts[key]!);
    await translateAll(posts.full, 'sw');
    await translateAll(posts.outdated, 'sw');
    await translateAll(posts.onlyEs, 'sw');
    const post = await ctx.deps.store.posts.findById(posts.outdated);
    await savePost(ctx.deps, author, posts.outdated, post!.currentRevision, {
      language: 'en',
      title: 'Outdated Swahili',
      body: 'Outdated Swahili first paragraph, now changed.\n\nSecond paragraph.',
      tags: ['wikidata'],
    });
    await publishPost(ctx.deps, editor, posts.outdated);
    await runDueJobs(ctx.deps);
    await saveDigestSubscription(ctx.deps, subscriber, {
      frequency: 'weekly',
      languages: ['sw'],
      organizations: [],
      tags: [],
      authors: [],
    });
  });
  afterAll(() => ctx.close());

  const titles = (digest: Awaited<ReturnType<typeof buildDigest>>) =>
    digest.languages.flatMap((l) => [
      ...l.missing.map((i) => `missing:${i.title}`),
      ...l.outdated.map((i) => `outdated:${i.title}`),
      ...l.inProgress.map((i) => `inProgress:${i.title}`),
      ...(l.review ?? []).map((i) => `review:${i.title}`),
    ]);

  it('lists for a Swahili subscriber exactly the post missing Swahili and the outdated translation', async () => {
    const since = new Date(start - 7 * 86_400_000).toISOString();
    const digest = await buildDigest(ctx.deps, subscriber, since);
    expect(digest.languages.map((l) => l.language)).toEqual(['sw']);
    expect(titles(digest).sort()).toEqual(['missing:Missing Swahili', 'outdated:Outdated Swahili']);
    expect(digest.languages[0]?.review).toBeNull();
    // "New" means published since the previous digest.
    expect(titles(await buildDigest(ctx.deps, subscriber, new Date().toISOString()))).toEqual([
      'outdated:Outdated Swahili',
    ]);
  });

  it('narrows by organization, tag and author', async () => {
    const since = new Date(start - 7 * 86_400_000).toISOString();
    const tag = (await ctx.deps.store.posts.listTermDetails('tag')).find(
      (t) => t.name === 'wikidata',
    );
    const narrowed = await buildUser(ctx.deps, ['reader', 'translator']);
    const save = (filters: { organizations?: string[]; tags?: string[]; authors?: string[] }) =>
      saveDigestSubscription(ctx.deps, actorOf(narrowed), {
        frequency: 'daily',
        languages: ['sw'],
        organizations: filters.organizations ?? [],
        tags: filters.tags ?? [],
        authors: filters.authors ?? [],
      });
    await save({ organizations: ['org-ke'] });
    expect(titles(await buildDigest(ctx.deps, actorOf(narrowed), since))).toEqual([
      'missing:Missing Swahili',
    ]);
    await save({ tags: [tag!.id] });
    expect(titles(await buildDigest(ctx.deps, actorOf(narrowed), since)).sort()).toEqual([
      'missing:Missing Swahili',
      'outdated:Outdated Swahili',
    ]);
    await save({ tags: [tag!.id], organizations: ['org-ke'] });
    expect(titles(await buildDigest(ctx.deps, actorOf(narrowed), since))).toEqual([
      'missing:Missing Swahili',
    ]);
    const other = await buildUser(ctx.deps, ['author']);
    await save({ authors: [other.username] });
    expect(titles(await buildDigest(ctx.deps, actorOf(narrowed), since))).toEqual([]);
    await expect(save({ organizations: ['no-such-org'] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('shows a reviewer of Swahili what waits for review, and not a reviewer of German only', async () => {
    const since = new Date(start - 7 * 86_400_000).toISOString();
    const reviewer = await buildUser(ctx.deps, ['reviewer']);
    await ctx.deps.store.users.setTranslateLanguages(reviewer.id, ['sw']);
    const digest = await buildDigest(ctx.deps, actorOf(reviewer), since);
    // Translated, not yet reviewed units: the outdated translation's unchanged ones too.
    expect(digest.languages[0]?.review?.map((i) => i.title).sort()).toEqual([
      'Fully Swahili',
      'Missing only Spanish',
      'Outdated Swahili',
    ]);
    await ctx.deps.store.users.setReviewLanguages(reviewer.id, ['de']);
    expect((await buildDigest(ctx.deps, actorOf(reviewer), since)).languages[0]?.review).toBeNull();
  });

  it('has a valid Atom feed of what needs translating into Swahili, with the same items', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/translate/needs/sw.atom' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/atom+xml');
    const xml = response.body;
    const dir = mkdtempSync(join(tmpdir(), 'digest-atom-'));
    try {
      const file = join(dir, 'feed.xml');
      writeFileSync(file, xml);
      // Well-formed, and valid against RFC 4287's RELAX NG schema (Appendix B).
      execFileSync('xmllint', ['--noout', '--relaxng', RNG, file], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      feed: {
        id: string;
        title: Text;
        updated: string;
        author?: unknown;
        entry: { id: string; title: Text; updated: string; link: { '@_href': string } }[];
      };
    };
    const feed = parsed.feed;
    expect(textOf(feed.title)).toContain('Kiswahili');
    expect(feed.id).toBeTruthy();
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(feed.author).toBeTruthy();
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    expect(entries.map((e) => textOf(e.title)).sort()).toEqual([
      'Missing Swahili',
      'Outdated Swahili',
    ]);
    for (const entry of entries) {
      expect(entry.id).toBeTruthy();
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(entry.link['@_href']).toMatch(/\/translate\/[^/]+\?language=sw$/);
    }
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/translate/needs/xx-nope.atom' })).statusCode,
    ).toBe(404);
  });

  it('is due daily after a day and weekly after seven days', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    expect(isDue('daily', null, now)).toBe(true);
    expect(isDue('daily', '2026-12-09T12:00:00.000Z', now)).toBe(true);
    expect(isDue('daily', '2026-12-09T12:00:01.000Z', now)).toBe(false);
    expect(isDue('weekly', '2026-12-05T12:00:00.000Z', now)).toBe(false);
    expect(isDue('weekly', '2026-12-03T12:00:00.000Z', now)).toBe(true);
    expect(isDue('off', null, now)).toBe(false);
  });

  it('sends one e-mail per due subscriber once for two runs, none when empty, again a week later', async () => {
    const realNow = ctx.deps.clock.now.bind(ctx.deps.clock);
    try {
      // An Arabic digest narrowed to an author with no posts is empty: it is not sent.
      const empty = await buildUser(ctx.deps, ['reader', 'translator']);
      const nobody = await buildUser(ctx.deps, ['author']);
      await saveDigestSubscription(ctx.deps, actorOf(empty), {
        frequency: 'daily',
        languages: ['ar'],
        organizations: [],
        tags: [],
        authors: [nobody.username],
      });
      ctx.mail.length = 0;
      // Two runners at once: each subscriber is claimed by exactly one.
      const reports = await Promise.all([
        sendDueDigests(ctx.deps, composeDigestMail),
        sendDueDigests(ctx.deps, composeDigestMail),
      ]);
      const mine = ctx.mail.filter((m) => m.to === subscriber.email);
      expect(mine).toHaveLength(1);
      expect(ctx.mail.filter((m) => m.to === empty.email)).toHaveLength(0);
      expect(reports.reduce((n, r) => n + r.empty, 0)).toBeGreaterThanOrEqual(1);
      const mail = mine[0]!;
      expect(mail.text).toContain('Missing Swahili');
      expect(mail.text).toContain('Outdated Swahili');
      expect(mail.text).not.toContain('Fully Swahili');
      expect(mail.text).not.toContain('Draft missing Swahili');
      expect(mail.headers?.['List-Unsubscribe']).toMatch(
        /^<http:\/\/localhost:3000\/unsubscribe\//,
      );
      expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      // A third run the same day sends nothing; the job (enqueued per hour) neither.
      await sendDueDigests(ctx.deps, composeDigestMail);
      expect(await enqueueDigestRun(ctx.deps)).toBe(true);
      expect(await enqueueDigestRun(ctx.deps)).toBe(false);
      await runDueJobs(ctx.deps);
      expect(ctx.mail.filter((m) => m.to === subscriber.email)).toHaveLength(1);
      // Six days later the weekly subscriber is not due; eight days later they are.
      const later = (days: number) => () => new Date(realNow().getTime() + days * 86_400_000);
      ctx.deps.clock.now = later(6);
      await sendDueDigests(ctx.deps, composeDigestMail);
      expect(ctx.mail.filter((m) => m.to === subscriber.email)).toHaveLength(1);
      ctx.deps.clock.now = later(8);
      await sendDueDigests(ctx.deps, composeDigestMail);
      const again = ctx.mail.filter((m) => m.to === subscriber.email);
      expect(again).toHaveLength(2);
      // Nothing new was published: only the outdated translation is listed again.
      expect(again[1]!.text).not.toContain('Missing Swahili');
      expect(again[1]!.text).toContain('Outdated Swahili');
    } finally {
      ctx.deps.clock.now = realNow;
    }
  });

  it('saves the subscription from the page, previews it, and the hub remembers the languages', async () => {
    const person = await buildUser(ctx.deps, ['reader', 'translator']);
    const agent = new Agent(ctx.app);
    await agent.signIn(person.username);
    const page = await agent.get('/translate/subscriptions');
    expect(page.statusCode).toBe(200);
    const saved = await agent.post('/translate/subscriptions', {
      frequency: 'weekly',
      languages: ['sw'],
    });
    expect(saved.statusCode).toBe(303);
    const after = await agent.get('/translate/subscriptions?saved=1');
    expect(after.body).toContain('Your digest settings are saved.');
    expect(after.body).toMatch(/value="weekly" checked/);
    expect(after.body).toContain('Missing Swahili');
    expect(after.body).toContain('href="/translate/needs/sw.atom"');
    const hub = await agent.get('/translate');
    expect(hub.body).toContain('Into Swahili');
    expect(hub.body).toContain('href="/translate/subscriptions"');
  });

  it('refuses a signed-out visitor on the subscription page and its form', async () => {
    const page = await ctx.app.inject({
      method: 'GET',
      url: '/translate/subscriptions',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Ftranslate%2Fsubscriptions');
    const post = await ctx.app.inject({
      method: 'POST',
      url: '/translate/subscriptions',
      payload: { frequency: 'daily' },
    });
    expect(post.statusCode).toBe(401);
    expect(await ctx.deps.store.digests.subscription(subscriber.id)).toMatchObject({
      frequency: 'weekly',
    });
  });
});

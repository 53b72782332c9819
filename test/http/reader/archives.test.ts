/**
 * Archive pages (tag, category, author, organization, event, month) list exactly the
 * published posts that match, each once, in the page's language with a language badge for
 * posts in another language; listings and post pages carry their head links, and the post
 * page shows its versions, "Translate this post" and the invitation to translate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageAutonym } from '../../../src/domain/language.js';
import { translator } from '../../../src/i18n/translator.js';
import { createOrganization } from '../../../src/services/admin/admin.service.js';
import type {
  OrganizationRecord,
  PostRecord,
  UserRecord,
} from '../../../src/services/repositories.js';
import { buildUser, startTestApp } from '../../support/app.js';
import type { TestContext } from '../../support/app.js';
import { engines } from '../../support/databases.js';
import { cards, pathOf, read, titlesOf, writePost } from './reader-support.js';

const SITE_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'];
const ORIGIN = 'http://localhost:3000';

describe.each(engines())('archives on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let zed: UserRecord;
  let org: OrganizationRecord;
  const eventId = 'event-wikimania';
  /** Published: September (A, E), August (B, Spanish), July (C); D stays a draft. */
  const posts: Record<'A' | 'B' | 'C' | 'D' | 'E', PostRecord> = {} as never;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    amy = await buildUser(ctx.deps, ['author'], { displayName: 'Amy Writer' });
    zed = await buildUser(ctx.deps, ['author'], { displayName: 'Zoran Živković' });
    const admin = await buildUser(ctx.deps, ['admin']);
    const editor = await buildUser(ctx.deps, ['editor']);
    org = await createOrganization(ctx.deps, admin, {
      name: 'Wikimedia Argentina',
      kind: 'chapter',
      country: 'AR',
    });
    await ctx.deps.store.posts.createEvent({
      id: eventId,
      slug: 'wikimania-2026',
      name: 'Wikimania 2026',
      startsOn: '2026-08-01',
      endsOn: '2026-08-03',
      location: 'Paris',
      url: null,
    });
    posts.A = await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Alpha in September',
      slug: 'alpha',
      authorIds: [amy.id],
      organizationIds: [org.id],
      tags: ['Community', 'Wikimedia'],
      categories: ['Reports'],
      eventIds: [eventId],
      publishedAt: '2026-09-10T10:00:00.000Z',
    });
    posts.B = await writePost(ctx.deps, zed, editor, {
      language: 'es',
      title: 'Beta en agosto',
      slug: 'beta',
      authorIds: [zed.id],
      tags: ['Community', 'comunidad'],
      publishedAt: '2026-08-15T10:00:00.000Z',
    });
    posts.C = await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Gamma in July',
      slug: 'gamma',
      authorIds: [amy.id],
      tags: ['Community'],
      publishedAt: '2026-07-01T10:00:00.000Z',
    });
    // A draft with every relation: it must appear nowhere.
    posts.D = await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Delta draft',
      slug: 'delta',
      authorIds: [amy.id, zed.id],
      organizationIds: [org.id],
      tags: ['Community', 'Drafty'],
      categories: ['Reports', 'Drafty category'],
      eventIds: [eventId],
    });
    // An author, an organization and an event known only to drafts; an account with no posts.
    const dora = await buildUser(ctx.deps, ['author'], { username: 'dora-drafts' });
    await buildUser(ctx.deps, ['reader'], { username: 'rita-reader' });
    const serbia = await createOrganization(ctx.deps, admin, {
      name: 'Wikimedia Serbia',
      kind: 'chapter',
      country: 'RS',
    });
    await ctx.deps.store.posts.createEvent({
      id: 'event-future',
      slug: 'future-summit',
      name: 'Future Summit',
      startsOn: '2027-03-01',
      endsOn: '2027-03-02',
      location: 'Belgrade',
      url: null,
    });
    await writePost(ctx.deps, dora, editor, {
      language: 'en',
      title: 'Epsilon draft',
      slug: 'epsilon-draft',
      authorIds: [dora.id],
      organizationIds: [serbia.id],
      eventIds: ['event-future'],
      tags: ['Drafty'],
    });
    posts.E = await writePost(ctx.deps, zed, editor, {
      language: 'en',
      title: 'Epsilon in September',
      slug: 'epsilon',
      authorIds: [zed.id],
      tags: ['Elsewhere'],
      publishedAt: '2026-09-20T23:30:00.000Z',
    });
  });
  afterAll(() => ctx.close());

  const listing = async (url: string) => {
    const res = await read(ctx.app, url);
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };

  describe('each archive lists exactly its published posts', () => {
    it.each([
      ['/en/', ['Alpha in September', 'Beta en agosto', 'Epsilon in September', 'Gamma in July']],
      ['/en/tag/community', ['Alpha in September', 'Beta en agosto', 'Gamma in July']],
      ['/en/tag/wikimedia', ['Alpha in September']],
      ['/en/category/reports', ['Alpha in September']],
      ['/en/organization/wikimedia-argentina', ['Alpha in September']],
      ['/en/event/wikimania-2026', ['Alpha in September']],
      ['/en/2026/09', ['Alpha in September', 'Epsilon in September']],
      ['/en/2026/08', ['Beta en agosto']],
      ['/es/2026/07', ['Gamma in July']],
    ])('%s', async (url, expected) => {
      const body = await listing(url);
      expect(titlesOf(body)).toEqual(expected);
      expect(body).not.toContain('Delta draft');
      expect(body).toContain(
        translator(url.slice(1, 3)).t('reader.listing.count', { count: expected.length }),
      );
    });

    it('lists an author’s posts only, newest first', async () => {
      const amyPage = await listing(`/en/author/${amy.username}`);
      expect(cards(amyPage).map((c) => c.title)).toEqual(['Alpha in September', 'Gamma in July']);
      expect(amyPage).toContain('Posts by Amy Writer');
      expect(amyPage).not.toContain('Delta draft');
      const zedPage = await listing(`/en/author/${encodeURIComponent(zed.username)}`);
      expect(cards(zedPage).map((c) => c.title)).toEqual([
        'Epsilon in September',
        'Beta en agosto',
      ]);
    });

    it('names the subject of each archive in the page’s language', async () => {
      expect(await listing('/en/organization/wikimedia-argentina')).toContain(
        'Posts from Wikimedia Argentina',
      );
      expect(await listing('/es/event/wikimania-2026')).toContain('Entradas sobre Wikimania 2026');
      expect(await listing('/en/category/reports')).toContain('Category: Reports');
      expect(await listing('/en/2026/09')).toContain('Posts from September 2026');
    });

    it('shows an empty month as empty, not as an error', async () => {
      const empty = await listing('/en/2026/01');
      expect(cards(empty)).toEqual([]);
      expect(empty).toContain('No posts here yet.');
    });

    // A draft wrote these rows (its tag, its category) or the account never published: the
    // archive must answer exactly as for one that does not exist, so drafts stay private.
    it.each([
      '/en/tag/drafty',
      '/es/tag/drafty',
      '/en/tag/drafty/feed.xml',
      '/en/category/drafty-category',
      '/en/author/dora-drafts',
      '/en/author/dora-drafts/feed.json',
      '/en/author/rita-reader',
    ])('answers 404 for %s, which only drafts (or nobody) use', async (url) => {
      const res = await read(ctx.app, url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Delta draft');
      if (!url.includes('/feed.')) {
        // The same answer as for a name that never existed.
        const unknown = await read(ctx.app, url.replace(/\/[^/]+$/, '/never-existed'));
        expect(unknown.statusCode).toBe(404);
        expect(res.body).toBe(unknown.body);
      }
    });

    it('keeps the archive of an organization or event with no published post yet', async () => {
      // Administrators create these to be shown; the page says who or what they are.
      const organization = await listing('/en/organization/wikimedia-serbia');
      expect(cards(organization)).toEqual([]);
      expect(organization).toContain('Posts from Wikimedia Serbia');
      expect(organization).toContain('No posts here yet.');
      const event = await listing('/en/event/future-summit');
      expect(cards(event)).toEqual([]);
      expect(event).toContain('Future Summit');
      expect(event).toContain('Belgrade');
      expect(event).not.toContain('Epsilon draft');
    });

    it.each([
      '/en/tag/no-such-tag',
      '/en/category/no-such-category',
      '/en/author/nobody-here',
      '/en/organization/no-such-org',
      '/en/event/no-such-event',
      '/en/2026/13',
      '/en/26/09',
      '/en/unknown-kind/x',
    ])('answers 404 for %s', async (url) => {
      const res = await read(ctx.app, url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Page not found');
    });
  });

  describe('language of each card', () => {
    it('shows a Spanish post once in the English home, badged and marked lang="es"', async () => {
      const entries = cards(await listing('/en/'));
      // Linked into the reader's language: the original under /en/ (issue 9).
      const spanish = entries.filter((c) => c.href === pathOf(posts.B).replace('/es/', '/en/'));
      expect(spanish).toHaveLength(1);
      expect(spanish[0]).toMatchObject({ lang: 'es', dir: 'ltr', badge: 'In Spanish' });
      expect(entries.filter((c) => c.lang === 'en').every((c) => c.badge === null)).toBe(true);
      // Every post exactly once.
      expect(new Set(entries.map((c) => c.href)).size).toBe(entries.length);
    });

    it('badges the English posts in the Spanish home and not the Spanish one', async () => {
      const entries = cards(await listing('/es/'));
      expect(entries).toHaveLength(4);
      for (const entry of entries) {
        if (entry.href === pathOf(posts.B))
          expect(entry).toMatchObject({ lang: 'es', badge: null });
        else expect(entry).toMatchObject({ lang: 'en', badge: 'En inglés' });
      }
    });
  });

  describe('head links', () => {
    it('gives listings a canonical URL and feed links in their language', async () => {
      const home = await listing('/es/');
      expect(home).toContain(`<link rel="canonical" href="${ORIGIN}/es/"/>`);
      expect(home).toMatch(
        /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/es\/feed.xml"\/>/,
      );
      const tag = await listing('/en/tag/community');
      expect(tag).toContain(`<link rel="canonical" href="${ORIGIN}/en/tag/community"/>`);
      expect(tag).toMatch(
        /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/en\/tag\/community\/feed.xml"\/>/,
      );
      expect(tag).toContain('type="application/atom+xml"');
      expect(tag).toContain('type="application/feed+json"');
    });

    it('gives a post page its canonical, hreflang alternates and social meta', async () => {
      const path = pathOf(posts.A);
      const page = await listing(path);
      expect(path).toBe('/en/2026/09/10/alpha');
      expect(page).toContain(`<link rel="canonical" href="${ORIGIN}${path}"/>`);
      expect(page).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}${path}"/>`);
      expect(page).toContain(
        `<link rel="alternate" hreflang="x-default" href="${ORIGIN}${path}"/>`,
      );
      expect(page).toContain('<meta property="og:title" content="Alpha in September"/>');
      expect(page).toContain(`<meta property="og:url" content="${ORIGIN}${path}"/>`);
      expect(page).toContain('<meta name="twitter:card" content="summary"/>');
      expect(page).toContain('<meta property="article:tag" content="Community"/>');
    });
  });

  describe('the post page', () => {
    const missingOf = (html: string) => {
      const box = /<ul class="missing-languages">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
      return [...box.matchAll(/<a href="([^"]+)" hreflang="([^"]+)">/g)].map((m) => ({
        href: m[1],
        tag: m[2],
      }));
    };

    it('marks the original in the version switcher and links “Translate this post”', async () => {
      const page = await listing(pathOf(posts.A));
      const switcher = /<nav class="versions"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '';
      expect(switcher).toContain(
        `<a href="${pathOf(posts.A)}" hreflang="en" lang="en" aria-current="page"><bdi>English</bdi></a> <span class="meta">(original)</span>`,
      );
      expect(page).toContain(
        `<a class="translate-link" href="/translate/${posts.A.id}">Translate this post</a>`,
      );
      expect(page).toContain('<h1>Alpha in September</h1>');
      expect(page).toContain('href="/en/organization/wikimedia-argentina"');
      expect(page).toContain('href="/en/event/wikimania-2026"');
      expect(page).toContain('href="/en/category/reports"');
    });

    it('invites translation into every other site language, and only those', async () => {
      const page = await listing(pathOf(posts.A));
      expect(page).toContain('Can you help translate this article?');
      const missing = missingOf(page);
      expect(missing.map((m) => m.tag)).toEqual(SITE_LANGUAGES.filter((t) => t !== 'en'));
      for (const m of missing) expect(m.href).toBe(`/translate/${posts.A.id}?language=${m.tag}`);
      const box = /<ul class="missing-languages">[\s\S]*?<\/ul>/.exec(page)?.[0] ?? '';
      for (const tag of SITE_LANGUAGES.filter((t) => t !== 'en'))
        expect(box).toContain(`<span lang="${tag}">${languageAutonym(tag)}</span>`);
      expect(box).not.toContain('lang="en"');
    });

    it('speaks Spanish around a Spanish post and invites every language but Spanish', async () => {
      const page = await listing(pathOf(posts.B));
      expect(page).toContain('<html lang="es" dir="ltr">');
      expect(page).toContain('¿Puedes ayudarnos a traducir este artículo?');
      expect(page).toContain(
        `<a class="translate-link" href="/translate/${posts.B.id}">Traducir esta entrada</a>`,
      );
      expect(missingOf(page).map((m) => m.tag)).toEqual(SITE_LANGUAGES.filter((t) => t !== 'es'));
      expect(page).toContain('<span class="meta"> (inglés)</span>');
    });

    it('is not found in a section the site does not offer, nor as a draft', async () => {
      // Under another site language it is read in that language (test/http/reader/original-fallback.test.ts).
      expect((await read(ctx.app, pathOf(posts.A).replace('/en/', '/es/'))).statusCode).toBe(200);
      expect((await read(ctx.app, pathOf(posts.A).replace('/en/', '/pt/'))).statusCode).toBe(404);
      expect((await read(ctx.app, '/en/2026/09/10/delta')).statusCode).toBe(404);
    });
  });

  // Last: publishing changes every listing above.
  describe('an archive that opens later', () => {
    it('opens a tag’s archive once a post carrying it is published', async () => {
      const editor = await buildUser(ctx.deps, ['editor']);
      const author = await buildUser(ctx.deps, ['author']);
      expect((await read(ctx.app, '/en/tag/late-bloomer')).statusCode).toBe(404);
      await writePost(ctx.deps, author, editor, {
        language: 'en',
        title: 'Late bloomer',
        slug: 'late-bloomer',
        authorIds: [author.id],
        tags: ['Late bloomer'],
      });
      expect((await read(ctx.app, '/en/tag/late-bloomer')).statusCode).toBe(404);
      await writePost(ctx.deps, author, editor, {
        language: 'en',
        title: 'Late bloomer, published',
        slug: 'late-bloomer-published',
        authorIds: [author.id],
        tags: ['Late bloomer'],
        publishedAt: '2026-06-01T10:00:00.000Z',
      });
      expect(cards(await listing('/en/tag/late-bloomer')).map((c) => c.title)).toEqual([
        'Late bloomer, published',
      ]);
    });
  });
});

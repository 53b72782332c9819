/**
 * Every feed a page links in its `<head>` answers: each kind of listing (home, tag, category,
 * author, organization, event, month — the empty ones too) in every site language is fetched,
 * its `<link rel="alternate">` feeds are read from the parsed head, and each must answer 200
 * with its own content type and carry exactly the listing's posts, newest first. Unknown
 * events and impossible months answer 404, as their pages do; an empty month or an event
 * with no published post is an empty feed, as its page is an empty listing.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { defaultTreeAdapter as tree, parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/services/admin/admin.service.js';
import type {
  OrganizationRecord,
  PostRecord,
  UserRecord,
} from '../../src/services/repositories.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cards, pathOf, read, writePost } from './reader/reader-support.js';

const ORIGIN = 'http://localhost:3000';
const SITE_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'];
const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json'];

type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

interface FeedLink {
  type: string;
  href: string;
}

/** The feed links of a page's `<head>` (only there: a link in the body is not discovery). */
function headFeedLinks(html: string): FeedLink[] {
  const find = (node: ParentNode, name: string): Element | undefined => {
    for (const child of tree.getChildNodes(node)) {
      if (!tree.isElementNode(child)) continue;
      if (child.tagName === name) return child;
      const deeper = find(child, name);
      if (deeper) return deeper;
    }
    return undefined;
  };
  const head = find(parse(html), 'head');
  if (!head) throw new Error('page without a <head>');
  const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
  return tree
    .getChildNodes(head)
    .filter((n): n is Element => tree.isElementNode(n) && n.tagName === 'link')
    .filter((link) => attr(link, 'rel')?.split(/\s+/).includes('alternate'))
    .filter((link) => FEED_TYPES.includes(attr(link, 'type') ?? ''))
    .map((link) => ({ type: attr(link, 'type') ?? '', href: attr(link, 'href') ?? '' }));
}

interface JsonFeed {
  title: string;
  feed_url: string;
  items: { url: string }[];
}

interface FetchedFeed {
  title: string;
  self: string | null;
  urls: string[];
}

describe.each(engines())('feeds linked from pages on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let zed: UserRecord;
  let org: OrganizationRecord;
  let editor: UserRecord;
  const eventId = 'event-wikimania';
  /** Newest first: E (Sep 20, event), F (Sep 15), A (Sep 10, event), B (Aug, event, es), C (Jul). */
  const posts: Record<'A' | 'B' | 'C' | 'E' | 'F', PostRecord> = {} as never;

  const get = (url: string) => ctx.app.inject({ method: 'GET', url });

  /** Fetches a feed, checks status, type and (for XML) well-formedness; its title, self link and item URLs. */
  async function fetchFeed(url: string, type: string): Promise<FetchedFeed> {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type'], url).toBe(`${type}; charset=utf-8`);
    if (type === 'application/feed+json') {
      const json = JSON.parse(res.body) as JsonFeed;
      return { title: json.title, self: json.feed_url, urls: json.items.map((i) => i.url) };
    }
    expect(XMLValidator.validate(res.body), url).toBe(true);
    const feed = parseFeed(res.body).toJSON();
    expect(feed.meta.type, url).toBe(type === 'application/rss+xml' ? 'rss' : 'atom');
    return { title: feed.title ?? '', self: feed.self, urls: feed.items.map((i) => i.url ?? '') };
  }

  /** The page's feeds: exactly one per format, each answering with the page's posts in order. */
  async function checkPage(url: string): Promise<{ links: FeedLink[]; feeds: FetchedFeed[] }> {
    const page = await read(ctx.app, url);
    expect(page.statusCode, url).toBe(200);
    const links = headFeedLinks(page.body);
    expect(links.map((l) => l.type).sort(), url).toEqual([...FEED_TYPES].sort());
    // Feeds give each version's permalink; a card links an untranslated original under the
    // page's prefix (issue 9), which is that permalink in the original's own language.
    const listed = cards(page.body).map(
      (c) => `${ORIGIN}${c.href.replace(/^\/[^/]+\//, `/${c.lang}/`)}`,
    );
    const feeds: FetchedFeed[] = [];
    for (const link of links) {
      const feed = await fetchFeed(link.href, link.type);
      expect(feed.urls, `${link.href} (linked from ${url})`).toEqual(listed);
      expect(feed.self, link.href).toBe(`${ORIGIN}${link.href}`);
      feeds.push(feed);
    }
    return { links, feeds };
  }

  const urlsOf = (...list: PostRecord[]) => list.map((p) => `${ORIGIN}${pathOf(p)}`);

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    amy = await buildUser(ctx.deps, ['author'], { displayName: 'Amy Writer' });
    zed = await buildUser(ctx.deps, ['author'], { displayName: 'Zoran Živković' });
    const admin = await buildUser(ctx.deps, ['admin']);
    editor = await buildUser(ctx.deps, ['editor']);
    org = await createOrganization(ctx.deps, admin, {
      name: 'Wikimedia Argentina',
      kind: 'chapter',
      country: 'AR',
    });
    const event = (id: string, slug: string, name: string) =>
      ctx.deps.store.posts.createEvent({
        id,
        slug,
        name,
        startsOn: '2026-08-01',
        endsOn: '2026-08-03',
        location: 'Paris',
        url: null,
      });
    await event(eventId, 'wikimania-2026', 'Wikimania 2026');
    await event('event-quiet', 'quiet-meetup', 'Quiet Meetup');
    await event('event-drafts', 'draft-summit', 'Draft Summit');

    posts.A = await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Alpha at Wikimania',
      slug: 'alpha',
      authorIds: [amy.id],
      organizationIds: [org.id],
      tags: ['Community'],
      categories: ['Reports'],
      eventIds: [eventId],
      publishedAt: '2026-09-10T10:00:00.000Z',
    });
    posts.B = await writePost(ctx.deps, zed, editor, {
      language: 'es',
      title: 'Beta en Wikimania',
      slug: 'beta',
      authorIds: [zed.id],
      tags: ['Community'],
      eventIds: [eventId],
      publishedAt: '2026-08-15T10:00:00.000Z',
    });
    posts.C = await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Gamma in July',
      slug: 'gamma',
      authorIds: [amy.id],
      categories: ['Reports'],
      publishedAt: '2026-07-01T10:00:00.000Z',
    });
    posts.E = await writePost(ctx.deps, zed, editor, {
      language: 'es',
      title: 'Épsilon en Wikimania',
      slug: 'epsilon',
      authorIds: [zed.id],
      organizationIds: [org.id],
      eventIds: [eventId],
      publishedAt: '2026-09-20T23:30:00.000Z',
    });
    posts.F = await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Phi in September',
      slug: 'phi',
      authorIds: [amy.id],
      tags: ['Community'],
      publishedAt: '2026-09-15T10:00:00.000Z',
    });
    // A draft about both events, in September: it must reach no feed.
    await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Delta draft',
      slug: 'delta',
      authorIds: [amy.id],
      organizationIds: [org.id],
      tags: ['Community'],
      categories: ['Reports'],
      eventIds: [eventId, 'event-drafts'],
    });
  });
  afterAll(() => ctx.close());

  it('links feeds that answer, with the listing’s posts, from every listing in every language', async () => {
    const pages = [
      { path: '/', expected: urlsOf(posts.E, posts.F, posts.A, posts.B, posts.C) },
      { path: '/tag/community', expected: urlsOf(posts.F, posts.A, posts.B) },
      { path: '/category/reports', expected: urlsOf(posts.A, posts.C) },
      { path: `/author/${amy.username}`, expected: urlsOf(posts.F, posts.A, posts.C) },
      { path: `/organization/${org.slug}`, expected: urlsOf(posts.E, posts.A) },
      { path: '/event/wikimania-2026', expected: urlsOf(posts.E, posts.A, posts.B) },
      { path: '/event/quiet-meetup', expected: [] },
      { path: '/event/draft-summit', expected: [] },
      { path: '/2026/09', expected: urlsOf(posts.E, posts.F, posts.A) },
      { path: '/2026/08', expected: urlsOf(posts.B) },
      { path: '/2026/06', expected: [] },
    ];
    for (const language of SITE_LANGUAGES) {
      for (const { path, expected } of pages) {
        const url = `/${language}${path}`;
        const { links, feeds } = await checkPage(url);
        // The linked feeds are the listing's own, and hold exactly its posts, newest first.
        const base = `/${language}${path === '/' ? '' : path}`;
        expect(links.map((l) => l.href).sort(), url).toEqual(
          [`${base}/atom.xml`, `${base}/feed.json`, `${base}/feed.xml`].sort(),
        );
        for (const feed of feeds) expect(feed.urls, url).toEqual(expected);
      }
    }
  });

  it('names event and month feeds like the other feeds, in the feed’s language', async () => {
    const title = async (url: string) => (await fetchFeed(url, 'application/rss+xml')).title;
    expect(await title('/en/event/wikimania-2026/feed.xml')).toBe(
      'Polyphony — Posts about Wikimania 2026',
    );
    expect(await title('/es/event/wikimania-2026/feed.xml')).toBe(
      'Polyphony — Entradas sobre Wikimania 2026',
    );
    expect(await title('/en/2026/09/feed.xml')).toBe('Polyphony — Posts from September 2026');
    expect(await title('/es/2026/09/feed.xml')).toBe('Polyphony — Entradas de septiembre de 2026');
    expect(await title('/ar/2026/09/feed.xml')).toBe('Polyphony — تدوينات سبتمبر 2026');
  });

  it('never puts a draft in an event or month feed', async () => {
    for (const path of ['/event/wikimania-2026', '/event/draft-summit', '/2026/09']) {
      for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
        const res = await get(`/en${path}/${file}`);
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('Delta draft');
        expect(res.body).not.toContain('/delta');
      }
    }
  });

  it('answers 404 for an unknown event or an impossible month, as their pages do', async () => {
    for (const path of [
      '/event/no-such-event',
      '/2026/13',
      '/2026/00',
      '/1969/12',
      '/2026/9',
      '/26/09',
    ]) {
      expect((await read(ctx.app, `/en${path}`)).statusCode, path).toBe(404);
      for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
        expect((await get(`/en${path}/${file}`)).statusCode, `${path}/${file}`).toBe(404);
      }
    }
    expect((await get('/xx/2026/09/feed.xml')).statusCode).toBe(404);
    expect((await get('/xx/event/wikimania-2026/feed.xml')).statusCode).toBe(404);
    const upper = await get('/EN/2026/09/atom.xml');
    expect(upper.statusCode).toBe(301);
    expect(upper.headers.location).toBe('/en/2026/09/atom.xml');
  });

  it('caches event and month feeds, and refreshes them when a post about the event is published', async () => {
    const event = '/en/event/wikimania-2026/feed.json';
    const month = '/en/2026/10/feed.xml';
    await get(event);
    await get(month);
    for (const url of [event, month]) {
      const again = await get(url);
      expect(again.headers['x-cache'], url).toBe('HIT');
      expect(again.headers['cache-control'], url).toMatch(/^public/);
    }
    expect((await fetchFeed(month, 'application/rss+xml')).urls).toEqual([]);

    const fresh = await writePost(ctx.deps, amy, editor, {
      language: 'en',
      title: 'Omega in October',
      slug: 'omega',
      authorIds: [amy.id],
      eventIds: [eventId],
      publishedAt: '2026-10-02T10:00:00.000Z',
    });
    const eventFeed = await fetchFeed(event, 'application/feed+json');
    expect(eventFeed.urls).toEqual(urlsOf(fresh, posts.E, posts.A, posts.B));
    expect((await fetchFeed(month, 'application/rss+xml')).urls).toEqual(urlsOf(fresh));
  });
});

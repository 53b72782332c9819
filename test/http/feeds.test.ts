/**
 * RSS 2.0, Atom and JSON Feed for each language's home and its tag, category, author and
 * organization listings: every feed parses with a real feed reader (@rowanmanning/feed-parser)
 * and is well-formed XML; items carry the right titles, links, dates, people and full content;
 * drafts never appear; a post with no version in the feed's language appears once, as its
 * original; the page cache drops feeds when a post is published.
 */
import { randomUUID } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  OrganizationRecord,
  PostRecord,
  UserRecord,
} from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { absoluteUrls } from '../../src/interchange/feeds/feeds.js';
import { postIdFrom } from './http-helpers.js';

const ORIGIN = 'http://localhost:3000';
const formats = [
  { file: 'feed.xml', type: 'application/rss+xml' },
  { file: 'atom.xml', type: 'application/atom+xml' },
  { file: 'feed.json', type: 'application/feed+json' },
] as const;

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
  date_modified: string;
  language: string;
  authors?: { name: string }[];
  tags: string[];
}
interface JsonFeed {
  version: string;
  title: string;
  language: string;
  feed_url: string;
  items: JsonFeedItem[];
}

const permalink = (post: PostRecord) =>
  `${ORIGIN}/${post.sourceLanguage}/${post.publishedAt!.slice(0, 10).replaceAll('-', '/')}/${post.slug}`;

/** RSS dates have whole seconds. */
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe.each(engines())('feeds on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let zed: UserRecord;
  let kenya: OrganizationRecord;
  let argentina: OrganizationRecord;
  let writer: Agent;
  let editor: Agent;
  let nairobi: PostRecord;
  let buenosAires: PostRecord;

  const get = (url: string) => ctx.app.inject({ method: 'GET', url });

  async function organization(slug: string, name: string): Promise<OrganizationRecord> {
    const org: OrganizationRecord = {
      id: randomUUID(),
      slug,
      name,
      kind: 'chapter',
      country: null,
      website: null,
      description: '',
      createdAt: new Date().toISOString(),
    };
    await ctx.deps.store.organizations.create(org);
    return org;
  }

  async function write(form: Record<string, string | string[]>): Promise<string> {
    return postIdFrom(await writer.post('/write/new', form));
  }

  async function publish(id: string): Promise<PostRecord> {
    expect((await editor.post(`/write/${id}/publish`)).statusCode).toBe(303);
    // Distinct publication instants keep "newest first" unambiguous.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const post = await ctx.deps.store.posts.findById(id);
    if (!post?.publishedAt) throw new Error('not published');
    return post;
  }

  /** Fetches a feed, checks its status, type and well-formedness, and parses it. */
  async function xmlFeed(url: string, type: string) {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type']).toBe(`${type}; charset=utf-8`);
    expect(XMLValidator.validate(res.body), url).toBe(true);
    return parseFeed(res.body).toJSON();
  }

  async function jsonFeed(url: string): Promise<JsonFeed> {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    return JSON.parse(res.body) as JsonFeed;
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    amy = await buildUser(ctx.deps, ['author'], { displayName: 'Amy Writer' });
    zed = await buildUser(ctx.deps, ['author'], { displayName: 'Zoran Живковић' });
    kenya = await organization('wikimedia-kenya', 'Wikimedia Kenya');
    argentina = await organization('wikimedia-argentina', 'Wikimedia Argentina');
    writer = new Agent(ctx.app);
    await writer.signIn(amy.username);
    editor = new Agent(ctx.app);
    await editor.signIn((await buildUser(ctx.deps, ['editor'])).username);

    nairobi = await publish(
      await write({
        language: 'en',
        title: 'Meeting notes from Nairobi & Kampala',
        slug: 'meeting-notes',
        excerpt: 'What we agreed.',
        // `]]>` twice: the XML writer alone would end its CDATA section early.
        body: 'We met in **Nairobi**. See [the home page](/en/) for more. Odd: ]]> and ]]> again.',
        authorIds: [zed.id, amy.id],
        organizationIds: [kenya.id],
        tags: 'community, Wikimedia',
        categories: 'Reports',
      }),
    );
    buenosAires = await publish(
      await write({
        language: 'es',
        title: 'Notas de la reunión en Buenos Aires',
        slug: 'notas-buenos-aires',
        body: 'Nos reunimos en *Buenos Aires*.',
        authorIds: [amy.id],
        organizationIds: [argentina.id],
        tags: 'comunidad, Wikimedia',
        categories: 'Reports',
      }),
    );
    // A draft sharing every listing with the published posts must stay out of all feeds.
    await write({
      language: 'en',
      title: 'Secret draft',
      slug: 'secret-draft',
      body: 'Not yet.',
      authorIds: [zed.id, amy.id],
      organizationIds: [kenya.id, argentina.id],
      tags: 'community, comunidad, Wikimedia',
      categories: 'Reports',
    });
  });
  afterAll(() => ctx.close());

  const listings = () => [
    { path: '', titles: { en: 'Polyphony — Latest posts', es: 'Polyphony — Últimas entradas' } },
    {
      path: '/tag/wikimedia',
      titles: {
        en: 'Polyphony — Posts tagged “Wikimedia”',
        es: 'Polyphony — Entradas con la etiqueta «Wikimedia»',
      },
    },
    {
      path: '/category/reports',
      titles: {
        en: 'Polyphony — Posts in the category “Reports”',
        es: 'Polyphony — Entradas de la categoría «Reports»',
      },
    },
    {
      path: `/author/${amy.username}`,
      titles: { en: 'Polyphony — Posts by Amy Writer', es: 'Polyphony — Entradas de Amy Writer' },
    },
    {
      path: `/organization/${kenya.slug}`,
      titles: {
        en: 'Polyphony — Posts from Wikimedia Kenya',
        es: 'Polyphony — Entradas de la organización Wikimedia Kenya',
      },
    },
  ];

  it('serves every feed in every format, parseable, well-formed, titled in its language', async () => {
    for (const language of ['en', 'es'] as const) {
      for (const listing of listings()) {
        const base = `/${language}${listing.path}`;
        for (const { file, type } of formats) {
          const url = `${base}/${file}`;
          if (file === 'feed.json') {
            const feed = await jsonFeed(url);
            expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
            expect(feed.title).toBe(listing.titles[language]);
            expect(feed.language).toBe(language);
            expect(feed.feed_url).toBe(`${ORIGIN}${url}`);
            expect(feed.items.length).toBeGreaterThan(0);
          } else {
            const feed = await xmlFeed(url, type);
            expect(feed.meta.type).toBe(file === 'feed.xml' ? 'rss' : 'atom');
            expect(feed.title).toBe(listing.titles[language]);
            expect(feed.language).toBe(language);
            expect(feed.self).toBe(`${ORIGIN}${url}`);
            expect(feed.url).toBe(`${ORIGIN}${base}${listing.path === '' ? '/' : ''}`);
            expect(feed.items.length).toBeGreaterThan(0);
          }
        }
      }
    }
    // Arabic has a complete catalog too.
    expect((await xmlFeed('/ar/feed.xml', 'application/rss+xml')).title).toBe(
      'Polyphony — أحدث التدوينات',
    );
  });

  it('lists each post once, newest first, with its permalink, dates, people, tags and full content', async () => {
    const rss = await xmlFeed('/es/feed.xml', 'application/rss+xml');
    const atom = await xmlFeed('/es/atom.xml', 'application/atom+xml');
    const json = await jsonFeed('/es/feed.json');
    const expected = [buenosAires, nairobi];
    for (const feed of [rss, atom]) {
      expect(feed.items.map((i) => i.url)).toEqual(expected.map(permalink));
      expect(feed.items.map((i) => i.id)).toEqual(expected.map(permalink));
      expect(feed.items.map((i) => i.title)).toEqual([
        'Notas de la reunión en Buenos Aires',
        'Meeting notes from Nairobi & Kampala',
      ]);
      const [es, en] = feed.items;
      expect(seconds(en!.published!)).toBe(seconds(nairobi.publishedAt!));
      expect(seconds(es!.published!)).toBe(seconds(buenosAires.publishedAt!));
      // Byline order is the author's choice.
      expect(en!.authors.map((a) => a.name)).toEqual(['Zoran Живковић', 'Amy Writer']);
      expect(en!.categories.map((c) => c.label)).toEqual(['community', 'Wikimedia', 'Reports']);
      expect(en!.content).toContain('<strong>Nairobi</strong>');
      // Links in the body are absolute: feed readers show content away from the site.
      expect(en!.content).toContain(`href="${ORIGIN}/en/"`);
      expect(en!.content).toContain('Odd: ]]> and ]]> again.');
    }
    expect(atom.items[1]!.updated).toBe(nairobi.updatedAt);
    expect(atom.items[1]!.description).toBe('What we agreed.');
    expect(seconds(rss.updated!)).toBe(
      seconds([nairobi.updatedAt, buenosAires.updatedAt].sort().at(-1)!),
    );

    expect(json.items.map((i) => i.id)).toEqual(expected.map(permalink));
    expect(json.items.map((i) => i.url)).toEqual(expected.map(permalink));
    const en = json.items[1]!;
    expect(en.title).toBe('Meeting notes from Nairobi & Kampala');
    // The original, with its own language, in the Spanish feed.
    expect(en.language).toBe('en');
    expect(json.items[0]!.language).toBe('es');
    expect(en.date_published).toBe(nairobi.publishedAt);
    expect(en.date_modified).toBe(nairobi.updatedAt);
    expect(en.authors?.map((a) => a.name)).toEqual(['Zoran Живковић', 'Amy Writer']);
    expect(en.tags).toEqual(['community', 'Wikimedia', 'Reports']);
    expect(en.content_html).toContain('<strong>Nairobi</strong>');
  });

  it('narrows to the listing: tag, category, author, organization', async () => {
    const urls = async (path: string) =>
      (await xmlFeed(`/en${path}/atom.xml`, 'application/atom+xml')).items.map((i) => i.url);
    expect(await urls('/tag/wikimedia')).toEqual([permalink(buenosAires), permalink(nairobi)]);
    expect(await urls('/tag/community')).toEqual([permalink(nairobi)]);
    expect(await urls('/tag/comunidad')).toEqual([permalink(buenosAires)]);
    expect(await urls('/category/reports')).toEqual([permalink(buenosAires), permalink(nairobi)]);
    expect(await urls(`/author/${zed.username}`)).toEqual([permalink(nairobi)]);
    expect(await urls(`/author/${amy.username}`)).toEqual([
      permalink(buenosAires),
      permalink(nairobi),
    ]);
    expect(await urls(`/organization/${kenya.slug}`)).toEqual([permalink(nairobi)]);
    expect(await urls(`/organization/${argentina.slug}`)).toEqual([permalink(buenosAires)]);
  });

  it('never shows a draft', async () => {
    for (const language of ['en', 'es']) {
      for (const listing of [
        ...listings(),
        { path: `/author/${zed.username}` },
        { path: `/organization/${argentina.slug}` },
      ]) {
        for (const { file } of formats) {
          const res = await get(`/${language}${listing.path}/${file}`);
          expect(res.statusCode).toBe(200);
          expect(res.body).not.toContain('Secret draft');
          expect(res.body).not.toContain('secret-draft');
        }
      }
    }
  });

  it('answers 404 for unknown languages, kinds and subjects, and redirects a non-canonical prefix', async () => {
    for (const url of [
      '/xx/feed.xml',
      '/fr/feed.xml', // a valid tag, but not a site language
      '/en/event/anything/feed.xml', // no such event (event feeds: feeds-linked.test.ts)
      '/en/2026/13/atom.xml', // no such month
      '/en/bogus/anything/atom.xml',
      '/en/tag/no-such-tag/feed.json',
      '/en/category/no-such-category/feed.xml',
      '/en/author/nobody-at-all/atom.xml',
      '/en/organization/no-such-org/feed.xml',
    ]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    const upper = await get('/EN/tag/wikimedia/feed.xml');
    expect(upper.statusCode).toBe(301);
    expect(upper.headers.location).toBe('/en/tag/wikimedia/feed.xml');
  });

  it('is cached, and refreshed when a post is published', async () => {
    const first = await get('/en/tag/wikimedia/feed.xml');
    const again = await get('/en/tag/wikimedia/feed.xml');
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.body).toBe(first.body);
    const home = await get('/en/atom.xml');
    expect((await get('/en/atom.xml')).headers['x-cache']).toBe('HIT');

    const fresh = await publish(
      await write({
        language: 'en',
        title: 'Fresh from Kampala',
        slug: 'fresh',
        body: 'New.',
        authorIds: [amy.id],
        tags: 'Wikimedia',
      }),
    );
    const tag = await xmlFeed('/en/tag/wikimedia/feed.xml', 'application/rss+xml');
    expect(tag.items[0]?.url).toBe(permalink(fresh));
    const after = await get('/en/atom.xml');
    expect(after.body).not.toBe(home.body);
    expect(after.body).toContain('Fresh from Kampala');
  });
});

describe('absoluteUrls', () => {
  it('makes root-relative links, images and srcset candidates absolute, and nothing else', () => {
    const html =
      '<p>Text with src="/not-an-attribute" &lt;img src="/neither"&gt;</p>' +
      '<a href="/en/">home</a> <a href="https://example.org/x">out</a> <a href="//cdn.example/x">cdn</a>' +
      '<img src="/media/a.jpg" srcset="/media/a-640.webp 640w, /media/a-1280.webp 1280w" alt="a > b" title="x">';
    expect(absoluteUrls(html, ORIGIN)).toBe(
      '<p>Text with src="/not-an-attribute" &lt;img src="/neither"&gt;</p>' +
        `<a href="${ORIGIN}/en/">home</a> <a href="https://example.org/x">out</a> <a href="//cdn.example/x">cdn</a>` +
        `<img src="${ORIGIN}/media/a.jpg" srcset="${ORIGIN}/media/a-640.webp 640w, ${ORIGIN}/media/a-1280.webp 1280w" alt="a > b" title="x">`,
    );
  });
});

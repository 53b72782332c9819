/**
 * The public page cache: signed-out readers get cached pages (MISS then HIT, same body and
 * ETag, 304 on a matching If-None-Match, public Cache-Control); signed-in readers get fresh,
 * private pages; publishing, republishing and unpublishing drop exactly the pages that show
 * the post, and changes readers cannot see drop nothing; a page outlives no time to live.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageCache, PUBLIC_CACHE_CONTROL } from '../../../src/http/plugins/page-cache.js';
import { savePost } from '../../../src/services/posts/save-post.service.js';
import { publishPost, unpublishPost } from '../../../src/services/posts/workflow.service.js';
import type { PostRecord, UserRecord } from '../../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../../support/app.js';
import type { TestContext } from '../../support/app.js';
import { engines } from '../../support/databases.js';
import { at, cards, pathOf, read, writePost } from './reader-support.js';

const entry = (keys: string[], body = 'page') => ({
  body: Buffer.from(body),
  etag: `"${body}"`,
  contentType: 'text/html; charset=utf-8',
  keys,
});

describe('PageCache', () => {
  it('keeps the stored bytes within its budget, dropping the least recently used', () => {
    const cache = new PageCache(100, 10);
    cache.set('/a', entry(['k'], 'aaaa'));
    cache.set('/b', entry(['k'], 'bbbb'));
    expect(cache.byteSize).toBe(8);
    cache.set('/c', entry(['k'], 'cccc'));
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.byteSize).toBe(8);
    cache.set('/huge', entry(['k'], 'x'.repeat(11)));
    expect(cache.get('/huge')).toBeUndefined();
    expect(cache.invalidate(['k'])).toBe(2);
    expect(cache.byteSize).toBe(0);
  });

  it('evicts the least recently used page beyond maxEntries', () => {
    const cache = new PageCache(2);
    cache.set('/a', entry(['k:a'], 'a'));
    cache.set('/b', entry(['k:b'], 'b'));
    expect(cache.get('/a')?.body.toString()).toBe('a'); // /a is now the most recent
    cache.set('/c', entry(['k:c'], 'c'));
    expect(cache.size).toBe(2);
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')?.body.toString()).toBe('a');
    expect(cache.get('/c')?.body.toString()).toBe('c');
    // The evicted page's keys are forgotten too: invalidating them drops nothing.
    expect(cache.invalidate(['k:b'])).toBe(0);
    expect(cache.size).toBe(2);
  });

  it('replaces a page stored again under the same url, with its new keys only', () => {
    const cache = new PageCache(10);
    cache.set('/p', entry(['old'], 'v1'));
    cache.set('/p', entry(['new'], 'v2'));
    expect(cache.size).toBe(1);
    expect(cache.get('/p')?.body.toString()).toBe('v2');
    expect(cache.invalidate(['old'])).toBe(0);
    expect(cache.get('/p')?.body.toString()).toBe('v2');
    expect(cache.invalidate(['new'])).toBe(1);
    expect(cache.get('/p')).toBeUndefined();
  });

  it('drops exactly the pages tagged with an invalidated key', () => {
    const cache = new PageCache(10);
    cache.set('/post-1', entry(['post:1', 'list:tag:x']));
    cache.set('/post-2', entry(['post:2']));
    cache.set('/tag/x', entry(['list:tag:x', 'list:all']));
    cache.set('/tag/y', entry(['list:tag:y', 'list:all']));
    expect(cache.invalidate(['list:tag:x'])).toBe(2);
    expect(cache.get('/post-1')).toBeUndefined();
    expect(cache.get('/tag/x')).toBeUndefined();
    expect(cache.get('/post-2')).toBeDefined();
    expect(cache.get('/tag/y')).toBeDefined();
    // A page carrying two invalidated keys is counted once.
    cache.set('/both', entry(['a', 'b']));
    expect(cache.invalidate(['a', 'b', 'unknown'])).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('bumps the generation on every invalidation, even one that drops nothing', () => {
    const cache = new PageCache(10);
    const start = cache.generation;
    cache.invalidate([]);
    expect(cache.generation).toBe(start + 1);
    cache.set('/x', entry(['k']));
    cache.invalidate(['k']);
    expect(cache.generation).toBe(start + 2);
    // Reading and storing do not count as invalidations.
    cache.set('/y', entry(['k']));
    cache.get('/y');
    expect(cache.generation).toBe(start + 2);
  });

  it('forgets a page older than its time to live, and keeps every page without one', () => {
    let now = 1_000_000;
    const cache = new PageCache(10, undefined, {}, { ttlMs: 5_000, now: () => now });
    cache.set('/old', entry(['k'], 'old'));
    now += 3_000;
    cache.set('/new', entry(['k'], 'new'));
    now += 2_000; // /old is exactly 5 s old: not older than the TTL yet
    expect(cache.get('/old')?.body.toString()).toBe('old');
    now += 1;
    expect(cache.get('/old')).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(cache.byteSize).toBe(3);
    expect(cache.get('/new')?.body.toString()).toBe('new');
    // Stored again, it lives again; its key is known again too.
    cache.set('/old', entry(['k'], 'old'));
    now += 4_000;
    expect(cache.get('/old')).toBeDefined();
    expect(cache.get('/new')).toBeUndefined();
    expect(cache.invalidate(['k'])).toBe(1);

    const forever = new PageCache(10, undefined, {}, { ttlMs: 0, now: () => now });
    forever.set('/p', entry(['k']));
    now += 365 * 86_400_000;
    expect(forever.get('/p')).toBeDefined();
  });
});

describe.each(engines())('page cache over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let editor: UserRecord;
  let reader: Agent;
  let seq = 0;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Edna Editor' });
    const readerUser = await buildUser(ctx.deps, ['reader']);
    reader = new Agent(ctx.app);
    await reader.signIn(readerUser.username);
  });
  afterAll(() => ctx.close());

  /** Publishes a new English post at a distinct instant in September 2026. */
  async function publishNew(title: string, tags: string[] = []): Promise<PostRecord> {
    seq += 1;
    return writePost(ctx.deps, editor, editor, {
      language: 'en',
      title,
      tags,
      publishedAt: `2026-09-${String(seq).padStart(2, '0')}T12:00:00.000Z`,
    });
  }

  const get = (url: string, headers: Record<string, string> = {}) => read(ctx.app, url, headers);

  /** Asserts the page comes from the cache now (after a first render). */
  async function warm(url: string) {
    const first = await get(url);
    expect(first.statusCode, url).toBe(200);
    const second = await get(url);
    expect(second.headers['x-cache'], url).toBe('HIT');
    return second;
  }

  it('renders once, then serves the same page and ETag from the cache', async () => {
    const post = await publishNew('Cached story');
    const url = pathOf(post);
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
    expect(String(first.headers['cache-control'])).toMatch(/^public/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.body).toContain('<h1>Cached story</h1>');

    const second = await get(url);
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers.etag).toBe(etag);
    expect(second.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.body).toBe(first.body);
  });

  it("sends a rendered page's UTF-8 bytes with their length and their hash as the ETag", async () => {
    const post = await publishNew('Ñandú — 小説 — قصة');
    const url = pathOf(post);
    for (const answer of [await get(url), await reader.get(url)]) {
      expect(answer.statusCode).toBe(200);
      const bytes = answer.rawPayload;
      expect(bytes.toString('utf8')).toContain('Ñandú — 小説 — قصة');
      expect(Number(answer.headers['content-length'])).toBe(bytes.length);
      expect(answer.headers.etag).toBe(`"${createHash('sha1').update(bytes).digest('base64url')}"`);
    }
  });

  it('answers 304 with an empty body to a matching If-None-Match', async () => {
    const post = await publishNew('Conditional story');
    const url = pathOf(post);
    const first = await get(url);
    const etag = String(first.headers.etag);
    const cached = await get(url, { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect(cached.headers.etag).toBe(etag);
    const weakInList = await get(url, { 'if-none-match': `"other", W/${etag}` });
    expect(weakInList.statusCode).toBe(304);
    const stale = await get(url, { 'if-none-match': '"not-this-one"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
  });

  it('answers 304 on the first render too, when the reader already has that page', async () => {
    const post = await publishNew('Known story');
    const url = pathOf(post);
    const etag = String((await get(url)).headers.etag);
    ctx.app.pageCache.invalidate([`post:${post.id}`]);
    const rerendered = await get(url, { 'if-none-match': etag });
    expect(rerendered.statusCode).toBe(304);
    expect(rerendered.body).toBe('');
  });

  it('gives signed-in readers fresh, private pages and keeps them out of the cache', async () => {
    const post = await publishNew('Personal story');
    const url = pathOf(post);
    await warm(url);
    const mine = await reader.get(url);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    expect(mine.headers['x-cache']).toBeUndefined();
    expect(mine.headers.etag).toBeDefined();
    // The signed-in page (with its sign-out form) is not what anonymous readers get.
    expect(mine.body).toContain('action="/signout"');
    const anonymous = await get(url);
    expect(anonymous.headers['x-cache']).toBe('HIT');
    expect(anonymous.body).not.toContain('action="/signout"');
  });

  it('drops the home page when a new post is published', async () => {
    await publishNew('Before the news');
    await warm('/en/');
    const news = await publishNew('Breaking news');
    const after = await get('/en/');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(cards(after.body)[0]?.title).toBe('Breaking news');
    expect(cards(after.body).map((c) => c.href)).toContain(pathOf(news));
    expect((await get('/en/')).headers['x-cache']).toBe('HIT');
  });

  it('keeps serving the published revision until an edit is published, then the new title', async () => {
    const post = await publishNew('First title', ['editions']);
    const url = pathOf(post);
    await warm(url);
    await warm('/en/tag/editions');

    // Saving a new revision changes nothing readers see: the cache stays.
    const saved = await savePost(ctx.deps, editor, post.id, post.currentRevision, {
      language: 'en',
      title: 'Second title',
      slug: post.slug,
      body: 'Rewritten.',
      tags: ['editions'],
    });
    const untouched = await get(url);
    expect(untouched.headers['x-cache']).toBe('HIT');
    expect(untouched.body).toContain('<h1>First title</h1>');
    expect((await get('/en/tag/editions')).headers['x-cache']).toBe('HIT');

    await publishPost(at(ctx.deps, '2026-10-01T00:00:00.000Z'), editor, saved.post.id);
    const republished = await get(url);
    expect(republished.statusCode).toBe(200);
    expect(republished.headers['x-cache']).toBe('MISS');
    expect(republished.body).toContain('<h1>Second title</h1>');
    expect(republished.body).toContain('Rewritten.');
    const tag = await get('/en/tag/editions');
    expect(tag.headers['x-cache']).toBe('MISS');
    expect(cards(tag.body).map((c) => c.title)).toEqual(['Second title']);
  });

  it('drops the post page and its listings when the post is unpublished', async () => {
    const post = await publishNew('Soon gone', ['ephemeral']);
    const url = pathOf(post);
    await warm(url);
    await warm('/en/');
    await warm('/en/tag/ephemeral');
    await warm('/en/2026/09');

    await unpublishPost(ctx.deps, editor, post.id);
    expect((await get(url)).statusCode).toBe(404);
    // No published post carries the tag any more: its archive is gone, never served stale.
    expect((await get('/en/tag/ephemeral')).statusCode).toBe(404);
    for (const listing of ['/en/', '/en/2026/09']) {
      const res = await get(listing);
      expect(res.statusCode, listing).toBe(200);
      expect(res.headers['x-cache'], listing).toBe('MISS');
      expect(res.body, listing).not.toContain(`href="${url}"`);
    }
  });

  it('keeps an unrelated post page cached when another post is published', async () => {
    const quiet = await publishNew('Quiet story', ['gardening']);
    const url = pathOf(quiet);
    const before = await warm(url);
    await publishNew('Loud story', ['cycling']);
    const after = await get(url);
    expect(after.headers['x-cache']).toBe('HIT');
    expect(after.body).toBe(before.body);
  });

  it('re-renders an unrelated tag listing after a publication: its archive counts change', async () => {
    await publishNew('Botany notes', ['botany']);
    const september = (html: string) =>
      Number(/href="\/en\/2026\/09">September 2026 \((\d+) posts?\)/.exec(html)?.[1]);
    const before = await warm('/en/tag/botany');
    const count = september(before.body);
    expect(count).toBeGreaterThan(0);
    await publishNew('Cycling notes', ['cycling']);
    const after = await get('/en/tag/botany');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(cards(after.body).map((c) => c.title)).toEqual(['Botany notes']);
    // Never a stale archive navigation.
    expect(september(after.body)).toBe(count + 1);
  });

  it('keeps every cached page when a draft is written or saved', async () => {
    const post = await publishNew('Stable story', ['stable']);
    const url = pathOf(post);
    await warm(url);
    await warm('/en/');
    await warm('/en/tag/stable');
    await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title: 'Unfinished draft',
      tags: ['stable'],
    });
    for (const page of [url, '/en/', '/en/tag/stable'])
      expect((await get(page)).headers['x-cache'], page).toBe('HIT');
  });
});

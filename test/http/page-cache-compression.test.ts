/**
 * Compressed cached pages: a stored page keeps brotli and gzip variants made once, counted in
 * the byte budget and dropped with the page; readers get the coding their Accept-Encoding asks
 * for, hit or miss (decompressing gives exactly the identity bytes), each with its own ETag and
 * 304, and every page says `Vary: Accept-Encoding`.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { COMPRESS_MIN_BYTES, PageCache } from '../../src/http/plugins/page-cache.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { PostRecord, UserRecord } from '../../src/services/repositories.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { at, pathOf, read, writePost } from './reader/reader-support.js';

/** Text that compresses well (like HTML), `size` bytes long. */
const text = (size: number, word = 'polyphony ') => Buffer.from(word.repeat(size).slice(0, size));

const entry = (body: Buffer, keys = ['k']) => ({
  body,
  etag: `"${body.length}"`,
  contentType: 'text/html; charset=utf-8',
  keys,
});

describe('PageCache variants', () => {
  it('makes brotli and gzip variants once stored, and counts them in its budget', async () => {
    const cache = new PageCache(10);
    const body = text(8_000);
    const page = cache.set('/a', entry(body));
    expect(page?.ready).toBeDefined();
    expect(cache.byteSize).toBe(body.length);
    await page?.ready;
    const br = page?.variants.br;
    const gzip = page?.variants.gzip;
    if (!br || !gzip) throw new Error('variants not made');
    expect(brotliDecompressSync(br.body).equals(body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(body)).toBe(true);
    expect(br.etag).toBe('"8000-br"');
    expect(gzip.etag).toBe('"8000-gz"');
    expect(page.codings).toEqual(['br', 'gzip', 'identity']);
    expect(page.ready).toBeUndefined();
    expect(cache.byteSize).toBe(body.length + br.body.length + gzip.body.length);
    expect(cache.invalidate(['k'])).toBe(1);
    expect(cache.byteSize).toBe(0);
  });

  it('keeps small pages identity only', () => {
    const cache = new PageCache(10);
    const page = cache.set('/small', entry(text(COMPRESS_MIN_BYTES - 1)));
    expect(page?.ready).toBeUndefined();
    expect(page?.codings).toEqual(['identity']);
    expect(page?.variants).toEqual({});
  });

  it('keeps no variant that is not smaller than the page', async () => {
    const cache = new PageCache(10, undefined, { minBytes: 1 });
    const page = cache.set('/tiny', entry(Buffer.from('x')));
    await page?.ready;
    expect(page?.variants).toEqual({});
    expect(page?.codings).toEqual(['identity']);
    expect(cache.byteSize).toBe(1);
  });

  it('attaches nothing to a page dropped or replaced while its variants were made', async () => {
    const cache = new PageCache(10);
    const dropped = cache.set('/gone', entry(text(5_000), ['gone']));
    cache.invalidate(['gone']);
    await dropped?.ready;
    expect(dropped?.variants).toEqual({});
    expect(dropped?.codings).toEqual(['identity']);
    expect(cache.byteSize).toBe(0);

    const first = cache.set('/p', entry(text(5_000, 'first ')));
    const second = cache.set('/p', entry(text(6_000, 'second ')));
    await Promise.all([first?.ready, second?.ready]);
    expect(first?.variants).toEqual({});
    const { br, gzip } = second?.variants ?? {};
    if (!br || !gzip) throw new Error('variants not made');
    expect(cache.byteSize).toBe(6_000 + br.body.length + gzip.body.length);
  });

  it('evicts by the bytes of the variants too', async () => {
    const cache = new PageCache(10, 10_000);
    const a = cache.set('/a', entry(text(3_000)));
    await a?.ready;
    expect(cache.byteSize).toBeGreaterThan(3_000);
    // Fits beside /a's identity bytes, not beside its variants as well.
    cache.set('/b', entry(text(6_999, 'b')));
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/b')).toBeDefined();
  });
});

describe.each(engines())('compressed cached pages on $name', (engine) => {
  let ctx: TestContext;
  let editor: UserRecord;
  let seq = 0;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editor = await buildUser(ctx.deps, ['editor']);
  });
  afterAll(() => ctx.close());

  async function publishNew(title: string): Promise<PostRecord> {
    seq += 1;
    return writePost(ctx.deps, editor, editor, {
      language: 'en',
      title,
      publishedAt: `2026-08-${String(seq).padStart(2, '0')}T12:00:00.000Z`,
    });
  }

  const get = (url: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
    read(ctx.app, url, {
      ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
      ...headers,
    });

  const decoded = (res: LightMyRequestResponse): Buffer => {
    const coding = res.headers['content-encoding'];
    if (coding === 'br') return brotliDecompressSync(res.rawPayload);
    if (coding === 'gzip') return gunzipSync(res.rawPayload);
    expect(coding).toBeUndefined();
    return res.rawPayload;
  };

  const varies = (res: LightMyRequestResponse) =>
    String(res.headers.vary)
      .split(',')
      .map((f) => f.trim().toLowerCase());

  /** A published post page stored in the cache; returns its url and identity response. */
  async function cachedPage(title: string) {
    const url = pathOf(await publishNew(title));
    const identity = await get(url);
    expect(identity.statusCode).toBe(200);
    expect(identity.headers['x-cache']).toBe('MISS');
    expect(identity.rawPayload.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    return { url, identity };
  }

  it.each([
    ['br', 'br', '-br'],
    ['gzip', 'gzip', '-gz'],
    ['br;q=0, gzip', 'gzip', '-gz'],
    ['gzip, deflate, br, zstd', 'br', '-br'],
  ])('answers Accept-Encoding %j from the cache in %s', async (header, coding, suffix) => {
    const { url, identity } = await cachedPage(`Compressed ${header}`);
    const res = await get(url, header);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-cache']).toBe('HIT');
    expect(res.headers['content-encoding']).toBe(coding);
    expect(res.headers['content-type']).toBe(identity.headers['content-type']);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBeLessThan(identity.rawPayload.length / 2);
    expect(decoded(res).equals(identity.rawPayload)).toBe(true);
    expect(varies(res)).toContain('accept-encoding');
    expect(res.headers.etag).toBe(String(identity.headers.etag).replace(/"$/, `${suffix}"`));
  });

  it.each([
    ['no Accept-Encoding', undefined],
    ['identity', 'identity'],
    ['an empty header', ''],
    ['only codings we do not make', 'deflate, zstd'],
    ['br and gzip refused', 'br;q=0, gzip;q=0'],
  ])('answers %s with the identity bytes', async (_label, header) => {
    const { url, identity } = await cachedPage(`Plain ${_label}`);
    const res = await get(url, header);
    expect(res.headers['x-cache']).toBe('HIT');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.equals(identity.rawPayload)).toBe(true);
    expect(res.headers.etag).toBe(identity.headers.etag);
    expect(Number(res.headers['content-length'])).toBe(identity.rawPayload.length);
    expect(varies(res)).toContain('accept-encoding');
    expect(varies(identity)).toContain('accept-encoding');
  });

  it('sends the first render in the coding asked for too', async () => {
    const url = pathOf(await publishNew('Compressed on first render'));
    const first = await get(url, 'gzip');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);
    expect(varies(first)).toContain('accept-encoding');
    const identity = await get(url);
    expect(identity.headers['x-cache']).toBe('HIT');
    expect(decoded(first).equals(identity.rawPayload)).toBe(true);
    expect(first.headers.etag).toBe(String(identity.headers.etag).replace(/"$/, '-gz"'));
    const br = await get(url, 'br');
    expect(decoded(br).equals(identity.rawPayload)).toBe(true);
  });

  it("answers 304 to each variant's own ETag, and only to it", async () => {
    const { url, identity } = await cachedPage('Conditional variants');
    for (const header of ['br', 'gzip', undefined]) {
      const full = await get(url, header);
      const etag = String(full.headers.etag);
      const revalidated = await get(url, header, { 'if-none-match': etag });
      expect(revalidated.statusCode, header).toBe(304);
      expect(revalidated.body, header).toBe('');
      expect(revalidated.headers.etag, header).toBe(etag);
      expect(varies(revalidated), header).toContain('accept-encoding');
    }
    // The identity ETag does not stand for the brotli bytes: a full answer.
    const other = await get(url, 'br', { 'if-none-match': String(identity.headers.etag) });
    expect(other.statusCode).toBe(200);
    expect(other.headers['content-encoding']).toBe('br');
  });

  it('answers 304 to a variant ETag on the first render after the page was dropped', async () => {
    const post = await publishNew('Known variant');
    const url = pathOf(post);
    await get(url);
    const etag = String((await get(url, 'br')).headers.etag);
    expect(etag).toMatch(/-br"$/);
    ctx.app.pageCache.invalidate([`post:${post.id}`]);
    expect(ctx.app.pageCache.get(url)).toBeUndefined();
    const rerendered = await get(url, 'br', { 'if-none-match': etag });
    expect(rerendered.headers['x-cache']).toBe('MISS');
    expect(rerendered.statusCode).toBe(304);
    expect(rerendered.body).toBe('');
  });

  it('waits for variants still being made rather than send identity or half a body', async () => {
    const { url } = await cachedPage('Being compressed');
    const body = text(50_000, 'fresh page ');
    const page = ctx.app.pageCache.set(url, {
      body,
      etag: '"fresh"',
      contentType: 'text/html; charset=utf-8',
      keys: ['test:fresh'],
    });
    expect(page?.ready).toBeDefined();
    const [br, gzip] = await Promise.all([get(url, 'br'), get(url, 'gzip')]);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(body)).toBe(true);
    expect(br.headers.etag).toBe('"fresh-br"');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).equals(body)).toBe(true);
    ctx.app.pageCache.invalidate(['test:fresh']);
  });

  it('drops the variants with the page when an edit is published', async () => {
    const post = await publishNew('Before the edit');
    const url = pathOf(post);
    await get(url);
    const before = await get(url, 'br');
    expect(before.headers['x-cache']).toBe('HIT');
    expect(decoded(before).toString()).toContain('<h1>Before the edit</h1>');
    const bytesBefore = ctx.app.pageCache.byteSize;

    const saved = await savePost(ctx.deps, editor, post.id, post.currentRevision, {
      language: 'en',
      title: 'After the edit',
      slug: post.slug,
      body: 'Rewritten.',
      tags: [],
    });
    await publishPost(at(ctx.deps, '2026-09-30T00:00:00.000Z'), editor, saved.post.id);
    expect(ctx.app.pageCache.get(url)).toBeUndefined();
    expect(ctx.app.pageCache.byteSize).toBeLessThan(bytesBefore);

    for (const header of ['br', 'gzip']) {
      const after = await get(url, header);
      expect(after.headers['content-encoding'], header).toBe(header);
      const html = decoded(after).toString();
      expect(html, header).toContain('<h1>After the edit</h1>');
      expect(html, header).not.toContain('Before the edit');
      expect(after.headers.etag, header).not.toBe(before.headers.etag);
    }
    const identity = await get(url);
    expect(identity.headers['x-cache']).toBe('HIT');
    expect(identity.body).toContain('<h1>After the edit</h1>');
  });

  it('compresses cached feeds too', async () => {
    await publishNew('In the feed');
    const identity = await get('/en/feed.xml');
    expect(identity.statusCode).toBe(200);
    const res = await get('/en/feed.xml', 'br');
    expect(res.headers['x-cache']).toBe('HIT');
    expect(res.headers['content-encoding']).toBe('br');
    expect(decoded(res).equals(identity.rawPayload)).toBe(true);
  });
});

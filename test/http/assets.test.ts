/**
 * Fingerprinted assets: pages link each stylesheet and script by an address holding the hash
 * of its bytes, served immutable for a year in identity, brotli and gzip; the plain address
 * still answers (an hour), an outdated fingerprint gets the current bytes for a minute only,
 * and nothing outside the assets is reachable through these routes.
 */
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { assetTable, FINGERPRINT_LENGTH, makeAsset } from '../../src/http/plugins/assets.js';
import { assetUrl } from '../../src/views/asset-urls.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pathOf, read, writePost } from './reader/reader-support.js';

const fingerprintOf = (bytes: Buffer) =>
  createHash('sha256').update(bytes).digest('base64url').slice(0, FINGERPRINT_LENGTH);

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('assetTable', () => {
  it('finds an asset by its fingerprint, its plain path, or an outdated fingerprint', async () => {
    const asset = await makeAsset('/assets/site.css', Buffer.from('body { color: red }'));
    const hash = fingerprintOf(Buffer.from('body { color: red }'));
    expect(asset.fingerprinted).toBe(`/assets/site.${hash}.css`);
    const table = assetTable([asset]);
    expect(table.find(`/assets/site.${hash}.css`)?.cacheControl).toBe(IMMUTABLE);
    expect(table.find('/assets/site.css')?.cacheControl).toBe('public, max-age=3600');
    expect(table.find('/assets/site.AAAAAAAAAA.css')).toEqual({
      asset,
      cacheControl: 'public, max-age=60',
    });
    // Not an asset, not a fingerprint of one, not the same extension.
    for (const path of [
      '/assets/other.css',
      '/assets/site.AAAA.css',
      '/assets/site.AAAAAAAAAA.js',
      '/assets/../package.json',
    ])
      expect(table.find(path), path).toBeUndefined();
  });

  it('refuses a file of a type it has no content type for', async () => {
    await expect(makeAsset('/assets/logo.exe', Buffer.from('x'))).rejects.toThrow(/content type/);
  });
});

describe.each(engines().slice(0, 1))('fingerprinted assets on $name', (engine) => {
  let ctx: TestContext;
  let author: UserRecord;
  let postHtml: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    author = await buildUser(ctx.deps, ['editor']);
    const post = await writePost(ctx.deps, author, author, {
      language: 'en',
      title: 'Assets',
      body: 'A video: https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      publishedAt: '2026-08-01T12:00:00.000Z',
    });
    postHtml = (await read(ctx.app, pathOf(post))).body;
  });
  afterAll(() => ctx.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers });

  const decoded = (res: LightMyRequestResponse): Buffer => {
    const coding = res.headers['content-encoding'];
    if (coding === 'br') return brotliDecompressSync(res.rawPayload);
    if (coding === 'gzip') return gunzipSync(res.rawPayload);
    expect(coding).toBeUndefined();
    return res.rawPayload;
  };

  const linked = (html: string, pattern: RegExp): string => {
    const href = pattern.exec(html)?.[1];
    if (!href) throw new Error(`no ${String(pattern)} in the page`);
    return href;
  };

  it('links the stylesheet by the fingerprint of the bytes it serves, immutable', async () => {
    const href = linked(postHtml, /<link rel="stylesheet" href="([^"]+)"/);
    expect(href).toMatch(new RegExp(`^/assets/site\\.[A-Za-z0-9_-]{${FINGERPRINT_LENGTH}}\\.css$`));
    expect(assetUrl('/assets/site.css')).toBe(href);
    const res = await get(href);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(href).toBe(`/assets/site.${fingerprintOf(res.rawPayload)}.css`);
    // The same bytes as the plain address, which is kept an hour only.
    const plain = await get('/assets/site.css');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
    expect(plain.rawPayload.equals(res.rawPayload)).toBe(true);
  });

  it('links the page scripts by their fingerprints', async () => {
    const src = linked(postHtml, /<script src="(\/assets\/build\/embed\.[^"]+)" defer>/);
    const res = await get(src);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(src).toBe(`/assets/build/embed.${fingerprintOf(res.rawPayload)}.js`);
    expect(res.body).toContain('youtube');
  });

  it('links the editor’s script and stylesheet by their fingerprints', async () => {
    const translator = await buildUser(ctx.deps, ['translator']);
    const post = await writePost(ctx.deps, author, author, {
      language: 'en',
      title: 'To translate',
      publishedAt: '2026-08-02T12:00:00.000Z',
    });
    const agent = new Agent(ctx.app);
    await agent.signIn(translator.username);
    const page = await agent.get(`/translate/${post.id}/es`);
    expect(page.statusCode).toBe(200);
    for (const [pattern, plain] of [
      [/<script src="([^"]+)" defer>/, '/assets/build/translate.js'],
      [/<link rel="stylesheet" href="(\/assets\/editor[^"]+)"/, '/assets/editor.css'],
    ] as const) {
      const address = linked(page.body, pattern);
      expect(address).not.toBe(plain);
      const res = await get(address);
      expect([address, res.statusCode, res.headers['cache-control']]).toEqual([
        address,
        200,
        IMMUTABLE,
      ]);
      expect(res.rawPayload.equals((await get(plain)).rawPayload)).toBe(true);
    }
  });

  it('answers br and gzip that decompress to the identity bytes, each with its ETag', async () => {
    const href = assetUrl('/assets/site.css');
    const identity = await get(href);
    const etags = new Set([identity.headers.etag]);
    for (const coding of ['br', 'gzip']) {
      const res = await get(href, { 'accept-encoding': `${coding}, identity;q=0.5` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(identity.rawPayload.length / 2);
      expect(decoded(res).equals(identity.rawPayload)).toBe(true);
      etags.add(res.headers.etag);
    }
    expect(etags.size).toBe(3);
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
  });

  it('answers 304 to the ETag of the coding asked for', async () => {
    const href = assetUrl('/assets/site.css');
    const br = await get(href, { 'accept-encoding': 'br' });
    const again = await get(href, {
      'accept-encoding': 'br',
      'if-none-match': String(br.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // The identity ETag does not match the br representation.
    const identity = await get(href);
    const other = await get(href, {
      'accept-encoding': 'br',
      'if-none-match': String(identity.headers.etag),
    });
    expect(other.statusCode).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await ctx.app.inject({ method: 'HEAD', url: assetUrl('/assets/site.css') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.rawPayload.length).toBe(0);
  });

  it('gives an outdated fingerprint the current bytes, kept a minute and never immutable', async () => {
    const current = await get(assetUrl('/assets/site.css'));
    const stale = await get('/assets/site.AAAAAAAAAA.css');
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['cache-control']).toBe('public, max-age=60');
    expect(stale.rawPayload.equals(current.rawPayload)).toBe(true);
  });

  it('answers 404 to anything that is not an asset', async () => {
    for (const url of [
      '/assets/nothing.css',
      '/assets/build/nothing.js',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/package.json',
      '/assets/build/..%2fsite.css',
      '/assets/site.css.map',
    ]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
  });

  it('lets an outsider (signed out, no cookie) read them, and only read them', async () => {
    const href = assetUrl('/assets/site.css');
    expect((await get(href)).statusCode).toBe(200);
    // A write is refused (no CSRF token: 403 before any route is looked up).
    const post = await ctx.app.inject({ method: 'POST', url: href, payload: {} });
    expect(post.statusCode).toBe(403);
    expect(post.headers['content-type']).not.toContain('text/css');
    const rules = ctx.app.routeTable.filter((r) => r.url.startsWith('/assets/'));
    expect(rules.map((r) => [r.method, r.url, r.access]).sort()).toEqual([
      ['GET', '/assets/:file', 'public'],
      ['GET', '/assets/build/:file', 'public'],
      ['HEAD', '/assets/:file', 'public'],
      ['HEAD', '/assets/build/:file', 'public'],
    ]);
  });
});

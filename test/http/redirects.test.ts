/**
 * Permanent redirects from a former WordPress site's addresses (migration 0029). Rows are put
 * the way an import does (`store.redirects.put`); every old shape then answers 301 with the
 * stored local path and a day's public caching, whichever Polyphony route its shape meets:
 *  - `/?p=123`, `/?page_id=7`… — the home route looks first (an unknown id: the home
 *    redirect as before);
 *  - `/feed/` (`/:lang`), `/category/news/africa/` (`/:lang/:kind/:slug`),
 *    `/es/2024/03/05/hola-mundo/` and `/blog/2024/…` (`/:lang/:yyyy/:mm/:dd/:slug`) — the
 *    route answers not_found and the error handler looks;
 *  - `/2024/03/05/hello-world/`, `/tag/kenya/`, `/author/amina/`, `/es/feed/` — no route;
 *    the not-found handler looks.
 * A route that finds its page wins over a stored redirect.
 *
 * Authorization: redirects are public reads (any visitor follows one); no route writes them —
 * only an import, through the store — and the route table is checked for that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { findRedirect } from '../../src/services/reader/redirects.service.js';
import type { RedirectRow } from '../../src/services/ports/redirect.repository.js';
import { engines } from '../support/databases.js';
import { startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const NOW = '2026-12-04T00:00:00.000Z';

const row = (path: string, target: string): RedirectRow => ({
  path,
  target,
  source: 'wordpress',
  createdAt: NOW,
});

/** Old addresses as an import records them, and their new paths. */
const OLD: [string, string][] = [
  ['/?p=123', '/en/2024/03/05/hello-world'],
  ['/?page_id=7', '/en/about'],
  ['/?cat=4', '/en/category/news'],
  ['/?tag=9', '/en/tag/kenya'],
  ['/?author=2', '/en/author/amina'],
  ['/2024/03/05/hello-world/', '/posts/abc'],
  ['/es/2024/03/05/hola-mundo/', '/es/2024/03/05/hola-mundo-nuevo'],
  ['/category/news/africa/', '/en/category/africa'],
  ['/tag/kenya/', '/en/tag/kenya'],
  ['/author/amina/', '/en/author/amina'],
  ['/feed/', '/en/feed.xml'],
  ['/es/feed/', '/es/feed.xml'],
  ['/blog/2024/03/05/from-the-blog/', '/posts/blog'],
  ['/2024/03/05/caf%C3%A9/', '/es/2024/03/05/caf%C3%A9'],
  ['https://old.example/blog/page/about-us/', '/en/about'],
];

describe.each(engines())('redirects from old addresses on $name', (engine) => {
  let ctx: TestContext;

  const get = (url: string, method: 'GET' | 'HEAD' | 'POST' = 'GET') =>
    ctx.app.inject({ method, url, headers: { accept: 'text/html' } });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await ctx.deps.store.redirects.put(OLD.map(([path, target]) => row(path, target)));
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it.each(OLD)('%s answers 301 to %s, cacheable', async (path, target) => {
    const url = path.startsWith('https://') ? new URL(path).pathname : path;
    const res = await get(url);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(target);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('follows trailing-slash and percent-encoding variants of the same address', async () => {
    for (const url of [
      '/2024/03/05/hello-world',
      '/2024/03/05/hello-world//',
      '/tag/kenya',
      '/feed',
      '/es/2024/03/05/hola-mundo',
      '/2024/03/05/caf%c3%a9',
      '/2024/03/05/caf%C3%A9/',
      '/2024/03/05/cafe%CC%81/', // NFD
      '/%74ag/kenya/',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(301);
    }
    expect((await get('/2024/03/05/caf%C3%A9')).headers.location).toBe('/es/2024/03/05/caf%C3%A9');
  });

  it('ignores parameters that do not identify content (utm_…)', async () => {
    const tag = await get('/tag/kenya/?utm_source=newsletter&utm_medium=mail');
    expect(tag.statusCode).toBe(301);
    expect(tag.headers.location).toBe('/en/tag/kenya');
    const post = await get('/?utm_campaign=x&p=123&utm_source=y');
    expect(post.statusCode).toBe(301);
    expect(post.headers.location).toBe('/en/2024/03/05/hello-world');
  });

  it('answers HEAD too, but never another method', async () => {
    const head = await get('/tag/kenya/', 'HEAD');
    expect(head.statusCode).toBe(301);
    expect(head.headers.location).toBe('/en/tag/kenya');
    // A POST is refused as before (no CSRF token: 403), never redirected.
    const post = await get('/tag/kenya/', 'POST');
    expect(post.statusCode).toBe(403);
    expect(post.headers.location).toBeUndefined();
  });

  it('keeps the 404 page for an unknown old address', async () => {
    for (const url of [
      '/2024/03/05/never-was/',
      '/tag/unknown/',
      '/category/news/',
      '/es/2024/03/05/nunca/',
      '/blog/feed/',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('sends an unknown /?p= to the home page as before', async () => {
    const res = await get('/?p=999999');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/en/');
    const plain = await get('/?utm_source=x');
    expect(plain.statusCode).toBe(302);
    expect(plain.headers.location).toBe('/en/');
  });

  it('lets a route that finds its page win over a stored redirect', async () => {
    await ctx.deps.store.redirects.put([row('/robots.txt', '/elsewhere')]);
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('User-agent');
  });

  it('refuses to store a target on another origin, and stores nothing of the batch', async () => {
    const before = await ctx.deps.store.redirects.count();
    for (const target of [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
    ]) {
      await expect(
        ctx.deps.store.redirects.put([row('/fine/', '/ok'), row('/open/', target)]),
      ).rejects.toThrow(ValidationError);
    }
    await expect(ctx.deps.store.redirects.put([row('/bad%zz/', '/ok')])).rejects.toThrow(
      ValidationError,
    );
    expect(await ctx.deps.store.redirects.count()).toBe(before);
    expect((await get('/open/')).statusCode).toBe(404);
    expect((await get('/fine/')).statusCode).toBe(404);
  });

  it('never serves a stored target that is not a local path', async () => {
    // A row written past `put` (a database edited by hand): findRedirect checks it again.
    const deps: Pick<ServiceDeps, 'store'> = {
      store: {
        ...ctx.deps.store,
        redirects: {
          find: (key) => Promise.resolve(row(key, '//evil.example/')),
          put: () => Promise.resolve(),
          count: () => Promise.resolve(1),
        },
      },
    };
    expect(await findRedirect(deps, '/tag/kenya/')).toBeNull();
    expect(await findRedirect(ctx.deps, '/tag/kenya/')).toBe('/en/tag/kenya');
  });

  it('is idempotent: putting the same rows again changes nothing; a new target replaces', async () => {
    const before = await ctx.deps.store.redirects.count();
    await ctx.deps.store.redirects.put(OLD.map(([path, target]) => row(path, target)));
    // Two spellings of one address in one batch: one row, the last one wins.
    await ctx.deps.store.redirects.put([
      row('/tag/kenya/', '/en/tag/kenya'),
      row('/tag/kenya', '/en/tag/kenya'),
    ]);
    expect(await ctx.deps.store.redirects.count()).toBe(before);
    expect((await ctx.deps.store.redirects.find('/tag/kenya'))?.target).toBe('/en/tag/kenya');

    await ctx.deps.store.redirects.put([
      { ...row('/tag/kenya/', '/sw/tag/kenya'), createdAt: '2027-01-01T00:00:00.000Z' },
    ]);
    expect(await ctx.deps.store.redirects.count()).toBe(before);
    const replaced = await ctx.deps.store.redirects.find('/tag/kenya');
    expect(replaced).toEqual({
      path: '/tag/kenya',
      target: '/sw/tag/kenya',
      source: 'wordpress',
      createdAt: NOW,
    });
    expect((await get('/tag/kenya/')).headers.location).toBe('/sw/tag/kenya');
  });

  it('stores many rows in batches', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => row(`/?p=${10_000 + i}`, `/posts/${i}`));
    const before = await ctx.deps.store.redirects.count();
    await ctx.deps.store.transaction((store) => store.redirects.put(many));
    expect(await ctx.deps.store.redirects.count()).toBe(before + many.length);
    expect((await get('/?p=11199')).headers.location).toBe('/posts/1199');
  });

  it('has no route that writes redirects (public reads only)', () => {
    expect(ctx.app.routeTable.filter((r) => /redirect/i.test(r.url))).toEqual([]);
  });
});

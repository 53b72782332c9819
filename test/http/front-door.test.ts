/**
 * The read path at static speed (issue 12): a warm hit without a session cookie is answered by
 * the app's first hook (fastPageAnswer) with the same bytes and the same headers (but the
 * request's own x-request-id and date) the normal path sends; a session cookie, a non-GET, a
 * conditional request or a miss go the normal way, and signed-in readers never get the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pathOf, writePost } from './reader/reader-support.js';

/** A cookie that names no session: the normal path, and still a signed-out reader. */
const NO_SUCH_SESSION = 'pp_session=not-a-session';

const headersOf = (res: LightMyRequestResponse) => {
  const { 'x-request-id': id, date, ...rest } = res.headers;
  expect(id).toBeTruthy();
  expect(date).toBeTruthy();
  return rest;
};

describe.each(engines())('the fast read path on $name', (engine) => {
  let ctx: TestContext;
  let editor: UserRecord;
  let seq = 0;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editor = await buildUser(ctx.deps, ['editor']);
  });
  afterAll(() => ctx.close());

  const request = (
    url: string,
    headers: Record<string, string> = {},
    method: 'GET' | 'HEAD' = 'GET',
  ) => ctx.app.inject({ method, url, headers: { accept: 'text/html', ...headers } });

  /** A published post, rendered once and its variants made. */
  async function warmPage(title: string): Promise<string> {
    seq += 1;
    const post = await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title,
      body: `Body of ${title}. ${'A paragraph long enough to be compressed. '.repeat(60)}`,
      publishedAt: `2026-09-${String(seq).padStart(2, '0')}T12:00:00.000Z`,
    });
    const url = pathOf(post);
    const first = await request(url);
    expect(first.headers['x-cache']).toBe('MISS');
    await ctx.app.pageCache.get(url)?.ready;
    return url;
  }

  it.each([
    ['identity', undefined, undefined],
    ['br', 'gzip, deflate, br', 'br'],
    ['gzip', 'gzip', 'gzip'],
  ])('answers a warm %s hit early, equal to the normal path', async (_label, accept, coding) => {
    const url = await warmPage(`Fast ${_label}`);
    const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
    const slow = await request(url, { ...headers, cookie: NO_SUCH_SESSION });
    expect(slow.headers['x-cache']).toBe('HIT');
    const before = ctx.app.pageCache.fastHits;
    const fast = await request(url, headers);
    expect(ctx.app.pageCache.fastHits).toBe(before + 1);
    expect(fast.statusCode).toBe(200);
    expect(fast.headers['content-encoding']).toBe(coding);
    expect(fast.rawPayload.equals(slow.rawPayload)).toBe(true);
    expect(headersOf(fast)).toEqual(headersOf(slow));
    expect(fast.headers['content-security-policy']).toBeTruthy();
    expect(fast.headers['x-request-id']).not.toBe(slow.headers['x-request-id']);
    // Each answer has its own request id (a proxy's is kept).
    const named = await request(url, { ...headers, 'x-request-id': 'abc-123' });
    expect(named.headers['x-request-id']).toBe('abc-123');
    expect(ctx.app.pageCache.fastHits).toBe(before + 2);

    const slowHead = await request(url, { ...headers, cookie: NO_SUCH_SESSION }, 'HEAD');
    const fastHead = await request(url, headers, 'HEAD');
    expect(ctx.app.pageCache.fastHits).toBe(before + 3);
    expect(fastHead.statusCode).toBe(200);
    expect(fastHead.rawPayload.length).toBe(0);
    expect(slowHead.rawPayload.length).toBe(0);
    expect(headersOf(fastHead)).toEqual(headersOf(slowHead));
    expect(headersOf(fastHead)).toEqual(headersOf(fast));
  });

  it('leaves sessions, other methods, conditional requests and misses to the normal path', async () => {
    const url = await warmPage('Fast refusals');
    await request(url, { cookie: NO_SUCH_SESSION });
    const before = ctx.app.pageCache.fastHits;
    const withSession = await request(url, { cookie: `a=b; ${NO_SUCH_SESSION}` });
    expect(withSession.headers['x-cache']).toBe('HIT');
    const post = await ctx.app.inject({ method: 'POST', url });
    expect(post.statusCode).not.toBe(200);
    const etag = String(withSession.headers.etag);
    const conditional = await request(url, { 'if-none-match': etag });
    expect(conditional.statusCode).toBe(304);
    const miss = await request(`${url}?other=1`);
    expect(miss.headers['x-cache']).not.toBe('HIT');
    expect(ctx.app.pageCache.fastHits).toBe(before);
    // Dropped by a change: rendered again, not answered from a stale entry.
    ctx.app.pageCache.invalidate(['every-page', ...(ctx.app.pageCache.get(url)?.keys ?? [])]);
    const again = await request(url);
    expect(again.headers['x-cache']).toBe('MISS');
    expect(ctx.app.pageCache.fastHits).toBe(before);
  });

  it('never sends the cached page to a signed-in reader', async () => {
    const url = await warmPage('Fast signed in');
    await request(url, { cookie: NO_SUCH_SESSION });
    const before = ctx.app.pageCache.fastHits;
    const reader = await buildUser(ctx.deps, []);
    const agent = new Agent(ctx.app);
    await agent.signIn(reader.username);
    const res = await agent.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-cache']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(ctx.app.pageCache.fastHits).toBe(before);
  });
});

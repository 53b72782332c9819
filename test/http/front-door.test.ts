/**
 * The read path at static speed (issue 12): over a real socket, a warm hit without a session
 * cookie is answered by the front door (src/http/front-door.ts) before the request reaches
 * Fastify, with the same bytes and the same headers (but the request's own x-request-id and
 * date) the normal path sends; a session cookie, a non-GET, a conditional request or a miss go
 * the normal way, and signed-in readers never get the page. With metrics on, early answers are
 * counted like the others; with the log at info they are logged with their request id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pathOf, writePost } from './reader/reader-support.js';

/** A cookie that names no session: the normal path, and still a signed-out reader. */
const NO_SUCH_SESSION = 'pp_session=not-a-session';

interface Answer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  rawPayload: Buffer;
}

/** One request over a socket; the body exactly as sent (no decompression). */
function send(
  base: string,
  url: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          statusCode: res.statusCode ?? 0,
          headers: res.headers,
          rawPayload: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const headersOf = (res: Answer) => {
  const { 'x-request-id': id, date, ...rest } = res.headers;
  expect(id).toBeTruthy();
  expect(date).toBeTruthy();
  return rest;
};

async function listening(ctx: TestContext): Promise<string> {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = ctx.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

let seq = 0;

/** A published post, rendered once and its variants made; returns its path. */
async function warmPage(
  ctx: TestContext,
  base: string,
  editor: UserRecord,
  title: string,
): Promise<string> {
  seq += 1;
  const post = await writePost(ctx.deps, editor, editor, {
    language: 'en',
    title,
    body: `Body of ${title}. ${'A paragraph long enough to be compressed. '.repeat(60)}`,
    publishedAt: `2026-09-${String(seq).padStart(2, '0')}T12:00:00.000Z`,
  });
  const url = pathOf(post);
  const first = await send(base, url, { accept: 'text/html' });
  expect(first.headers['x-cache']).toBe('MISS');
  await ctx.app.pageCache.get(url)?.ready;
  return url;
}

describe.each(engines())('the front door on $name', (engine) => {
  let ctx: TestContext;
  let base = '';
  let editor: UserRecord;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    base = await listening(ctx);
    editor = await buildUser(ctx.deps, ['editor']);
  });
  afterAll(() => ctx.close());

  const request = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    send(base, url, { accept: 'text/html', ...headers }, method);

  it.each([
    ['identity', undefined, undefined],
    ['br', 'gzip, deflate, br', 'br'],
    ['gzip', 'gzip', 'gzip'],
  ])('answers a warm %s hit early, equal to the normal path', async (label, accept, coding) => {
    const url = await warmPage(ctx, base, editor, `Early ${label}`);
    const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
    const before = ctx.app.pageCache.earlyHits;
    const slow = await request(url, { ...headers, cookie: NO_SUCH_SESSION });
    expect(slow.headers['x-cache']).toBe('HIT');
    expect(ctx.app.pageCache.earlyHits).toBe(before);
    const fast = await request(url, headers);
    expect(ctx.app.pageCache.earlyHits).toBe(before + 1);
    expect(fast.statusCode).toBe(200);
    expect(fast.headers['content-encoding']).toBe(coding);
    expect(fast.rawPayload.equals(slow.rawPayload)).toBe(true);
    expect(headersOf(fast)).toEqual(headersOf(slow));
    expect(fast.headers['content-security-policy']).toBeTruthy();
    expect(Number(fast.headers['content-length'])).toBe(fast.rawPayload.length);
    expect(fast.headers['x-request-id']).not.toBe(slow.headers['x-request-id']);
    // Each answer has its own request id (a proxy's is kept).
    const named = await request(url, { ...headers, 'x-request-id': 'abc-123' });
    expect(named.headers['x-request-id']).toBe('abc-123');
    const other = await request(url, headers);
    expect(other.headers['x-request-id']).not.toBe(fast.headers['x-request-id']);
    expect(ctx.app.pageCache.earlyHits).toBe(before + 3);

    const slowHead = await request(url, { ...headers, cookie: NO_SUCH_SESSION }, 'HEAD');
    const fastHead = await request(url, headers, 'HEAD');
    expect(ctx.app.pageCache.earlyHits).toBe(before + 4);
    expect(fastHead.statusCode).toBe(200);
    expect(fastHead.rawPayload.length).toBe(0);
    expect(slowHead.rawPayload.length).toBe(0);
    expect(headersOf(fastHead)).toEqual(headersOf(slowHead));
    expect(headersOf(fastHead)).toEqual(headersOf(fast));
  });

  it('answers a warm hit only once the normal path has answered that coding', async () => {
    const url = await warmPage(ctx, base, editor, 'Early only when known');
    const before = ctx.app.pageCache.earlyHits;
    // The first br request is the normal path's (its headers are not known yet), the next early.
    const first = await request(url, { 'accept-encoding': 'br' });
    expect(first.headers['x-cache']).toBe('HIT');
    expect(ctx.app.pageCache.earlyHits).toBe(before);
    await request(url, { 'accept-encoding': 'br' });
    expect(ctx.app.pageCache.earlyHits).toBe(before + 1);
  });

  it('leaves sessions, other methods, conditional requests and misses to the normal path', async () => {
    const url = await warmPage(ctx, base, editor, 'Early refusals');
    await request(url, { cookie: NO_SUCH_SESSION });
    const before = ctx.app.pageCache.earlyHits;
    const withSession = await request(url, { cookie: `a=b; ${NO_SUCH_SESSION}` });
    expect(withSession.headers['x-cache']).toBe('HIT');
    const post = await request(url, {}, 'POST');
    expect(post.statusCode).not.toBe(200);
    const etag = String(withSession.headers.etag);
    const conditional = await request(url, { 'if-none-match': etag });
    expect(conditional.statusCode).toBe(304);
    const miss = await request(`${url}?other=1`);
    expect(miss.headers['x-cache']).not.toBe('HIT');
    expect(ctx.app.pageCache.earlyHits).toBe(before);
    // Dropped by a change: rendered again, not answered from a stale entry.
    ctx.app.pageCache.invalidate(['every-page', ...(ctx.app.pageCache.get(url)?.keys ?? [])]);
    const again = await request(url);
    expect(again.headers['x-cache']).toBe('MISS');
    expect(ctx.app.pageCache.earlyHits).toBe(before);
  });

  it('never sends the cached page to a signed-in reader', async () => {
    const url = await warmPage(ctx, base, editor, 'Early signed in');
    await request(url, { cookie: NO_SUCH_SESSION });
    const before = ctx.app.pageCache.earlyHits;
    const reader = await buildUser(ctx.deps, []);
    const agent = new Agent(ctx.app);
    await agent.signIn(reader.username);
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await request(url, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-cache']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.rawPayload.toString()).toContain(reader.displayName);
    expect(ctx.app.pageCache.earlyHits).toBe(before);
  });
});

describe('the front door with metrics and the request log on', () => {
  const [sqlite] = engines();
  let ctx: TestContext;
  let base = '';
  let editor: UserRecord;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    ctx = await startTestApp(sqlite!, {
      metricsToken: 'metrics-token-for-the-front-door',
      logger: {
        level: 'info',
        stream: {
          write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
        },
      },
    });
    base = await listening(ctx);
    editor = await buildUser(ctx.deps, ['editor']);
  });
  afterAll(() => ctx.close());

  /** The value of one series in the exposition, 0 when absent. */
  async function series(pattern: { test(line: string): boolean }): Promise<number> {
    const scrape = await send(base, '/metrics', {
      authorization: 'Bearer metrics-token-for-the-front-door',
    });
    expect(scrape.statusCode).toBe(200);
    const line = scrape.rawPayload
      .toString()
      .split('\n')
      .find((l) => pattern.test(l));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('counts early answers under their route pattern and logs them with their request id', async () => {
    const url = await warmPage(ctx, base, editor, 'Early measured');
    await send(base, url, { accept: 'text/html' }); // the normal path's hit: headers known
    const pattern = ctx.app.pageCache.peek(url)?.route ?? '';
    expect(pattern).toMatch(/^\/:lang\//);
    const label = `{route="${pattern}",method="GET",status_class="2xx"}`;
    const route = {
      test: (l: string) => l.startsWith(`http_request_duration_seconds_count${label}`),
    };
    const hits = /^polyphony_page_cache_requests_total\{result="hit"\}/;
    const [routeBefore, hitsBefore] = [await series(route), await series(hits)];
    const early = ctx.app.pageCache.earlyHits;
    const answers = await Promise.all(
      [1, 2, 3].map(() => send(base, url, { accept: 'text/html' })),
    );
    expect(ctx.app.pageCache.earlyHits).toBe(early + 3);
    expect(await series(route)).toBe(routeBefore + 3);
    expect(await series(hits)).toBe(hitsBefore + 3);
    const ids = answers.map((a) => a.headers['x-request-id']);
    for (const id of ids) {
      const line = lines.find((l) => l.reqId === id && l.msg === 'request completed');
      expect(line, `a log line for ${String(id)}`).toMatchObject({
        url,
        method: 'GET',
        statusCode: 200,
        cache: 'early',
      });
      expect(typeof line?.responseTime).toBe('number');
    }
  });
});

/**
 * Issue 12, operations: `/healthz` (the process), `/readyz` (database answers, migrations are
 * the code's, the job queue is worked; 503 naming each failed check), `/metrics` behind
 * METRICS_TOKEN or on a listener of their own (METRICS_LISTEN) (request latency by route
 * pattern, page cache hits and misses, translation-memory lookups, the job queue, process
 * metrics), and request ids (`x-request-id` echoed when safe, in every log line).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/db/migrate.js';
import { startMetricsListener } from '../../src/http/metrics-listener.js';
import { lookupMemory } from '../../src/services/memory/lookup-memory.service.js';
import { engines } from '../support/databases.js';
import { startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const TOKEN = 'metrics-token-for-the-tests-0123';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface ReadyBody {
  status: string;
  ready: boolean;
  failed: string[];
  checks: Record<string, { ok: boolean; reason?: string; pending?: string[]; unknown?: string[] }>;
}

/** The value of the sample `name{labels…}` in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && line.split(' ')[0] !== name) continue;
    const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const found = new Map(
      [...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const),
    );
    if (Object.entries(labels).every(([k, v]) => found.get(k) === v)) return Number(match[2]);
  }
  return undefined;
}

describe.each(engines())('operations endpoints on $name', (engine) => {
  let ctx: TestContext;
  /** Without METRICS_TOKEN. */
  let plain: TestContext;
  /** Every log line of `ctx`, as pino wrote it. */
  const lines: string[] = [];
  let latestMigration: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine, {
      metricsToken: TOKEN,
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
    plain = await startTestApp(engine);
    latestMigration =
      Object.keys(await migrationProvider.getMigrations())
        .sort()
        .at(-1) ?? '';
  });
  afterAll(async () => {
    await ctx.close();
    await plain.close();
  });

  const ready = async (app = ctx.app) => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    return { status: res.statusCode, body: res.json<ReadyBody>(), headers: res.headers };
  };
  const metrics = (authorization?: string) =>
    ctx.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: authorization === undefined ? {} : { authorization },
    });

  it('answers /healthz with 200 {"status":"ok"}, never cached', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz with 200 on a migrated database with a worked queue', async () => {
    const { status, body, headers } = await ready();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', ready: true, failed: [] });
    expect(body.checks).toEqual({
      database: { ok: true },
      migrations: { ok: true },
      jobs: { ok: true },
    });
    expect(headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz with 503 naming the migrations when one is not applied, or unknown', async () => {
    await sql`delete from kysely_migration where name = ${latestMigration}`.execute(
      ctx.database.db,
    );
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.status).toBe('not ready');
      expect(body.failed).toEqual(['migrations']);
      expect(body.checks.migrations).toMatchObject({ ok: false, pending: [latestMigration] });
      expect(body.checks.database).toEqual({ ok: true });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${latestMigration}, ${new Date().toISOString()})`.execute(
        ctx.database.db,
      );
    }
    expect((await ready()).status).toBe(200);

    // A database migrated by a newer release than this code.
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_release', ${new Date().toISOString()})`.execute(
      ctx.database.db,
    );
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.failed).toEqual(['migrations']);
      expect(body.checks.migrations).toMatchObject({
        pending: [],
        unknown: ['9999_from_a_newer_release'],
      });
    } finally {
      await sql`delete from kysely_migration where name = '9999_from_a_newer_release'`.execute(
        ctx.database.db,
      );
    }
    expect((await ready()).status).toBe(200);
  });

  it('answers /readyz with 503 naming the jobs when a due job waits for a runner', async () => {
    const jobs = ctx.deps.store.jobs;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const job = {
      kind: 'send-notification-email',
      payload: JSON.stringify({ notificationId: 'n' }),
      createdAt: at(10),
      dedupeKey: null,
      orderingKey: null,
      sequence: null,
    };
    // Due a minute ago: a runner polling every second would have it soon; not stalled yet.
    await jobs.enqueue({ ...job, id: 'job-recent', runAfter: at(1) });
    expect((await ready()).status).toBe(200);
    await jobs.enqueue({ ...job, id: 'job-stalled', runAfter: at(10) });
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.failed).toEqual(['jobs']);
    expect(body.checks.jobs).toMatchObject({ ok: false, stalled: 1 });
    // A runner holding it (a live lease) is working the queue.
    expect(await jobs.claim('job-stalled', 'runner-a', at(0), at(-5))).toBe(true);
    expect((await ready()).status).toBe(200);
    // Parked as failed: no longer waiting, counted as failed in the metrics below.
    await jobs.fail('job-stalled', 'runner-a', 'boom', null, at(0));
    expect((await ready()).status).toBe(200);
  });

  it('answers /metrics with 404 when METRICS_TOKEN is not set', async () => {
    const res = await plain.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses /metrics without the bearer token or with a wrong one', async () => {
    for (const authorization of [
      undefined,
      '',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const res = await metrics(authorization);
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).not.toContain('http_request_duration_seconds');
    }
  });

  it('exposes request latency by route pattern, cache hits and misses, the job queue and the process', async () => {
    await ctx.app.inject({ method: 'GET', url: '/healthz' });
    await ctx.app.inject({ method: 'GET', url: '/-/-/-/-/-/-/-/-/-' });
    // A cacheable public page twice: rendered and stored, then answered from the cache.
    const first = await ctx.app.inject({ method: 'GET', url: '/en/' });
    const second = await ctx.app.inject({ method: 'GET', url: '/en/' });
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);

    const res = await metrics(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.body;
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const healthz = { route: '/healthz', method: 'GET', status_class: '2xx' };
    expect(sample(text, 'http_request_duration_seconds_count', healthz)).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'http_request_duration_seconds_bucket', { ...healthz, le: '+Inf' }),
    ).toBeGreaterThanOrEqual(2);
    // Route patterns, never raw URLs: the listing by its pattern, unknown addresses as one.
    expect(text).not.toContain('route="/en/"');
    expect(text).not.toContain('/-/-/-/-/-/-/-/-/-');
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        route: 'unmatched',
        method: 'GET',
        status_class: '4xx',
      }),
    ).toBe(1);
    expect(sample(text, 'polyphony_page_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(sample(text, 'polyphony_page_cache_requests_total', { result: 'miss' })).toBe(1);
    // From the readiness test: one job waiting (due a minute ago), one parked as failed.
    expect(sample(text, 'polyphony_jobs', { state: 'waiting' })).toBe(1);
    expect(sample(text, 'polyphony_jobs', { state: 'failed' })).toBe(1);
    expect(sample(text, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('measures translation-memory lookups as they happen', async () => {
    const count = async (result: string) =>
      sample((await metrics(`Bearer ${TOKEN}`)).body, 'polyphony_tm_lookup_seconds_count', {
        result,
      });
    expect(await count('complete')).toBe(0);
    expect(await count('partial')).toBe(0);
    const pair = { sourceLanguage: 'en', targetLanguage: 'es', codes: {} };
    await lookupMemory(ctx.deps, { ...pair, source: 'A sentence nobody translated yet.' });
    await lookupMemory(ctx.deps, { ...pair, source: 'Another one.' });
    expect(await count('complete')).toBe(2);
    // With no time budget the lookup stops before its first fuzzy probe: partial.
    const starved = await lookupMemory(ctx.deps, {
      ...pair,
      source: 'A sentence with a budget of zero.',
      budgetMs: 0,
    });
    expect(starved.partial).toBe(true);
    expect(await count('partial')).toBe(1);
    expect(await count('complete')).toBe(2);
    const text = (await metrics(`Bearer ${TOKEN}`)).body;
    expect(text).toContain('# TYPE polyphony_tm_lookup_seconds histogram');
    expect(
      sample(text, 'polyphony_tm_lookup_seconds_bucket', { result: 'complete', le: '+Inf' }),
    ).toBe(await count('complete'));
    // The app without metrics does not measure (its /metrics is unknown).
    await lookupMemory(plain.deps, { ...pair, source: 'Unmeasured.' });
    expect((await plain.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });

  it('serves the metrics on a listener of their own (METRICS_LISTEN), without a token', async () => {
    const own = await startTestApp(engine, { metricsListener: true });
    const listener = await startMetricsListener(own.app, { host: '127.0.0.1', port: 0 });
    try {
      // The site itself does not answer /metrics: no token is configured.
      expect((await own.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      await own.app.inject({ method: 'GET', url: '/healthz' });
      expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const res = await fetch(listener.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = await res.text();
      const healthz = { route: '/healthz', method: 'GET', status_class: '2xx' };
      expect(sample(text, 'http_request_duration_seconds_count', healthz)).toBe(1);
      expect(text).toContain('polyphony_tm_lookup_seconds');
      // Only /metrics, only GET and HEAD.
      expect((await fetch(listener.url.replace('/metrics', '/'))).status).toBe(404);
      expect((await fetch(`${listener.url}x`)).status).toBe(404);
      const post = await fetch(listener.url, { method: 'POST', body: 'x' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      const head = await fetch(listener.url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    } finally {
      await listener.close();
      await own.close();
    }
    // A metrics-less app cannot be given a listener.
    await expect(startMetricsListener(plain.app, { host: '127.0.0.1', port: 0 })).rejects.toThrow(
      /metrics are off/,
    );
  });

  it('returns a request id: a safe incoming one as it came, anything else replaced', async () => {
    const generated = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(UUID);

    const safe = 'lb-7f3a.2_X';
    const echoed = await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': safe },
    });
    expect(echoed.headers['x-request-id']).toBe(safe);
    expect('a'.repeat(64)).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: '/healthz',
          headers: { 'x-request-id': 'a'.repeat(64) },
        })
      ).headers['x-request-id'],
    ).toBe('a'.repeat(64));

    for (const unsafe of ['a'.repeat(65), 'has space', 'x"}{"level":60', 'é', '']) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': unsafe },
      });
      expect(res.headers['x-request-id'], JSON.stringify(unsafe)).toMatch(UUID);
    }
    // Error pages carry it too.
    const missing = await ctx.app.inject({ method: 'GET', url: '/-/-/-/-/-/-/-/-/-' });
    expect(missing.headers['x-request-id']).toMatch(UUID);
  });

  it("writes the request id in each of the request's log lines, and never the metrics token", async () => {
    lines.length = 0;
    await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-42' },
    });
    await metrics(`Bearer ${TOKEN}`);
    await metrics(`Bearer wrong-${TOKEN}`);
    await ctx.app.inject({ method: 'GET', url: `/metrics?token=${TOKEN}` });
    const records = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
    const traced = records.filter((r) => r.reqId === 'trace-42');
    expect(traced.map((r) => r.msg)).toEqual(['incoming request', 'request completed']);
    expect(records.every((r) => typeof r.reqId === 'string')).toBe(true);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.length).toBeGreaterThanOrEqual(8);
  });

  it('still answers /healthz when the database is gone, and /readyz names every check', async () => {
    // A session cookie too: /healthz does no session work, so it needs no database.
    await plain.database.close();
    const health = await plain.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { cookie: 'pp_session=some-session-token' },
    });
    expect(health.statusCode).toBe(200);
    const { status, body } = await ready(plain.app);
    expect(status).toBe(503);
    expect(body.failed).toEqual(['database', 'migrations', 'jobs']);
    for (const check of Object.values(body.checks)) {
      expect(check).toEqual({ ok: false, reason: 'the database did not answer the check' });
    }
  });
});

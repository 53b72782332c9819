/**
 * Prometheus metrics (prom-client), for an operator's scraper only, in two ways that may be
 * combined: `GET /metrics` on the site when METRICS_TOKEN is set, and then only to
 * `Authorization: Bearer <token>` (compared in constant time); and, with METRICS_LISTEN, a
 * listener of its own on a private address (src/http/metrics-listener.ts, which reads
 * `app.metricsExposition`). With neither, `/metrics` is an unknown address (404) and nothing is
 * measured. What it exposes:
 *  - `http_request_duration_seconds`: a histogram by route pattern (`/:lang/:yyyy/…`, never the
 *    raw URL, so the label set stays small), method and status class (`2xx`…);
 *  - `polyphony_page_cache_requests_total{result="hit"|"miss"}`: the page cache's own answer,
 *    read from its `x-cache` header once the response is sent;
 *  - `polyphony_tm_lookup_seconds{result="complete"|"partial"}`: a histogram of translation
 *    memory lookups (`partial` when the lookup's time budget ran out), reported by the
 *    service through `deps.timings`;
 *  - `polyphony_jobs{state="waiting"|"failed"}`: the job queue's depth and its parked jobs, read
 *    at scrape time (`store.jobs.counts`);
 *  - prom-client's default process metrics (CPU, memory, event loop lag, GC, handles).
 * One registry per app, so several apps in one process (tests) never share series.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { UnauthenticatedError } from '../../domain/errors.js';
import type { ServiceDeps } from '../../services/deps.js';

export interface MetricsOptions {
  deps: ServiceDeps;
  /** METRICS_TOKEN; undefined (or empty): the site's `/metrics` answers 404. */
  token?: string | undefined;
  /** METRICS_LISTEN is set: measure for that listener (`app.metricsExposition`). */
  ownListener?: boolean | undefined;
}

/** The exposition a scrape gets: the registry's text and its content type. */
export interface MetricsExposition {
  contentType: string;
  body: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The current metrics; null when nothing is measured (neither setting). */
    metricsExposition: (() => Promise<MetricsExposition>) | null;
    /**
     * Counts a page-cache hit the front door answered (../front-door.ts: Fastify's hooks never
     * saw it) as onResponse counts the others; null when nothing is measured.
     */
    measureEarlyHit: ((route: string | undefined, method: string, seconds: number) => void) | null;
  }
}

/** The label of requests no route matched (their URLs would make the label set unbounded). */
export const UNMATCHED_ROUTE = 'unmatched';

/** SHA-256 of a token: equal lengths for timingSafeEqual whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Whether `header` is `Bearer <token>` for the expected token's digest, in constant time. */
export function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const same = timingSafeEqual(digest(match?.[1] ?? ''), expected);
  return match !== null && same;
}

export const metricsPlugin = fp<MetricsOptions>((app, { deps, token, ownListener }, done) => {
  const routeConfig = { access: 'public', session: false } as const;
  const notFound = () =>
    app.get('/metrics', { config: routeConfig }, async (_request, reply) => reply.callNotFound());
  if (!token && !ownListener) {
    app.decorate('metricsExposition', null);
    app.decorate('measureEarlyHit', null);
    notFound();
    done();
    return;
  }
  const registry = new Registry();
  app.decorate('metricsExposition', async () => ({
    contentType: registry.contentType,
    body: await registry.metrics(),
  }));
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern, method and status class',
    labelNames: ['route', 'method', 'status_class'] as const,
    registers: [registry],
  });
  const cacheRequests = new Counter({
    name: 'polyphony_page_cache_requests_total',
    help: 'Requests for cacheable pages answered from the page cache (hit) or rendered and stored (miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  cacheRequests.inc({ result: 'hit' }, 0);
  cacheRequests.inc({ result: 'miss' }, 0);
  const memoryLookups = new Histogram({
    name: 'polyphony_tm_lookup_seconds',
    help: 'Time of one translation-memory lookup; partial when its time budget ran out',
    labelNames: ['result'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  memoryLookups.zero({ result: 'complete' });
  memoryLookups.zero({ result: 'partial' });
  const unsubscribe = deps.timings?.subscribe({
    memoryLookup: (seconds, partial) =>
      memoryLookups.observe({ result: partial ? 'partial' : 'complete' }, seconds),
  });
  app.addHook('onClose', (_app, next) => {
    unsubscribe?.();
    next();
  });
  new Gauge({
    name: 'polyphony_jobs',
    help: 'Background jobs by state: waiting (not done, not parked) or failed (parked, attempts used up)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        const { waiting, failed } = await deps.store.jobs.counts();
        this.set({ state: 'waiting' }, waiting);
        this.set({ state: 'failed' }, failed);
      } catch (err) {
        // The scrape still answers; the series are missing until the database answers again.
        this.reset();
        app.log.warn({ err }, 'metrics: reading the job queue failed');
      }
    },
  });

  app.decorate('measureEarlyHit', (route: string | undefined, method: string, seconds: number) => {
    duration.observe({ route: route ?? UNMATCHED_ROUTE, method, status_class: '2xx' }, seconds);
    cacheRequests.inc({ result: 'hit' });
  });

  app.addHook('onResponse', (request, reply, next) => {
    const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
    duration.observe(
      {
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        method: request.method,
        status_class: statusClass,
      },
      reply.elapsedTime / 1000,
    );
    const cache = reply.getHeader('x-cache');
    if (cache === 'HIT') cacheRequests.inc({ result: 'hit' });
    else if (cache === 'MISS') cacheRequests.inc({ result: 'miss' });
    next();
  });

  if (!token) {
    notFound();
    done();
    return;
  }
  const expected = digest(token);
  app.get('/metrics', { config: routeConfig }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!bearerMatches(request.headers.authorization, expected)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new UnauthenticatedError('The metrics need their bearer token');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  done();
});

/**
 * Prometheus metrics at `GET /metrics` (prom-client), for an operator's scraper only: the
 * route answers when METRICS_TOKEN is set, and then only to `Authorization: Bearer <token>`
 * (compared in constant time); without the setting it is an unknown address (404) and nothing
 * is measured. What it exposes:
 *  - `http_request_duration_seconds`: a histogram by route pattern (`/:lang/:yyyy/…`, never the
 *    raw URL, so the label set stays small), method and status class (`2xx`…);
 *  - `polyphony_page_cache_requests_total{result="hit"|"miss"}`: the page cache's own answer,
 *    read from its `x-cache` header once the response is sent;
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
  /** METRICS_TOKEN; undefined (or empty) turns metrics off. */
  token?: string | undefined;
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

export const metricsPlugin = fp<MetricsOptions>((app, { deps, token }, done) => {
  const routeConfig = { access: 'public', session: false } as const;
  if (!token) {
    app.get('/metrics', { config: routeConfig }, async (_request, reply) => reply.callNotFound());
    done();
    return;
  }
  const expected = digest(token);
  const registry = new Registry();
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

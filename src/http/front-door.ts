/**
 * The front door (issue 12: a read path at static speed). Polyphony's HTTP server answers a
 * warm page-cache hit itself, in Node's `request` event, before the request reaches Fastify:
 * no routing, no request and reply objects, no hooks. Everything else, and every hit the
 * front door declines (`earlyHit` in plugins/page-cache.ts says which), goes to Fastify
 * unchanged.
 *
 * What a hit costs, measured on the demo post (one process, wrk -t2 -c32, CPU time of the
 * server per answer): ~61 µs answered from Fastify's first onRequest hook, ~45 µs here. Most of
 * the difference is the header list: `writeHead` with name, value pairs made once per stored
 * representation instead of an object of 20 headers built for each answer (a bare node:http
 * server sending the same headers: 44 µs with an object, 34 with the list).
 *
 * An early answer is what the normal path sends for the same hit (the headers it recorded,
 * the same bytes) with the request's own `x-request-id` (requestIdOf, as Fastify's genReqId) and
 * Node's Date. It keeps what Fastify's hooks would have given it: with metrics on, it is counted
 * in the request histogram under its route pattern and as a page-cache hit; with the log at
 * `info` or below, it logs one "request completed" line with its request id. Its time is taken
 * up to handing the bytes to the socket.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { earlyHit } from './plugins/page-cache.js';
import { REQUEST_ID_HEADER, redactUrl, requestIdOf } from './plugins/request-log.js';

/** Answers the request and returns true, or returns false and leaves it untouched. */
export type EarlyAnswer = (request: IncomingMessage, response: ServerResponse) => boolean;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Fastify's `serverFactory`: an HTTP/1.1 server that offers each request to `answer()` first
 * (it is read per request: undefined until the app is ready) and hands the rest to Fastify. The
 * timeouts are the ones Fastify sets on a server it makes itself.
 */
export function frontDoorServer(
  answer: () => EarlyAnswer | undefined,
): (handler: Handler, options: FastifyServerOptions) => http.Server {
  return (handler, options) => {
    const server = http.createServer((request, response) => {
      if (answer()?.(request, response) !== true) handler(request, response);
    });
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket !== undefined && options.maxRequestsPerSocket > 0)
      server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}

/** Log levels at which Fastify logs every request. */
const LOGS_REQUESTS: ReadonlySet<string> = new Set(['info', 'debug', 'trace']);

/** The front door of a ready app: its page cache, its metrics and its log. */
export function earlyAnswerOf(app: FastifyInstance): EarlyAnswer {
  const cache = app.pageCache;
  const measure = app.measureEarlyHit;
  const log = app.log;
  return (request, response) => {
    const logged = LOGS_REQUESTS.has(log.level);
    const start = measure || logged ? performance.now() : 0;
    const url = request.url ?? '';
    const hit = earlyHit(cache, request.method, url, request.headers);
    if (!hit) return false;
    cache.earlyHits++;
    const id = requestIdOf(request);
    response.writeHead(200, [...hit.sent.rawHeaders, REQUEST_ID_HEADER, id]);
    if (request.method === 'HEAD') response.end();
    else response.end(hit.sent.body);
    if (measure || logged) {
      const elapsed = performance.now() - start;
      measure?.(hit.page.route, request.method ?? 'GET', elapsed / 1000);
      if (logged)
        log.info(
          {
            reqId: id,
            method: request.method,
            url: redactUrl(url),
            statusCode: 200,
            responseTime: elapsed,
            cache: 'early',
          },
          'request completed',
        );
    }
    return true;
  };
}

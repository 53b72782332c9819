/**
 * The metrics on a listener of their own (METRICS_LISTEN, e.g. `127.0.0.1:9464`): the
 * operator's scraper reaches it on a private address, readers never can, so it needs no token.
 * It answers `GET /metrics` (and HEAD) only; anything else is 404, another method 405. Nothing
 * it is sent is parsed beyond the request line, and no request is logged.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ListenAddress } from '../config/env.js';

/** Starts the listener; resolves once it listens, with its URL and a close function. */
export async function startMetricsListener(
  app: FastifyInstance,
  address: ListenAddress,
): Promise<{ url: string; close(): Promise<void> }> {
  const exposition = app.metricsExposition;
  if (!exposition) throw new Error('metrics are off: build the app with metricsListener');
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      response.end('Method not allowed\n');
      return;
    }
    exposition().then(
      ({ contentType, body }) => {
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'metrics: the exposition failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics failed\n');
      },
    );
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.maxHeadersCount = 50;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}/metrics`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

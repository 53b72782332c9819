/**
 * Helmet's security headers (CSP, HSTS, frame, referrer and the rest), worked out once when
 * the app is built and set on every answer. `@fastify/helmet` built the whole helmet
 * middleware anew for every request (its CSP directives parsed again each time, ~2 % of an
 * uncached page); the headers depend only on the configuration (no directive here is a
 * function of the request), so they are the same list every time.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';

/** The headers helmet sets for `options`, and those it removes (X-Powered-By). */
export function helmetHeaders(options: HelmetOptions): {
  set: Array<[string, string]>;
  removed: string[];
} {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return response;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  // Helmet throws on a configuration it refuses.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return { set, removed };
}

export const securityHeadersPlugin = fp(
  (app: FastifyInstance, options: { helmet: HelmetOptions }, done: (error?: Error) => void) => {
    const { set, removed } = helmetHeaders(options.helmet);
    app.addHook('onRequest', (_request, reply, next) => {
      const raw = reply.raw;
      for (const [name, value] of set) raw.setHeader(name, value);
      for (const name of removed) raw.removeHeader(name);
      next();
    });
    done();
  },
  { name: 'security-headers' },
);

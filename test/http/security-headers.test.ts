/**
 * The security headers are worked out once (src/http/plugins/security-headers.ts): they are
 * exactly those helmet's own middleware sets on a real response for the same configuration,
 * and every answer carries them — a page, a 404, a redirect, a form post refused — with no
 * X-Powered-By.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';
import { helmetHeaders } from '../../src/http/plugins/security-headers.js';
import { startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
};

/** What helmet's middleware sends on a real node:http response. */
async function helmetOnRealResponse(options: HelmetOptions): Promise<http.IncomingHttpHeaders> {
  const middleware = helmet(options);
  const server = http.createServer((req, res) => {
    res.setHeader('X-Powered-By', 'something');
    middleware(req, res, () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${String(port)}/`);
    await response.text();
    const headers: http.IncomingHttpHeaders = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('helmetHeaders', () => {
  it('lists what helmet sets on a real response, and removes X-Powered-By', async () => {
    const real = await helmetOnRealResponse(OPTIONS);
    const { set, removed } = helmetHeaders(OPTIONS);
    expect(removed.map((n) => n.toLowerCase())).toEqual(['x-powered-by']);
    expect(real['x-powered-by']).toBeUndefined();
    expect(set.length).toBeGreaterThan(8);
    for (const [name, value] of set) expect(real[name.toLowerCase()], name).toBe(value);
    // …and nothing helmet sent is missing from the list.
    const listed = new Set(set.map(([name]) => name.toLowerCase()));
    for (const name of Object.keys(real))
      if (
        !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)
      )
        expect(listed.has(name), name).toBe(true);
    expect(real['content-security-policy']).toContain("img-src 'self' data: https:");
  });

  it('throws on a configuration helmet refuses', () => {
    expect(() =>
      helmetHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } }),
    ).toThrow(/self/);
  });
});

describe.each(engines().filter((e) => e.name === 'sqlite'))('every answer on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  }, 60_000);
  afterAll(async () => ctx.close());

  it.each([
    ['GET', '/en/', 200],
    ['GET', '/en/no-such-page', 404],
    ['GET', '/', 302],
    ['POST', '/account/sign-out', 403],
  ] as const)('%s %s (%i) carries the security headers', async (method, url, status) => {
    const response = await ctx.app.inject({ method, url });
    expect(response.statusCode).toBe(status);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain('frame-src https://www.youtube-nocookie.com https://player.vimeo.com');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-embedder-policy']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

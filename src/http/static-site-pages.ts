/**
 * The site as the static export crawls it: the real app (buildApp, as `serve` builds it,
 * listening nowhere) answering signed-out GET requests through `app.inject()`. No cookie is
 * sent and none kept, so every answer is the one any anonymous reader gets: no CSRF token, no
 * personal part. The page cache is off (each page is rendered once anyway).
 */
import { randomBytes } from 'node:crypto';
import type { ServiceDeps } from '../services/deps.js';
import type { PageAnswer, SitePages } from '../interchange/static/export-static.js';
import { buildApp } from './app.js';
import { SITE_TAG } from './plugins/surrogate-keys.js';

function header(value: string | string[] | number | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The app over `deps`, as SitePages; `close` stops it (not the deps: the caller owns them). */
export async function openStaticSitePages(
  deps: ServiceDeps,
): Promise<SitePages & { close(): Promise<void> }> {
  const app = await buildApp({
    deps,
    // Signs cookies no one keeps: the crawl never sends one back.
    cookieSecret: randomBytes(32).toString('base64url'),
    pageCache: false,
  });
  await app.ready();
  return {
    async get(path): Promise<PageAnswer> {
      const response = await app.inject({
        method: 'GET',
        url: path,
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      const cacheControl = header(response.headers['cache-control']).toLowerCase();
      const directives = cacheControl.split(',').map((d) => d.trim());
      return {
        status: response.statusCode,
        contentType: header(response.headers['content-type']),
        location:
          response.headers.location === undefined ? null : header(response.headers.location),
        shareable:
          response.headers['set-cookie'] === undefined &&
          !directives.includes('private') &&
          !directives.includes('no-store'),
        immutable: directives.includes('immutable'),
        keys: header(response.headers['surrogate-key'])
          .split(' ')
          .filter((key) => key !== '' && key !== SITE_TAG),
        body: response.rawPayload,
      };
    },
    close: () => app.close(),
  };
}

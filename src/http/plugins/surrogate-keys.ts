/**
 * Surrogate keys for a CDN in front of the site: every page the page cache keeps says which
 * cache keys it shows, as `Surrogate-Key` (Fastly, Varnish xkey; space-separated) and
 * `Cache-Tag` (Cloudflare, Akamai; comma-separated), the same keys the page cache drops pages
 * by. Every page also carries the site's own tag (`SITE_TAG`), which is what a change every
 * page may show (EVERY_PAGE_KEY) purges. `purgeWebhook` posts the keys of each change, in the
 * same spelling, to an operator's URL (a CDN's purge API behind a small adapter).
 */
import { EVERY_PAGE_KEY } from '../../services/change-feed.js';
import type { ChangeFeed } from '../../services/ports.js';

/** The tag every public page carries: purging it purges the whole site. */
export const SITE_TAG = 'site';
/** Both CDNs cap the header near 16 KB; a page showing more keeps its first ones and SITE_TAG. */
const MAX_HEADER_BYTES = 8_000;

/**
 * A cache key as a tag: header-safe characters only (`post:ab12`, `list:en`); anything else
 * becomes `_`, and EVERY_PAGE_KEY becomes SITE_TAG.
 */
export function surrogateTag(key: string): string {
  if (key === EVERY_PAGE_KEY) return SITE_TAG;
  return key.replace(/[^A-Za-z0-9:._/-]/g, '_').slice(0, 200) || '_';
}

export type SurrogateHeaders = Record<'surrogate-key' | 'cache-tag', string>;

/** The two headers for a page showing `keys` (made once, when the page is stored). */
export function surrogateHeaders(keys: readonly string[]): SurrogateHeaders {
  const tags = [SITE_TAG];
  let length = SITE_TAG.length;
  for (const tag of new Set(keys.map(surrogateTag))) {
    if (tag === SITE_TAG) continue;
    if (length + tag.length + 1 > MAX_HEADER_BYTES) break;
    tags.push(tag);
    length += tag.length + 1;
  }
  return { 'surrogate-key': tags.join(' '), 'cache-tag': tags.join(',') };
}

export interface PurgeWebhookOptions {
  changes: ChangeFeed;
  url: string;
  /** Told when a purge could not be delivered (it is not retried: pages also expire). */
  onError: (error: unknown) => void;
  timeoutMs?: number;
}

/**
 * Posts `{"keys": [...tags]}` (JSON) to `url` after each change readers can see, without
 * holding up the change: one request per change, in the background, with a timeout. Changes
 * other instances made (`remote`) are theirs to purge: one CDN, one purge. Returns the
 * function that stops listening.
 */
export function purgeWebhook(options: PurgeWebhookOptions): () => void {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return options.changes.subscribe((change) => {
    if (change.remote) return;
    const keys = [...new Set(change.keys.map(surrogateTag))];
    if (keys.length === 0) return;
    void fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys }),
      signal: AbortSignal.timeout(timeoutMs),
    })
      .then(async (response) => {
        await response.body?.cancel();
        if (!response.ok) throw new Error(`purge webhook answered ${response.status}`);
      })
      .catch(options.onError);
  });
}

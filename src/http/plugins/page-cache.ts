/**
 * The public page cache. Pages of routes marked `config: { pageCache: true }` are kept per
 * URL for signed-out readers, each tagged with the cache keys its handler declared
 * (`reply.cacheKeys([...])`: the posts shown and the listings it is part of). A ChangeFeed
 * event drops exactly the pages carrying one of its keys; with a time to live (`expiry`,
 * PAGE_CACHE_TTL_SECONDS) a page older than it is rendered again, a safety net should a
 * change never reach this instance. Every page gets an ETag (304 on match); public pages get
 * a Cache-Control a CDN can use, signed-in pages stay private.
 *
 * Compressed pages: a stored page of at least COMPRESS_MIN_BYTES also gets a brotli and a gzip
 * variant, made once just after it is stored, off the event loop (zlib's async functions run
 * on libuv's thread pool), and counted in the byte budget. Each request gets the coding its
 * Accept-Encoding asks for (accept-encoding.ts) with its own ETag (`"…-br"`, `"…-gz"`, as nginx
 * and Apache mark theirs), and every page of a cached route says `Vary: Accept-Encoding`. A
 * request that comes while the variants are being made — the first render's own included —
 * waits for them (a millisecond or two for a post page) instead of taking identity, so the same
 * request always gets the same bytes, hit or miss; it never sees a half-made body. Pages that
 * are not stored (signed-in readers, the cache off, pages without keys) are sent as they are.
 *
 * Public pages with keys also carry them as `Surrogate-Key` and `Cache-Tag` for a CDN
 * (surrogate-keys.ts), precomputed for stored pages.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import fp from 'fastify-plugin';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import { EVERY_PAGE_KEY } from '../../services/change-feed.js';
import type { ChangeFeed } from '../../services/ports.js';
import { chooseEncoding, varyWith } from './accept-encoding.js';
import { SESSION_COOKIE } from './session.js';
import { surrogateHeaders } from './surrogate-keys.js';
import type { SurrogateHeaders } from './surrogate-keys.js';
import type { Coding } from './accept-encoding.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    pageCache?: boolean;
  }
  interface FastifyReply {
    /** Declares what the page shows, so it is dropped when any of these change. */
    cacheKeys(keys: readonly string[]): void;
  }
}

/** What a page is stored with. */
export interface PageEntry {
  /** UTF-8 bytes: outside the JavaScript heap, and sent as they are. */
  body: Buffer;
  etag: string;
  contentType: string;
  keys: readonly string[];
  /** The route pattern that rendered it (`/:lang/…`), the label metrics give its hits. */
  route?: string | undefined;
}

/** One representation of a stored page: the bytes sent for a coding and their ETag. */
export interface Representation {
  readonly coding: Coding;
  readonly body: Buffer;
  readonly etag: string;
  /**
   * Every header the normal path sent on its last hit for this representation (helmet's,
   * content-type, cache-control, vary, etag, surrogate keys, x-cache, content-encoding), less
   * x-request-id, then content-length, as name, value, name, value…: what the front door
   * (../front-door.ts) hands to `writeHead`, which takes such a list at about two thirds of the
   * cost of an object. Unset until such a hit.
   */
  rawHeaders?: readonly string[];
}

/** A page as kept: its identity bytes, then its compressed variants once they are made. */
export interface StoredPage extends PageEntry {
  readonly identity: Representation;
  readonly variants: { br?: Representation; gzip?: Representation };
  /** The codings the page has, or will have once `ready` settles. */
  codings: readonly Coding[];
  /** Settles once the variants are attached or given up; undefined when none are being made. */
  ready: Promise<void> | undefined;
  /** Bytes counted against the budget: the identity body and every variant. */
  bytes: number;
  /** Its keys as a CDN's `Surrogate-Key` and `Cache-Tag` (surrogate-keys.ts), made once. */
  readonly surrogate: SurrogateHeaders;
  /** When it was stored (PageExpiry.now), for the time to live. */
  readonly storedAt: number;
}

/** Smaller pages are kept identity only: a few hundred bytes saved do not pay for the work. */
export const COMPRESS_MIN_BYTES = 1024;
/**
 * Measured on the demo post page (20.2 KB, one core, synchronous calls): brotli 5 gives 6.2 KB
 * in ~0.45 ms; 6 saves 4 bytes more, 7 nothing at ~5× the time, 11 reaches 5.3 KB at ~28 ms.
 * gzip 6 gives 6.7 KB in ~0.25 ms (9 saves 6 bytes). Text mode and the size hint help brotli.
 */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Both variants of `body`, made on the thread pool; rejects if zlib fails. */
async function compressPage(body: Buffer): Promise<Array<['br' | 'gzip', Buffer]>> {
  const [br, gz] = await Promise.all([
    brotliCompress(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzip(body, { level: GZIP_LEVEL }),
  ]);
  return [
    ['br', br],
    ['gzip', gz],
  ];
}

const ETAG_SUFFIX = { br: 'br', gzip: 'gz' } as const;

/** `"hash"` → `"hash-br"`: the same page in another coding is another representation. */
function variantEtag(etag: string, coding: 'br' | 'gzip'): string {
  return `${etag.slice(0, -1)}-${ETAG_SUFFIX[coding]}"`;
}

const IDENTITY_ONLY: readonly Coding[] = ['identity'];
const EVERY_CODING: readonly Coding[] = ['br', 'gzip', 'identity'];

export interface PageCompression {
  /** Pages smaller than this are kept identity only (default COMPRESS_MIN_BYTES). */
  minBytes?: number;
  /** Told when a variant could not be made; the page is then served as it is. */
  onError?: (error: unknown) => void;
}

/**
 * The safety net under the ChangeFeed: a page kept longer than `ttlMs` is rendered again,
 * should a change ever fail to reach this instance (PAGE_CACHE_TTL_SECONDS).
 */
export interface PageExpiry {
  /** Unset or 0: pages are kept until a change drops them (or the budget evicts them). */
  ttlMs?: number;
  /** Milliseconds now (default Date.now; the app passes its clock). */
  now?: () => number;
}

export interface PageCacheOptions {
  changes: ChangeFeed;
  /** False renders every request (ETags still apply); the bench measures both. */
  enabled: boolean;
  maxEntries?: number;
  /** Budget for the stored pages' bytes, variants included (default 32 MiB); LRU go first. */
  maxBytes?: number;
  /** How long a page may be kept (default: until a change drops it). */
  expiry?: PageExpiry;
}

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

export class PageCache {
  private readonly entries = new Map<string, StoredPage>();
  private readonly byKey = new Map<string, Set<string>>();
  /** Bumped by every invalidation; a page rendered across one is not stored (it may be stale). */
  generation = 0;
  /** Pages sent by the front door (../front-door.ts), before Fastify saw the request. */
  earlyHits = 0;
  /** Whether pages are kept and answered at all (the plugin's `enabled`). */
  enabled = true;
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes = 32 * 1_048_576,
    private readonly compression: PageCompression = {},
    private readonly expiry: PageExpiry = {},
  ) {}

  private now(): number {
    return this.expiry.now?.() ?? Date.now();
  }

  /** Bytes of page bodies currently kept, compressed variants included. */
  get byteSize(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The page kept for `url`; undefined when none is, or it has outlived the time to live. */
  get(url: string): StoredPage | undefined {
    const entry = this.entries.get(url);
    const ttlMs = this.expiry.ttlMs ?? 0;
    if (entry && ttlMs > 0 && this.now() - entry.storedAt > ttlMs) {
      this.delete(url);
      return undefined;
    }
    if (entry) {
      // Least recently used goes first when full: re-insert to mark as recent.
      this.entries.delete(url);
      this.entries.set(url, entry);
    }
    return entry;
  }

  /** The page kept for `url` if it is still fresh, without touching its place in the LRU. */
  peek(url: string): StoredPage | undefined {
    const entry = this.entries.get(url);
    const ttlMs = this.expiry.ttlMs ?? 0;
    if (entry && ttlMs > 0 && this.now() - entry.storedAt > ttlMs) return undefined;
    return entry;
  }

  /**
   * Stores a page (replacing the url's previous one) and starts making its variants; returns
   * the stored page, or undefined when it alone is over the byte budget.
   */
  set(url: string, entry: PageEntry): StoredPage | undefined {
    this.delete(url);
    if (entry.body.length > this.maxBytes) return undefined;
    const page: StoredPage = {
      ...entry,
      identity: { coding: 'identity', body: entry.body, etag: entry.etag },
      variants: {},
      codings: IDENTITY_ONLY,
      ready: undefined,
      bytes: entry.body.length,
      surrogate: surrogateHeaders(entry.keys),
      storedAt: this.now(),
    };
    this.entries.set(url, page);
    this.bytes += page.bytes;
    for (const key of entry.keys) {
      let urls = this.byKey.get(key);
      if (!urls) this.byKey.set(key, (urls = new Set()));
      urls.add(url);
    }
    this.evict();
    const compress = entry.body.length >= (this.compression.minBytes ?? COMPRESS_MIN_BYTES);
    if (compress && this.entries.get(url) === page) {
      page.codings = EVERY_CODING;
      page.ready = this.attachVariants(url, page);
    }
    return page;
  }

  /** Makes the page's variants and counts them, unless it was replaced or dropped meanwhile. */
  private async attachVariants(url: string, page: StoredPage): Promise<void> {
    try {
      const made = await compressPage(page.body);
      // Dropped (or stored anew) while compressing: those bytes belong to no kept page.
      if (this.entries.get(url) !== page) return;
      for (const [coding, body] of made) {
        if (body.length >= page.body.length) continue; // no smaller: not worth keeping
        page.variants[coding] = { coding, body, etag: variantEtag(page.etag, coding) };
        page.bytes += body.length;
        this.bytes += body.length;
      }
      this.evict();
    } catch (error) {
      this.compression.onError?.(error);
    } finally {
      page.codings = EVERY_CODING.filter((c) => c === 'identity' || page.variants[c]);
      page.ready = undefined;
    }
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  /** Drops every page tagged with one of `keys` (every page for EVERY_PAGE_KEY); returns how many. */
  invalidate(keys: readonly string[]): number {
    this.generation++;
    if (keys.includes(EVERY_PAGE_KEY)) keys = [...this.byKey.keys()];
    let dropped = 0;
    for (const key of keys) {
      for (const url of this.byKey.get(key) ?? []) {
        if (this.delete(url)) dropped++;
      }
    }
    return dropped;
  }

  private delete(url: string): boolean {
    const entry = this.entries.get(url);
    if (!entry) return false;
    this.entries.delete(url);
    this.bytes -= entry.bytes;
    for (const key of entry.keys) {
      const urls = this.byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) this.byKey.delete(key);
    }
    return true;
  }
}

const keysSymbol = Symbol('cacheKeys');
const generationSymbol = Symbol('cacheGeneration');
type TaggedReply = FastifyReply & {
  [keysSymbol]?: readonly string[];
  [generationSymbol]?: number;
};

/** Headers of a hit that are the request's own, never replayed. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'content-length', 'date', 'connection']);

const SESSION_COOKIE_PREFIX = `${SESSION_COOKIE}=`;

/** A warm hit that may be answered before anything else runs: the page and what it is sent as. */
export interface EarlyHit {
  page: StoredPage;
  sent: Representation & { rawHeaders: readonly string[] };
}

/**
 * The read path at static speed (issue 12), the decision of the front door (../front-door.ts):
 * a GET or HEAD without a session cookie (it could be a signed-in reader: those go the normal
 * way), without If-None-Match (304s are the normal path's), for a URL whose page is stored with
 * its variants made and whose chosen representation the normal path has already answered once
 * (so its headers are known), is answered with those bytes and headers. Only pages of cached
 * routes are ever stored, so the URL alone says the route is one. Returns undefined for the
 * normal path; otherwise does the same LRU and time-to-live bookkeeping as a normal hit.
 */
export function earlyHit(
  cache: PageCache,
  method: string | undefined,
  url: string,
  headers: IncomingHttpHeaders,
): EarlyHit | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (!cache.enabled) return undefined;
  if (headers['if-none-match'] !== undefined) return undefined;
  const cookie = headers.cookie;
  if (cookie !== undefined && cookie.includes(SESSION_COOKIE_PREFIX)) return undefined;
  const page = cache.peek(url);
  if (!page || page.ready) return undefined;
  const coding = chooseEncoding(headers['accept-encoding'], page.codings);
  const sent = (coding === 'identity' ? undefined : page.variants[coding]) ?? page.identity;
  if (!sent.rawHeaders) return undefined;
  cache.get(url);
  return { page, sent: sent as EarlyHit['sent'] };
}

function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * What `page` is sent as for this Accept-Encoding. A coding still being made is waited for
 * (never a half-made body); if it could not be made, the choice is made again without it.
 */
async function representationOf(
  page: StoredPage,
  acceptEncoding: string | undefined,
): Promise<Representation> {
  let coding = chooseEncoding(acceptEncoding, page.codings);
  if (coding !== 'identity' && !page.variants[coding] && page.ready) {
    await page.ready;
    coding = chooseEncoding(acceptEncoding, page.codings);
  }
  return (coding === 'identity' ? undefined : page.variants[coding]) ?? page.identity;
}

/** Whether `If-None-Match` names `etag` (weak or strong, as RFC 9110 §13.1.2 compares). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export const pageCachePlugin = fp<PageCacheOptions>(
  (app, options, done) => {
    const cache = new PageCache(
      options.maxEntries ?? 20_000,
      options.maxBytes,
      { onError: (err) => app.log.error({ err }, 'page cache: compressing a page failed') },
      options.expiry,
    );
    options.changes.subscribe((change) => {
      cache.invalidate(change.keys);
    });
    app.decorate('pageCache', cache);
    cache.enabled = options.enabled;
    app.decorateReply('cacheKeys', function cacheKeys(this: TaggedReply, keys: readonly string[]) {
      this[keysSymbol] = [...(this[keysSymbol] ?? []), ...keys];
    });

    app.addHook('onRequest', async (request, reply) => {
      if (
        !options.enabled ||
        (request.method !== 'GET' && request.method !== 'HEAD') ||
        request.user ||
        !request.routeOptions.config.pageCache
      )
        return;
      const hit = cache.get(request.url);
      if (!hit) {
        (reply as TaggedReply)[generationSymbol] = cache.generation;
        return;
      }
      const sent = await representationOf(hit, request.headers['accept-encoding']);
      reply
        .header('etag', sent.etag)
        .header('cache-control', PUBLIC_CACHE_CONTROL)
        .header('vary', varyWith(reply.getHeader('vary'), 'Accept-Encoding'))
        .headers(hit.surrogate)
        .header('x-cache', 'HIT');
      if (etagMatches(request.headers['if-none-match'], sent.etag)) return reply.code(304).send();
      if (sent.coding !== 'identity') reply.header('content-encoding', sent.coding);
      return reply.type(hit.contentType).send(sent.body);
    });

    // The headers a GET hit went out with become what the front door sends for it. Registered
    // here, after every hook that sets a header of a hit, and run on hits only.
    app.addHook('onSend', (request, reply, payload, next) => {
      if (
        reply.statusCode !== 200 ||
        request.method !== 'GET' ||
        reply.getHeader('x-cache') !== 'HIT' ||
        reply.hasHeader('set-cookie') ||
        !Buffer.isBuffer(payload)
      )
        return next(null, payload);
      const page = cache.peek(request.url);
      const sent =
        page &&
        [page.identity, page.variants.br, page.variants.gzip].find((r) => r?.body === payload);
      if (sent && !sent.rawHeaders) {
        const raw: string[] = [];
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value === undefined || PER_REQUEST_HEADERS.has(name)) continue;
          for (const one of [value].flat()) raw.push(name, String(one));
        }
        raw.push('content-length', String(sent.body.length));
        Object.assign(sent, { rawHeaders: raw });
      }
      next(null, payload);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (
        !request.routeOptions.config.pageCache ||
        request.method !== 'GET' ||
        reply.statusCode !== 200
      )
        return payload;
      if (typeof payload !== 'string' || reply.getHeader('x-cache') === 'HIT') return payload;
      reply.header('vary', varyWith(reply.getHeader('vary'), 'Accept-Encoding'));
      let sent: Representation | undefined;
      // Encoded once: the ETag, the cache and the socket all take these bytes (a string
      // payload would be encoded again for its length and again for the write).
      const body = Buffer.from(payload);
      const etag = etagOf(body);
      if (request.user) {
        reply.header('cache-control', 'private, no-cache');
      } else {
        reply.header('cache-control', PUBLIC_CACHE_CONTROL);
        const tagged = reply as TaggedReply;
        const keys = tagged[keysSymbol] ?? [];
        if (keys.length > 0) reply.headers(surrogateHeaders(keys));
        // Only pages that say what they show can be dropped on change, so only they are kept.
        if (options.enabled && keys.length > 0 && tagged[generationSymbol] === cache.generation) {
          reply.header('x-cache', 'MISS');
          const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
          const page = cache.set(request.url, {
            body,
            etag,
            contentType,
            keys,
            route: request.routeOptions.url,
          });
          // The first render is sent like every later hit: in the coding the reader asks for.
          if (page) sent = await representationOf(page, request.headers['accept-encoding']);
        }
      }
      reply.header('etag', sent?.etag ?? etag);
      if (etagMatches(request.headers['if-none-match'], sent?.etag ?? etag)) {
        reply.code(304);
        return '';
      }
      if (!sent || sent.coding === 'identity') return body;
      reply.header('content-encoding', sent.coding);
      return sent.body;
    });
    done();
  },
  { name: 'page-cache' },
);

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

/**
 * The public page cache. Pages of routes marked `config: { pageCache: true }` are kept per
 * URL for signed-out readers, each tagged with the cache keys its handler declared
 * (`reply.cacheKeys([...])`: the posts shown and the listings it is part of). A ChangeFeed
 * event drops exactly the pages carrying one of its keys. Every page gets an ETag (304 on
 * match); public pages get a Cache-Control a CDN can use, signed-in pages stay private.
 */
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import { EVERY_PAGE_KEY } from '../../services/change-feed.js';
import type { ChangeFeed } from '../../services/ports.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    pageCache?: boolean;
  }
  interface FastifyReply {
    /** Declares what the page shows, so it is dropped when any of these change. */
    cacheKeys(keys: readonly string[]): void;
  }
}

interface Entry {
  /** UTF-8 bytes: outside the JavaScript heap, and sent as they are. */
  body: Buffer;
  etag: string;
  contentType: string;
  keys: readonly string[];
}

export interface PageCacheOptions {
  changes: ChangeFeed;
  /** False renders every request (ETags still apply); the bench measures both. */
  enabled: boolean;
  maxEntries?: number;
  /** Budget for the stored pages' bytes (default 32 MiB); least recently used go first. */
  maxBytes?: number;
}

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, Set<string>>();
  /** Bumped by every invalidation; a page rendered across one is not stored (it may be stale). */
  generation = 0;
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes = 32 * 1_048_576,
  ) {}

  /** Bytes of page bodies currently kept. */
  get byteSize(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(url: string): Entry | undefined {
    const entry = this.entries.get(url);
    if (entry) {
      // Least recently used goes first when full: re-insert to mark as recent.
      this.entries.delete(url);
      this.entries.set(url, entry);
    }
    return entry;
  }

  set(url: string, entry: Entry): void {
    this.delete(url);
    if (entry.body.length > this.maxBytes) return;
    this.entries.set(url, entry);
    this.bytes += entry.body.length;
    for (const key of entry.keys) {
      let urls = this.byKey.get(key);
      if (!urls) this.byKey.set(key, (urls = new Set()));
      urls.add(url);
    }
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
    this.bytes -= entry.body.length;
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
type TaggedReply = FastifyReply & { [keysSymbol]?: readonly string[]; [generationSymbol]?: number };

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export const pageCachePlugin = fp<PageCacheOptions>(
  (app, options, done) => {
    const cache = new PageCache(options.maxEntries ?? 20_000, options.maxBytes);
    options.changes.subscribe((change) => {
      cache.invalidate(change.keys);
    });
    app.decorate('pageCache', cache);
    app.decorateReply('cacheKeys', function cacheKeys(this: TaggedReply, keys: readonly string[]) {
      this[keysSymbol] = [...(this[keysSymbol] ?? []), ...keys];
    });

    app.addHook('onRequest', async (request, reply) => {
      if (
        !options.enabled ||
        request.method !== 'GET' ||
        request.user ||
        !request.routeOptions.config.pageCache
      )
        return;
      const hit = cache.get(request.url);
      if (!hit) {
        (reply as TaggedReply)[generationSymbol] = cache.generation;
        return;
      }
      reply
        .header('etag', hit.etag)
        .header('cache-control', PUBLIC_CACHE_CONTROL)
        .header('x-cache', 'HIT');
      if (matches(request.headers['if-none-match'], hit.etag)) return reply.code(304).send();
      return reply.type(hit.contentType).send(hit.body);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (
        !request.routeOptions.config.pageCache ||
        request.method !== 'GET' ||
        reply.statusCode !== 200
      )
        return payload;
      if (typeof payload !== 'string' || reply.getHeader('x-cache') === 'HIT') return payload;
      const etag = etagOf(payload);
      reply.header('etag', etag);
      if (request.user) {
        reply.header('cache-control', 'private, no-cache');
      } else {
        reply.header('cache-control', PUBLIC_CACHE_CONTROL);
        const tagged = reply as TaggedReply;
        const keys = tagged[keysSymbol] ?? [];
        // Only pages that say what they show can be dropped on change, so only they are kept.
        if (options.enabled && keys.length > 0 && tagged[generationSymbol] === cache.generation) {
          reply.header('x-cache', 'MISS');
          const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
          cache.set(request.url, { body: Buffer.from(payload), etag, contentType, keys });
        }
      }
      if (matches(request.headers['if-none-match'], etag)) {
        reply.code(304);
        return '';
      }
      return payload;
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

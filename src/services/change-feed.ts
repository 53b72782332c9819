/**
 * The in-process ChangeFeed: listeners run synchronously after a service commits a change.
 * One process only (SQLite, PGlite); instances sharing a PostgreSQL server use
 * `db/pg-change-feed.ts`, which runs this for its local listeners.
 */
import type { ChangeFeed, PublicChange } from './ports.js';

/**
 * The key of a change every public page may show (the site's languages, name, default
 * language): page caches drop every page they keep.
 */
export const EVERY_PAGE_KEY = '*';

/**
 * The key of a person as pages show them (display name, username): a post page's byline and
 * translation credits, its comment thread. Their profile's change names it.
 */
export function userKey(userId: string): string {
  return `user:${userId}`;
}

/** The key of an organization as pages show it (its name and archive link in bylines). */
export function organizationKey(organizationId: string): string {
  return `organization:${organizationId}`;
}

export function inProcessChangeFeed(
  onListenerError: (error: unknown) => void = () => undefined,
): ChangeFeed {
  const listeners = new Set<(change: PublicChange) => void>();
  return {
    publish(change) {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * `feed`, whose listeners hear every change twice: when it happens and again `lagMs` later
 * (same keys, same `remote`). With a read replica, a page rendered from the replica between
 * a write's commit on the primary and its replay on the replica shows the old content; the
 * second delivery drops it from the page cache (and, for this instance's own changes, from
 * the CDN) once the replica has caught up. `close` cancels the deliveries still pending.
 */
export function echoedChangeFeed(feed: ChangeFeed, lagMs: number): ChangeFeed & { close(): void } {
  const pending = new Set<NodeJS.Timeout>();
  let closed = false;
  return {
    publish: (change) => feed.publish(change),
    subscribe(listener) {
      return feed.subscribe((change) => {
        listener(change);
        if (closed) return;
        const timer = setTimeout(() => {
          pending.delete(timer);
          listener(change);
        }, lagMs);
        timer.unref();
        pending.add(timer);
      });
    },
    close() {
      closed = true;
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}

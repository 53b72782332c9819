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

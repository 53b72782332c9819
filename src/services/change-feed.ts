/** The in-process ChangeFeed: listeners run synchronously after a service commits a change. */
import type { ChangeFeed, PublicChange } from './ports.js';

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

/**
 * The in-process TimingsHub: services report durations to it, each app's metrics plugin
 * subscribes. Without a subscriber (metrics off) a report costs one empty loop.
 */
import type { Timings, TimingsHub } from './ports.js';

export function timingsHub(): TimingsHub {
  const listeners = new Set<Timings>();
  return {
    memoryLookup(seconds, partial) {
      for (const listener of listeners) listener.memoryLookup(seconds, partial);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

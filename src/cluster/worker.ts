/**
 * One worker of `polyphony serve` with WORKERS > 1 (src/cluster/primary.ts forks it): its own
 * runtime (the primary has migrated; on SQLite its changes are relayed to the other workers,
 * change-relay.ts), the app listening on the shared PORT (node:cluster hands connections
 * round-robin), and the background work only when the primary said so
 * (POLYPHONY_BACKGROUND=1: one worker at a time). It tells the primary once it listens, and
 * stops gracefully on SIGTERM or SIGINT like a single process does.
 */
import type { Env } from '../config/env.js';
import { stopOnSignals } from '../cli/shutdown.js';
import { createRuntime, serve } from '../main.js';
import { relayedChangeFeed } from './change-relay.js';

/** What a worker tells the primary once it accepts connections. */
export interface ListeningMessage {
  type: 'polyphony:listening';
  url: string;
}

export function isListeningMessage(message: unknown): message is ListeningMessage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<ListeningMessage>;
  return m.type === 'polyphony:listening' && typeof m.url === 'string';
}

export async function runWorker(env: Env): Promise<void> {
  // On PostgreSQL, LISTEN/NOTIFY already reaches every worker.
  const runtime = await createRuntime(env, {
    wrapChanges: (feed, driver) => (driver === 'pg' ? feed : relayedChangeFeed(feed, process)),
  });
  const server = await serve(runtime, env, {
    background: process.env.POLYPHONY_BACKGROUND === '1',
  });
  process.send?.({ type: 'polyphony:listening', url: server.url } satisfies ListeningMessage);
  stopOnSignals(() => server.stop());
}

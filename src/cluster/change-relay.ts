/**
 * A worker's ChangeFeed when the site runs several workers on SQLite (WORKERS > 1): the
 * in-process feed tells only this worker's page cache, so each change made here is also sent
 * to the primary over the cluster's IPC channel, which hands it to every other worker; a
 * change arriving from the primary is given to this worker's listeners as `remote` (their
 * caches drop the pages; the CDN purge stays with the worker that made it) and never sent on
 * again, so nothing loops or arrives twice. On PostgreSQL the feed is LISTEN/NOTIFY, which
 * already reaches every worker, and this relay is not used.
 */
import type { ChangeFeed, PublicChange } from '../services/ports.js';

/** The message a change travels in, worker → primary → the other workers. */
export interface ChangeMessage {
  type: 'polyphony:change';
  keys: string[];
}

export function isChangeMessage(message: unknown): message is ChangeMessage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<ChangeMessage>;
  return (
    m.type === 'polyphony:change' &&
    Array.isArray(m.keys) &&
    m.keys.every((key) => typeof key === 'string')
  );
}

/** The IPC side a worker has (`process` in a cluster worker). */
export interface IpcChannel {
  send?: (message: ChangeMessage) => unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** `feed`, with this worker's changes sent to the others and theirs received. */
export function relayedChangeFeed(
  feed: ChangeFeed,
  channel: IpcChannel,
): ChangeFeed & { close(): void } {
  const onMessage = (message: unknown) => {
    if (isChangeMessage(message)) feed.publish({ keys: message.keys, remote: true });
  };
  channel.on('message', onMessage);
  return {
    publish(change: PublicChange) {
      feed.publish(change);
      if (!change.remote) channel.send?.({ type: 'polyphony:change', keys: [...change.keys] });
    },
    subscribe: (listener) => feed.subscribe(listener),
    close: () => channel.off('message', onMessage),
  };
}

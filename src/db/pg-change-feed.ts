/**
 * The ChangeFeed across instances on one PostgreSQL server: `publish` runs this instance's
 * listeners at once (as the in-process feed does) and sends `pg_notify('polyphony_changes',
 * …)` on the pool; every instance holds one dedicated connection that `LISTEN`s on the
 * channel and hands the other instances' changes to its own listeners as `remote` changes.
 *
 *  - After commit only: services publish once their transaction has committed, and the
 *    notification goes on a pool connection of its own, never inside a transaction, so a
 *    rolled-back change is never announced.
 *  - Own messages: each carries the sending instance's id; an instance ignores its own (its
 *    listeners already ran when it published).
 *  - Size: PostgreSQL refuses payloads of 8000 bytes or more; a change whose keys do not fit
 *    is sent as EVERY_PAGE_KEY (the other instances drop every page instead).
 *  - Drops: when the listening connection errs or ends, it is opened again with growing,
 *    jittered delays; once it listens again, EVERY_PAGE_KEY is published locally, because
 *    whatever was notified meanwhile was missed. A payload this version cannot read (another
 *    version's, during a rolling deploy) is treated the same way.
 *
 * PGlite and SQLite are one process: they keep `inProcessChangeFeed`.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { EVERY_PAGE_KEY, inProcessChangeFeed } from '../services/change-feed.js';
import type { ChangeFeed, PublicChange } from '../services/ports.js';
import { withDefaultUser } from './connection.js';
import type { Database } from './schema.js';

/** The channel every instance of the site listens on. */
export const CHANGE_CHANNEL = 'polyphony_changes';

/** PostgreSQL's limit: a NOTIFY payload must be shorter than 8000 bytes. */
export const NOTIFY_MAX_BYTES = 7999;

/** The listener connection's `application_name` (pg_stat_activity), before the instance id. */
export const LISTENER_APPLICATION = 'polyphony change feed';

const messageSchema = z.object({ instance: z.string(), keys: z.array(z.string()) });

/**
 * The payload announcing `keys` from `instance`: the keys themselves when they fit in a
 * NOTIFY payload, else EVERY_PAGE_KEY.
 */
export function notificationPayload(instance: string, keys: readonly string[]): string {
  const payload = JSON.stringify({ instance, keys });
  if (Buffer.byteLength(payload, 'utf8') <= NOTIFY_MAX_BYTES) return payload;
  return JSON.stringify({ instance, keys: [EVERY_PAGE_KEY] });
}

export interface PgChangeFeedOptions {
  /** The pool notifications are sent on. */
  db: Kysely<Database>;
  /** The database URL (postgres://…), for the listening connection. */
  url: string;
  /** Tags this instance's messages (default: a random UUID). */
  instanceId?: string;
  /** Told of a listener that threw, a notification not sent, a dropped or failed connection. */
  onError?: (error: unknown) => void;
  /** Delays between reconnection attempts: the first, doubling up to the last (ms). */
  reconnect?: { firstDelayMs?: number; maxDelayMs?: number };
}

export interface PgChangeFeed extends ChangeFeed {
  readonly instanceId: string;
  /**
   * Stops listening (no reconnection after), waits for the notifications still being sent,
   * then ends the listening connection. Call before closing the pool.
   */
  close(): Promise<void>;
}

const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 10_000;

/** A listening connection, and whether it has dropped. */
interface Listener {
  client: pg.Client;
  dropped: boolean;
}

/**
 * Opens the listening connection and returns the feed. Throws when the first connection or
 * its LISTEN fails (the database was just reached: that is a fault to report at start-up);
 * later drops are retried for as long as the feed is open.
 */
export async function openPgChangeFeed(options: PgChangeFeedOptions): Promise<PgChangeFeed> {
  const onError = options.onError ?? (() => undefined);
  const instanceId = options.instanceId ?? randomUUID();
  const firstDelayMs = options.reconnect?.firstDelayMs ?? FIRST_DELAY_MS;
  const maxDelayMs = options.reconnect?.maxDelayMs ?? MAX_DELAY_MS;
  const local = inProcessChangeFeed(onError);
  const sending = new Set<Promise<void>>();
  let closed = false;
  let current: Listener | undefined;
  let connecting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delayMs = firstDelayMs;

  const receive = (message: pg.Notification): void => {
    if (message.channel !== CHANGE_CHANNEL) return;
    const parsed = parseMessage(message.payload);
    if (!parsed) {
      const shown = (message.payload ?? '').slice(0, 200);
      onError(new Error(`change feed: a notification it cannot read (${shown})`));
      local.publish({ keys: [EVERY_PAGE_KEY], remote: true });
      return;
    }
    if (parsed.instance === instanceId) return;
    local.publish({ keys: parsed.keys, remote: true });
  };

  const listen = async (): Promise<Listener> => {
    const client = new pg.Client({
      connectionString: withDefaultUser(options.url),
      application_name: `${LISTENER_APPLICATION} ${instanceId}`.slice(0, 63),
      // A peer that vanished without closing (a network partition) is noticed by TCP.
      keepAlive: true,
    });
    const listener: Listener = { client, dropped: false };
    const drop = (error?: unknown): void => {
      if (listener.dropped) return;
      listener.dropped = true;
      if (error !== undefined && !closed) onError(error);
      client.end().catch(() => undefined);
      if (current === listener) {
        current = undefined;
        retry();
      }
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', receive);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      drop();
      throw error;
    }
    if (listener.dropped)
      throw new Error('change feed: the connection dropped while it was set up');
    return listener;
  };

  const retry = (): void => {
    if (closed || timer || connecting) return;
    // Jittered, so instances cut off together (a server restart) do not reconnect in step.
    const wait = delayMs / 2 + (Math.random() * delayMs) / 2;
    delayMs = Math.min(delayMs * 2, maxDelayMs);
    timer = setTimeout(() => {
      timer = undefined;
      connecting = listen().then(
        async (listener) => {
          connecting = undefined;
          if (closed) {
            await listener.client.end().catch(() => undefined);
            return;
          }
          if (listener.dropped) {
            retry();
            return;
          }
          current = listener;
          delayMs = firstDelayMs;
          // Listening again: whatever was notified while it was not is unknown.
          local.publish({ keys: [EVERY_PAGE_KEY], remote: true });
        },
        (error: unknown) => {
          connecting = undefined;
          if (!closed) onError(error);
          retry();
        },
      );
    }, wait);
    timer.unref();
  };

  current = await listen();

  return {
    instanceId,
    publish(change: PublicChange) {
      local.publish(change);
      // A remote change came from another instance, which has notified it already.
      if (closed || change.remote) return;
      const payload = notificationPayload(instanceId, change.keys);
      const sent = sql`select pg_notify(${CHANGE_CHANNEL}, ${payload})`
        .execute(options.db)
        .then(() => undefined, onError);
      sending.add(sent);
      void sent.finally(() => sending.delete(sent));
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await connecting;
      await Promise.allSettled([...sending]);
      const listener = current;
      current = undefined;
      if (listener && !listener.dropped) {
        listener.dropped = true;
        await listener.client.end().catch(() => undefined);
      }
    },
  };
}

function parseMessage(payload: string | undefined): z.infer<typeof messageSchema> | undefined {
  try {
    const parsed = messageSchema.safeParse(JSON.parse(payload ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL ChangeFeed (db/pg-change-feed.ts) between two feeds, each on its own pool of
 * one fresh database of the server, as two instances would be: a change published on A runs
 * A's listeners once, at once, and reaches B's as a remote change (a remote change published
 * on A, such as a re-drop after re-reading settings, stays on A); keys too many for a NOTIFY
 * payload become EVERY_PAGE_KEY; a payload it cannot read drops every page; when B's listening
 * connection is killed, B reconnects, drops every page (it may have missed changes) and
 * receives again; a closed feed stops listening.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection.js';
import {
  CHANGE_CHANNEL,
  LISTENER_APPLICATION,
  NOTIFY_MAX_BYTES,
  notificationPayload,
  openPgChangeFeed,
} from '../../src/db/pg-change-feed.js';
import type { PgChangeFeed } from '../../src/db/pg-change-feed.js';
import { EVERY_PAGE_KEY } from '../../src/services/change-feed.js';
import type { PublicChange } from '../../src/services/ports.js';
import { freshDatabase, serverUrl } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();

/** A feed on its own pool, recording what its listener is given and what went wrong. */
interface Instance {
  handle: DatabaseHandle;
  feed: PgChangeFeed;
  seen: PublicChange[];
  errors: unknown[];
}

/** Waits until `seen` holds a change with `key`, at most `ms`; returns it. */
async function arrival(seen: PublicChange[], key: string, ms = 1000): Promise<PublicChange> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = seen.find((change) => change.keys.includes(key));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no change with ${key} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The listening connections of `feed` the server knows of. */
async function listeners(handle: DatabaseHandle, feed: PgChangeFeed): Promise<number[]> {
  const rows = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where application_name = ${`${LISTENER_APPLICATION} ${feed.instanceId}`}`.execute(handle.db);
  return rows.rows.map((row) => row.pid);
}

describe('NOTIFY payloads', () => {
  it('keep keys that fit in 7999 bytes, and say every page past that (bytes, not characters)', () => {
    const instance = 'i';
    const overhead = notificationPayload(instance, ['']).length;
    const fits = 'x'.repeat(NOTIFY_MAX_BYTES - overhead);
    expect(Buffer.byteLength(notificationPayload(instance, [fits]))).toBe(NOTIFY_MAX_BYTES);
    expect(JSON.parse(notificationPayload(instance, [fits]))).toEqual({ instance, keys: [fits] });
    expect(JSON.parse(notificationPayload(instance, [`${fits}x`]))).toEqual({
      instance,
      keys: [EVERY_PAGE_KEY],
    });
    // Fewer characters than bytes: the limit is the server's, in bytes.
    const wide = 'ü'.repeat(Math.ceil(fits.length / 2) + 1);
    expect(wide.length).toBeLessThan(fits.length);
    expect(JSON.parse(notificationPayload(instance, [wide]))).toEqual({
      instance,
      keys: [EVERY_PAGE_KEY],
    });
  });
});

describe.skipIf(!url)('the PostgreSQL change feed between two instances', () => {
  let database: ServerDatabase;
  let a: Instance;
  let b: Instance;

  async function instance(): Promise<Instance> {
    const handle = await database.open();
    const errors: unknown[] = [];
    const feed = await openPgChangeFeed({
      db: handle.db,
      url: database.url,
      onError: (error) => errors.push(error),
      reconnect: { firstDelayMs: 20, maxDelayMs: 200 },
    });
    const seen: PublicChange[] = [];
    feed.subscribe((change) => seen.push(change));
    return { handle, feed, seen, errors };
  }

  beforeAll(async () => {
    database = await freshDatabase(url ?? '', { migrate: false });
    a = await instance();
    b = await instance();
  });
  afterAll(async () => {
    await a.feed.close();
    await b.feed.close();
    await database.drop();
  });

  it("delivers a change on A to A's listeners at once, once, and to B's within a second", async () => {
    a.feed.publish({ keys: ['post:1', 'list:all'] });
    // Synchronously, before any round trip: A never serves its own stale page.
    expect(a.seen).toEqual([{ keys: ['post:1', 'list:all'] }]);
    expect(await arrival(b.seen, 'post:1')).toEqual({ keys: ['post:1', 'list:all'], remote: true });
    // A's own notification came back to A too by now (same server, same order): ignored.
    b.feed.publish({ keys: ['post:2'] });
    await arrival(a.seen, 'post:2');
    expect(a.seen.filter((change) => change.keys.includes('post:1'))).toHaveLength(1);
    expect(b.seen.filter((change) => change.keys.includes('post:2'))).toEqual([
      { keys: ['post:2'] },
    ]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('runs a remote change published on A for A only (it was notified where it was made)', async () => {
    a.feed.publish({ keys: ['post:relayed'], remote: true });
    expect(a.seen.at(-1)).toEqual({ keys: ['post:relayed'], remote: true });
    // A marker published after it arrives at B first only if the remote one was never sent.
    a.feed.publish({ keys: ['post:after-relayed'] });
    await arrival(b.seen, 'post:after-relayed');
    expect(b.seen.some((change) => change.keys.includes('post:relayed'))).toBe(false);
  });

  it('sends keys that do not fit in a NOTIFY payload as every page', async () => {
    // The server's own limit, which NOTIFY_MAX_BYTES stays under.
    await expect(
      sql`select pg_notify('polyphony_limit_probe', ${'x'.repeat(NOTIFY_MAX_BYTES + 1)})`.execute(
        a.handle.db,
      ),
    ).rejects.toThrow(/payload string too long/);
    const many = Array.from({ length: 600 }, (_, i) => `list:term:${i}-${'t'.repeat(8)}`);
    a.feed.publish({ keys: ['post:big', ...many] });
    expect(a.seen.at(-1)?.keys).toHaveLength(601); // locally, every key as it is
    const before = b.seen.length;
    const deadline = Date.now() + 1000;
    while (b.seen.length === before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(b.seen.slice(before)).toEqual([{ keys: [EVERY_PAGE_KEY], remote: true }]);
    // Right at the limit it still goes through as it is.
    const overhead = notificationPayload(a.feed.instanceId, ['']).length;
    const largest = `k${'y'.repeat(NOTIFY_MAX_BYTES - overhead - 1)}`;
    a.feed.publish({ keys: [largest] });
    expect(await arrival(b.seen, largest)).toEqual({ keys: [largest], remote: true });
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('drops every page on a notification it cannot read', async () => {
    const before = b.seen.length;
    await sql`select pg_notify(${CHANGE_CHANNEL}, ${'{"not":"ours"}'})`.execute(a.handle.db);
    await expect
      .poll(() => b.seen.slice(before), { timeout: 1000 })
      .toContainEqual({
        keys: [EVERY_PAGE_KEY],
        remote: true,
      });
    expect(b.errors).toHaveLength(1);
    expect(String(b.errors[0])).toMatch(/cannot read/);
    b.errors.length = 0;
    a.errors.length = 0;
  });

  it('reconnects when its listening connection is killed, drops every page, and receives again', async () => {
    const [pid] = await listeners(b.handle, b.feed);
    expect(pid).toBeTypeOf('number');
    const before = b.seen.length;
    await sql`select pg_terminate_backend(${pid})`.execute(a.handle.db);
    // Listening again: everything cached may have missed a change.
    await expect
      .poll(() => b.seen.slice(before), { timeout: 3000 })
      .toContainEqual({ keys: [EVERY_PAGE_KEY], remote: true });
    const now = await listeners(b.handle, b.feed);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(pid);
    expect(b.errors.length).toBeGreaterThan(0); // the termination was reported
    a.feed.publish({ keys: ['post:after'] });
    expect(await arrival(b.seen, 'post:after')).toEqual({ keys: ['post:after'], remote: true });
    // And B still reaches A.
    b.feed.publish({ keys: ['post:from-b'] });
    expect(await arrival(a.seen, 'post:from-b')).toEqual({ keys: ['post:from-b'], remote: true });
  });

  it('stops listening when closed, and fails to open on a database it cannot reach', async () => {
    const c = await instance();
    expect(await listeners(a.handle, c.feed)).toHaveLength(1);
    await c.feed.close();
    await expect.poll(() => listeners(a.handle, c.feed)).toEqual([]);
    a.feed.publish({ keys: ['post:closed'] });
    await arrival(b.seen, 'post:closed');
    expect(c.seen.some((change) => change.keys.includes('post:closed'))).toBe(false);
    expect(c.errors).toEqual([]);

    const missing = new URL(database.url);
    missing.pathname = '/polyphony_no_such_database';
    await expect(openPgChangeFeed({ db: a.handle.db, url: missing.toString() })).rejects.toThrow(
      /does not exist/,
    );
  });
});

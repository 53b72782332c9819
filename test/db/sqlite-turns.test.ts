/**
 * On SQLite every statement runs synchronously: without YieldAfterQuery a request's queries
 * ran back to back in microtasks and other readers' requests waited for whole batches (the
 * uncached post's p99 under load, bench/README.md). These tests hold what the plugin promises:
 * the event loop gets turns during a long run of statements, and a transaction's statements are
 * still never interleaved with another caller's.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { TURN_SLICE_MS } from '../../src/db/sqlite-turns.js';

/** Busy work without a turn, standing in for rendering between two statements. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('SQLite statements give the event loop turns', () => {
  let handle: DatabaseHandle;

  beforeEach(async () => {
    handle = await openDatabase('sqlite::memory:');
    await sql`create table numbers (n integer not null)`.execute(handle.db);
  });

  afterEach(async () => {
    await handle.close();
  });

  it('lets callbacks waiting for the loop run during a long run of statements', async () => {
    let turns = 0;
    let stopped = false;
    const tick = () => {
      turns += 1;
      if (!stopped) setImmediate(tick);
    };
    setImmediate(tick);
    // Twenty slices of work, each followed by a statement: one turn after each, or about.
    for (let i = 0; i < 20; i += 1) {
      work(TURN_SLICE_MS);
      await sql`select ${i} as n`.execute(handle.db);
    }
    stopped = true;
    expect(turns).toBeGreaterThanOrEqual(15);
  });

  it("keeps a transaction's statements together while other callers wait", async () => {
    const seen: number[] = [];
    const writer = handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i += 1) {
        work(TURN_SLICE_MS);
        await sql`insert into numbers (n) values (${i})`.execute(trx);
      }
    });
    // Readers started while the transaction runs, each at a later turn of the loop.
    const readers = Array.from({ length: 5 }, async (_, i) => {
      for (let turn = 0; turn <= i; turn += 1) await new Promise((ok) => setImmediate(ok));
      const { rows } = await sql<{ count: number }>`select count(*) as count from numbers`.execute(
        handle.db,
      );
      seen.push(Number(rows[0]?.count));
    });
    await Promise.all([writer, ...readers]);
    // Each reader saw the table before the transaction or after it, never part of it.
    expect(seen).toHaveLength(5);
    for (const count of seen) expect([0, 5]).toContain(count);
  });
});

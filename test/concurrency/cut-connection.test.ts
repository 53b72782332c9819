/**
 * A connection the server ends while a transaction holds it (checked out of the pool, between
 * statements) must fail that transaction, not crash the process with an unhandled 'error'
 * event; the pool then serves the next statement on a new connection. Found by
 * bench/two-instances.ts, whose instance died when its connections were cut under load.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, withDefaultUser } from '../../src/db/connection.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { freshDatabase, serverUrl } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();

describe.skipIf(!url)('a connection cut while a transaction holds it', () => {
  let database: ServerDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    database = await freshDatabase(url ?? '', { migrate: false });
    handle = await openDatabase(database.url);
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('fails the transaction, keeps the process up, and serves the next query', async () => {
    const outcome = handle.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      const admin = new pg.Client({ connectionString: withDefaultUser(database.url) });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await admin.end();
      // The server's goodbye arrives while no statement runs on the client.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`SELECT 1`.execute(trx);
    });
    await expect(outcome).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});

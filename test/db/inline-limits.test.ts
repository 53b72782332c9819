/**
 * SQLite re-plans a statement on every run when its LIMIT or OFFSET is a bound parameter, so
 * on SQLite integer limits and offsets are written into the SQL text (src/db/inline-limits.ts);
 * the rows a page returns are unchanged, and on PostgreSQL they stay parameters.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connection.js';

describe('integer limits and offsets', () => {
  it('are part of the SQL text, and the rows are those of the bound query', async () => {
    const handle = await openDatabase('sqlite::memory:');
    try {
      const { db } = handle;
      const numbers = (limit: number, offset: number) =>
        db
          .selectFrom(
            sql<{
              n: number;
            }>`(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 30) SELECT n FROM c)`.as(
              'c',
            ),
          )
          .select('c.n')
          .where('c.n', '>', 3)
          .orderBy('c.n')
          .limit(limit)
          .offset(offset);
      const compiled = numbers(5, 10).compile();
      expect(compiled.sql).toMatch(/ limit 5 offset 10$/);
      expect(compiled.parameters).toEqual([3]);
      expect((await numbers(5, 10).execute()).map((r) => r.n)).toEqual([14, 15, 16, 17, 18]);
      // Each page is its own statement text, and each gets its own rows.
      expect((await numbers(4, 0).execute()).map((r) => r.n)).toEqual([4, 5, 6, 7]);
      expect((await numbers(4, 25).execute()).map((r) => r.n)).toEqual([29, 30]);
    } finally {
      await handle.close();
    }
  });

  it('stay parameters on PostgreSQL', async () => {
    const handle = await openDatabase('pglite:');
    try {
      const compiled = handle.db.selectFrom('posts').select('id').limit(5).offset(10).compile();
      expect(compiled.sql).toMatch(/ limit \$1 offset \$2$/);
      expect(compiled.parameters).toEqual([5, 10]);
    } finally {
      await handle.close();
    }
  });

  it('leaves anything but a safe integer as a parameter', async () => {
    const handle = await openDatabase('sqlite::memory:');
    try {
      const query = handle.db
        .selectFrom('posts')
        .select('id')
        .limit('5; drop table users' as never)
        .offset(2 ** 60);
      const compiled = query.compile();
      expect(compiled.sql).toMatch(/ limit \? offset \?$/);
      expect(compiled.parameters).toEqual(['5; drop table users', 2 ** 60]);
    } finally {
      await handle.close();
    }
  });
});

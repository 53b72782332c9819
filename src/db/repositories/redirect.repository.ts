/**
 * Permanent redirects (migration 0029): one primary-key read per lookup, upserts in batches.
 * Keys and targets go through the domain's rules here, since an import writes them directly.
 */
import type { Kysely } from 'kysely';
import { ValidationError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import { redirectKey, redirectTarget } from '../../domain/redirect-key.js';
import type { RedirectRepository, RedirectRow } from '../../services/ports/redirect.repository.js';
import type { Database } from '../schema.js';

/** Rows per INSERT: 4 parameters each, well under SQLite's and PostgreSQL's limits. */
const BATCH = 500;

export class KyselyRedirectRepository implements RedirectRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(key: string): Promise<RedirectRow | null> {
    const row = await this.db
      .selectFrom('redirects')
      .selectAll()
      .where('path', '=', key)
      .executeTakeFirst();
    return row
      ? { path: row.path, target: row.target, source: row.source, createdAt: row.created_at }
      : null;
  }

  async put(rows: readonly RedirectRow[]): Promise<void> {
    const problems: FieldProblem[] = [];
    // By key, the last row winning (PostgreSQL refuses one INSERT touching a row twice).
    const byKey = new Map<
      string,
      { path: string; target: string; source: string; created_at: string }
    >();
    rows.forEach((row, i) => {
      const path = redirectKey(row.path);
      const target = redirectTarget(row.target);
      if (path === null) problems.push({ field: `rows[${i}].path`, message: 'not an address' });
      if (target === null)
        problems.push({ field: `rows[${i}].target`, message: 'not a path on this site' });
      if (row.source === '') problems.push({ field: `rows[${i}].source`, message: 'empty' });
      if (path === null || target === null) return;
      byKey.delete(path);
      byKey.set(path, { path, target, source: row.source, created_at: row.createdAt });
    });
    if (problems.length > 0) throw new ValidationError(problems);
    const values = [...byKey.values()];
    for (let start = 0; start < values.length; start += BATCH) {
      await this.db
        .insertInto('redirects')
        .values(values.slice(start, start + BATCH))
        .onConflict((oc) =>
          oc.column('path').doUpdateSet((eb) => ({
            target: eb.ref('excluded.target'),
            source: eb.ref('excluded.source'),
          })),
        )
        .execute();
    }
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('redirects')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

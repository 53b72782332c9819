/**
 * A canonical dump of a whole database: every table's rows (as the backup reads them, one
 * consistent snapshot) sorted, so two databases that hold the same data compare equal whatever
 * order their rows were written in.
 */
import type { Kysely } from 'kysely';
import { withSnapshot } from '../../src/db/backup/snapshot.js';
import type { Database } from '../../src/db/schema.js';

export async function canonicalDump(
  db: Kysely<Database>,
  options: { skipTables?: readonly string[] } = {},
): Promise<Record<string, string[]>> {
  return withSnapshot(db, async (reader) => {
    const dump: Record<string, string[]> = {};
    for (const table of reader.tables) {
      if (options.skipTables?.includes(table.name)) continue;
      const rows: string[] = [];
      for await (const page of reader.rows(table))
        for (const row of page) rows.push(JSON.stringify(row));
      dump[table.name] = rows.sort();
    }
    return dump;
  });
}

/**
 * Runs the migration stream (one stream for both engines) to the latest version.
 * Migrations are listed here rather than read from disk so they work the same under tsx,
 * in tests and in a bundle.
 */
import type { Migration, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_search.js';
import * as m0003 from './migrations/0003_translations.js';
import * as m0004 from './migrations/0004_candidates.js';
import * as m0005 from './migrations/0005_accounts.js';
import * as m0006 from './migrations/0006_integrity.js';
import type { DatabaseHandle } from './connection.js';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_search': m0002,
  '0003_translations': m0003,
  '0004_candidates': m0004,
  '0005_accounts': m0005,
  '0006_integrity': m0006,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Applies pending migrations; throws the first migration error with its name. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

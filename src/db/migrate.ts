/**
 * Runs the migration stream (one stream for both engines) to the latest version, then
 * re-derives what a frozen migration cannot compute (the search index's words and stems).
 * Migrations are listed here rather than read from disk so they work the same under tsx,
 * in tests and in a bundle.
 */
import type { Kysely, Migration, MigrationProvider, MigrationResultSet } from 'kysely';
import { Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_search.js';
import * as m0003 from './migrations/0003_translations.js';
import * as m0004 from './migrations/0004_candidates.js';
import * as m0005 from './migrations/0005_accounts.js';
import * as m0006 from './migrations/0006_integrity.js';
import * as m0007 from './migrations/0007_jobs.js';
import * as m0009 from './migrations/0009_glossary.js';
import * as m0010 from './migrations/0010_machine_translation.js';
import * as m0011 from './migrations/0011_findings.js';
import * as m0012 from './migrations/0012_origins.js';
import * as m0013 from './migrations/0013_translation_memory.js';
import * as m0014 from './migrations/0014_search_stems.js';
import * as m0015 from './migrations/0015_memory_scoped_grams.js';
import * as m0016 from './migrations/0016_audit_log.js';
import * as m0017 from './migrations/0017_site_settings.js';
import * as m0018 from './migrations/0018_people_admin.js';
import * as m0019 from './migrations/0019_interface_messages.js';
import * as m0020 from './migrations/0020_posts_slug_index.js';
import * as m0021 from './migrations/0021_organization_roles.js';
import * as m0022 from './migrations/0022_content_translations.js';
import * as m0023 from './migrations/0023_sign_in_providers.js';
import * as m0024 from './migrations/0024_notifications.js';
import * as m0025 from './migrations/0025_comments.js';
import * as m0026 from './migrations/0026_statistics.js';
import * as m0027 from './migrations/0027_subscriptions.js';
import * as m0028 from './migrations/0028_api_tokens.js';
import * as m0029 from './migrations/0029_redirects.js';
import * as m0030 from './migrations/0030_translation_references.js';
import * as m0031 from './migrations/0031_sticky_posts.js';
import * as m0032 from './migrations/0032_term_parents.js';
import * as m0033 from './migrations/0033_import_runs.js';
import * as m0034 from './migrations/0034_post_kind.js';
import * as m0035 from './migrations/0035_listing_indexes.js';
import * as m0036 from './migrations/0036_read_path_indexes.js';
import { lockedTransaction } from './connection.js';
import type { DatabaseHandle } from './connection.js';
import { KyselySearchRepository } from './repositories/search.repository.js';
import type { Database } from './schema.js';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_search': m0002,
  '0003_translations': m0003,
  '0004_candidates': m0004,
  '0005_accounts': m0005,
  '0006_integrity': m0006,
  '0007_jobs': m0007,
  '0009_glossary': m0009,
  '0010_machine_translation': m0010,
  '0011_findings': m0011,
  '0012_origins': m0012,
  '0013_translation_memory': m0013,
  '0014_search_stems': m0014,
  '0015_memory_scoped_grams': m0015,
  '0016_audit_log': m0016,
  '0017_site_settings': m0017,
  '0018_people_admin': m0018,
  '0019_interface_messages': m0019,
  '0020_posts_slug_index': m0020,
  '0021_organization_roles': m0021,
  '0022_content_translations': m0022,
  '0023_sign_in_providers': m0023,
  '0024_notifications': m0024,
  '0025_comments': m0025,
  '0026_statistics': m0026,
  '0027_subscriptions': m0027,
  '0028_api_tokens': m0028,
  '0029_redirects': m0029,
  '0030_translation_references': m0030,
  '0031_sticky_posts': m0031,
  '0032_term_parents': m0032,
  '0033_import_runs': m0033,
  '0034_post_kind': m0034,
  '0035_listing_indexes': m0035,
  '0036_read_path_indexes': m0036,
};

/** Every migration, for tests that stop at an older version (`Migrator.migrateTo`). */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** The lock two instances migrating one SQLite file at once take in turn. */
const SQLITE_MIGRATION_LOCK = 'polyphony:migrate';
/** The lock instances re-indexing stale search rows take in turn (the next finds none). */
const SEARCH_REFRESH_LOCK = 'polyphony:search-refresh';

/**
 * Applies pending migrations; throws the first migration error with its name.
 *
 * Several instances may start at once. On PostgreSQL Kysely's Migrator holds an advisory lock
 * while it reads which migrations ran and applies the rest, each run in a transaction. On
 * SQLite its lock is a no-op (it assumes one connection), so two processes on one file would
 * both apply 0001 ("table users already exists"): there the whole run happens inside one
 * BEGIN IMMEDIATE transaction (the file's write lock, waited for), so the second instance
 * finds everything applied, and a failing migration rolls the run back whole.
 *
 * Then the search rows analysed by an older SEARCH_TEXT_VERSION (all of them after migration
 * 0014; none on most starts) are re-indexed from their stored text, in one locked
 * transaction: an upgraded site searches by the current rules with no manual step.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrate = async (db: Kysely<Database>): Promise<MigrationResultSet> => {
    const outcome = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (outcome.error) throw new MigrationRunError(outcome);
    return outcome;
  };
  try {
    const { results } =
      handle.engine === 'sqlite'
        ? await lockedTransaction(handle.db, SQLITE_MIGRATION_LOCK, migrate)
        : await migrate(handle.db);
    await lockedTransaction(handle.db, SEARCH_REFRESH_LOCK, (trx) =>
      new KyselySearchRepository(trx).refreshStale(),
    );
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } catch (error) {
    if (!(error instanceof MigrationRunError)) throw error;
    const failed = error.outcome.results?.find((r) => r.status === 'Error');
    const cause = error.outcome.error;
    const reason = cause instanceof Error ? cause.message : JSON.stringify(cause);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, {
      cause,
    });
  }
}

/** Carries a failed run out of the locked transaction (so it rolls back). */
class MigrationRunError extends Error {
  constructor(readonly outcome: MigrationResultSet) {
    super('migration failed');
  }
}

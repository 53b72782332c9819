/**
 * Readiness queries: a trivial `select 1`, and the code's migration list (migrate.ts, the same
 * provider `migrateToLatest` runs) against Kysely's `kysely_migration` table.
 */
import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { HealthRepository, MigrationState } from '../../services/repositories.js';
import { migrationProvider } from '../migrate.js';
import type { Database } from '../schema.js';

export class KyselyHealthRepository implements HealthRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async migrationState(): Promise<MigrationState> {
    // The migrator's own view of the code's list: each known migration with when it ran.
    const known = await new Migrator({ db: this.db, provider: migrationProvider }).getMigrations();
    const pending = known.filter((m) => m.executedAt === undefined).map((m) => m.name);
    // Nothing applied may also mean no migration table yet: then there is nothing unknown.
    if (pending.length === known.length) return { pending, unknown: [] };
    const names = new Set(known.map((m) => m.name));
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(this.db);
    const unknown = applied.rows.map((r) => r.name).filter((name) => !names.has(name));
    return { pending, unknown: unknown.sort() };
  }
}

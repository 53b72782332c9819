/**
 * What a readiness probe asks of the database itself (the job tables answer through
 * JobRepository): whether it answers at all, and whether its schema is the one this code
 * was written for.
 */

/** The code's migration list compared with the migrations the database records as applied. */
export interface MigrationState {
  /** In the code, not applied here: this database is behind the code (migrate first). */
  pending: string[];
  /** Applied here, unknown to the code: the database was migrated by a newer release. */
  unknown: string[];
}

export interface HealthRepository {
  /** Runs a trivial query; throws whatever the driver throws when the database does not answer. */
  ping(): Promise<void>;
  /** Compares the migrator's applied list with the code's; throws when the database fails. */
  migrationState(): Promise<MigrationState>;
}

/**
 * The JobQueue port: what runs the jobs the services write to the `jobs` table (their outbox,
 * written in the transaction of the change that needs them). Two adapters:
 *  - the table-backed runner (src/jobs/runner.ts), on every engine: claims and runs the rows
 *    itself; the one queue on SQLite and PGlite;
 *  - pg-boss (src/jobs/pg-boss-queue.ts), on a PostgreSQL server: rows are handed to pg-boss,
 *    which claims, retries and expires attempts across instances.
 * Both give the same guarantees: a job runs once however many instances run, failures are
 * retried with backoff up to the attempt cap and then parked for admins, and jobs of one
 * ordering key run in sequence order.
 */
import type { ServiceDeps } from '../services/deps.js';
import { startPgBossQueue } from './pg-boss-queue.js';
import { startJobRunner } from './runner.js';

export interface JobQueue {
  /** Takes no new job; resolves once the running ones have finished. */
  stop(): Promise<void>;
}

/** Which adapter runs the jobs (JOB_QUEUE, resolved against the database). */
export type JobQueueKind = 'table' | 'pg-boss';

/** Starts the chosen adapter; pg-boss needs the PostgreSQL server's URL. */
export async function startJobQueue(
  deps: ServiceDeps,
  kind: JobQueueKind,
  options: { databaseUrl: string; onError: (error: unknown) => void },
): Promise<JobQueue> {
  if (kind === 'pg-boss')
    return startPgBossQueue(deps, {
      connectionString: options.databaseUrl,
      onError: options.onError,
    });
  return startJobRunner(deps, options.onError);
}

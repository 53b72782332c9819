/**
 * The job queue on a PostgreSQL server: pg-boss runs the jobs. The `jobs` table stays the
 * outbox — a service writes its job row in the same transaction as the change that needs it,
 * with its dedupe key and ordering key — and a relay hands each due row to pg-boss:
 *
 *  - the relay claims the row for `pg-boss` (the conditional update of the table runner, so of
 *    several instances one hands it on) and sends it under the row's id, so a second send of
 *    the same row (a relay that died after sending, a lease that ran out) adds nothing;
 *  - pg-boss gives it to one worker of one instance, retries a failed attempt with
 *    exponential backoff up to the attempt cap, and fails (then retries) an attempt that
 *    outlives its expiry (a worker killed mid-job);
 *  - the worker runs the registry's handler and marks the row done, or counts the attempt on
 *    it; after the last attempt (or a permanent error) the row is parked as failed, where
 *    admins see it (`polyphony failed-jobs`, metrics) as with the table runner;
 *  - jobs of one ordering key are handed on one at a time in sequence order: a row is not
 *    claimable while an older row of its key is unfinished, so a post's outdated marking runs
 *    in revision order on every instance.
 */
import PgBoss from 'pg-boss';
import type { ServiceDeps } from '../services/deps.js';
import { HANDED_ON_LEASE_MS, HANDED_ON_RUNNER } from '../services/repositories.js';
import { repeatEvery } from './repeat.js';
import { jobRegistry, PermanentJobError } from './registry.js';
import type { JobHandler, JobRegistry } from './registry.js';
import { JobAttemptError, MAX_ATTEMPTS, parsePayload } from './runner.js';

// A row handed to pg-boss is held by HANDED_ON_RUNNER (any instance's worker may finish it),
// its lease running HANDED_ON_LEASE_MS from its last touch: the hand-on, a failed attempt, and
// an attempt's start, which adds the attempt's time limit. /readyz counts a row untouched for
// five minutes as stalled (pg-boss's workers are gone), which this arithmetic lets it see.

/** How long one attempt may run before pg-boss fails it (and retries). */
const EXPIRE_SECONDS = 15 * 60;
const BATCH = 50;

export interface PgBossQueueOptions {
  /** The PostgreSQL server (DATABASE_URL). */
  connectionString: string;
  onError: (error: unknown) => void;
  registry?: JobRegistry;
  maxAttempts?: number;
  /** The first retry's delay; each next one doubles (with jitter). */
  retryDelaySeconds?: number;
  /** How often the relay looks for due rows. */
  relayIntervalMs?: number;
  /** How often pg-boss workers poll (at least 0.5). */
  pollingIntervalSeconds?: number;
}

/** What a pg-boss job carries: only the outbox row's id (the row holds the payload). */
interface Handle {
  outboxId: string;
}

/**
 * Starts pg-boss (installing or migrating its schema `pgboss`, under its own advisory lock),
 * one queue and worker per job name, and the relay. `stop()` hands on nothing more, lets the
 * running jobs finish (30 s at most) and closes pg-boss's pool.
 */
export async function startPgBossQueue(
  deps: ServiceDeps,
  options: PgBossQueueOptions,
): Promise<{ stop(): Promise<void> }> {
  const registry = options.registry ?? jobRegistry();
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const boss = await startBoss(() => {
    const made = new PgBoss({
      connectionString: options.connectionString,
      schema: 'pgboss',
      application_name: 'polyphony-jobs',
      max: 4,
      // Cron schedules are not used: the scheduler and the digest scheduler enqueue their own.
      schedule: false,
    });
    made.on('error', options.onError);
    return made;
  });
  const workers: string[] = [];
  try {
    for (const [name, handler] of registry) {
      const queue: PgBoss.Queue = {
        name,
        retryLimit: maxAttempts - 1,
        retryDelay: options.retryDelaySeconds ?? 5,
        retryBackoff: true,
        expireInSeconds: EXPIRE_SECONDS,
      };
      await retryingLostRace(() => boss.createQueue(name, queue));
      // A worker waits its polling interval between fetches unless notified: after a job,
      // it is (there may be more), and so is every local worker once the relay hands on.
      const worker = { id: '' };
      worker.id = await boss.work<Handle>(
        name,
        {
          batchSize: 1,
          includeMetadata: true,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
        },
        async ([job]) => {
          if (!job) return;
          try {
            await runHandedOn(deps, handler, job, options.onError);
          } finally {
            if (worker.id) boss.notifyWorker(worker.id);
          }
        },
      );
      workers.push(worker.id);
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  const relay = repeatEvery(
    options.relayIntervalMs ?? 1_000,
    async () => {
      if ((await handOnDue(deps, boss, registry)) > 0)
        for (const id of workers) boss.notifyWorker(id);
    },
    options.onError,
  );
  return {
    stop: async () => {
      await relay.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

/**
 * Whether `error` is PostgreSQL refusing to create what another instance created meanwhile:
 * 42P06/42P07/42710 (schema, table, type exists), 23505 (its row committed first), 40P01
 * (the two creations deadlocked and this one was aborted).
 */
function lostCreationRace(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return ['42P06', '42P07', '42710', '23505', '40P01'].includes(String(code));
}

/**
 * Runs `work` again (up to five times, after a short random pause) while it fails by losing a
 * creation race: pg-boss checks for its schema before taking its lock, and creating a queue
 * (a row and a partition table) can deadlock, so instances starting together on an empty
 * database may each try to create the same thing; the loser's next try finds it made.
 */
async function retryingLostRace<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 5 || !lostCreationRace(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}

/** Starts a fresh PgBoss from `make` (a failed one cannot start again), installing its schema. */
function startBoss(make: () => PgBoss): Promise<PgBoss> {
  return retryingLostRace(async () => {
    const boss = make();
    try {
      return await boss.start();
    } catch (error) {
      // A start that failed leaves its pool open, and stop() would not close it.
      await (boss.getDb() as PgBoss.Db & { close?(): Promise<void> }).close?.();
      throw error;
    }
  });
}

/** What the relay needs of pg-boss: sending a job under a given id (null: it exists). */
export interface Sender {
  send: (name: string, data: object, options: { id: string }) => Promise<string | null>;
}

/** Claims the due rows for pg-boss and sends them; how many were handed on. */
export async function handOnDue(
  deps: ServiceDeps,
  boss: Sender,
  registry: JobRegistry,
): Promise<number> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + HANDED_ON_LEASE_MS).toISOString();
  const rows = await deps.store.jobs.claimable(now.toISOString(), BATCH);
  let handed = 0;
  for (const row of rows) {
    if (!(await deps.store.jobs.claim(row.id, HANDED_ON_RUNNER, now.toISOString(), until)))
      continue;
    if (!registry.has(row.kind)) {
      // A row older than the code (its job name is gone): no queue would ever run it.
      await deps.store.jobs.fail(
        row.id,
        HANDED_ON_RUNNER,
        `no handler for job kind "${row.kind}"`,
        null,
        now.toISOString(),
      );
      continue;
    }
    const handle: Handle = { outboxId: row.id };
    try {
      await boss.send(row.kind, handle, { id: row.id });
    } catch (error) {
      // Not handed on (the database went away mid-pass): the lease ends now, so the next pass
      // takes the row again instead of an hour later.
      await deps.store.jobs
        .extendClaim(row.id, HANDED_ON_RUNNER, now.toISOString())
        .catch(() => undefined);
      throw error;
    }
    handed++;
  }
  return handed;
}

/**
 * One pg-boss attempt at an outbox row, with the handler of its queue. Throws (so pg-boss
 * retries) on a retryable failure.
 */
async function runHandedOn(
  deps: ServiceDeps,
  handler: JobHandler,
  job: PgBoss.JobWithMetadata<Handle>,
  onError: (error: unknown) => void,
): Promise<void> {
  const id = job.data.outboxId;
  const row = await deps.store.jobs.find(id);
  const lease = (extraMs = 0) =>
    new Date(deps.clock.now().getTime() + HANDED_ON_LEASE_MS + extraMs).toISOString();
  // Gone, finished already (an attempt that ran out its expiry after marking the row done)
  // or no longer pg-boss's: nothing to run.
  const running = lease(EXPIRE_SECONDS * 1000);
  if (!row || !(await deps.store.jobs.extendClaim(id, HANDED_ON_RUNNER, running))) return;
  try {
    await handler.run(deps, parsePayload(row.payload));
    await deps.store.jobs.complete(id, HANDED_ON_RUNNER, deps.clock.now().toISOString());
  } catch (error) {
    const attempt = job.retryCount + 1;
    const last = error instanceof PermanentJobError || job.retryCount >= job.retryLimit;
    const message = error instanceof Error ? error.message : String(error);
    onError(new JobAttemptError(row, attempt, last, error));
    if (last) {
      await deps.store.jobs.fail(
        id,
        HANDED_ON_RUNNER,
        message,
        null,
        deps.clock.now().toISOString(),
      );
      // pg-boss records its last attempt as failed too; a permanent error ends it at once.
      if (error instanceof PermanentJobError) return;
      throw error;
    }
    await deps.store.jobs.recordAttempt(id, HANDED_ON_RUNNER, message, lease());
    throw error;
  }
}

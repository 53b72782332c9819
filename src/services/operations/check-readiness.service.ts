/**
 * Whether this instance should be sent traffic (`GET /readyz`): the database answers a trivial
 * query, its migrations are exactly the code's, and the job queue is being worked. Each check
 * runs on its own, bounded in time, so a dead database names every check it breaks and a
 * probe never hangs on a connection that is not coming.
 */
import type { ServiceDeps } from '../deps.js';
import { HANDED_ON_LEASE_MS, HANDED_ON_RUNNER } from '../repositories.js';

/**
 * A due job waiting this long for a runner means no runner is working the queue; so does a job
 * handed on to pg-boss that nothing has touched for as long (its workers are gone, though the
 * row's lease still runs).
 */
export const STALLED_JOB_MS = 5 * 60_000;
/** Longest a check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000;

export const CHECK_NAMES = ['database', 'migrations', 'jobs'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** One check's outcome; `reason` says why a failed check failed (never a driver's message). */
export type CheckResult =
  | { ok: true }
  | { ok: false; reason: string; pending?: string[]; unknown?: string[]; stalled?: number };

export interface Readiness {
  ready: boolean;
  /** The checks that failed, in check order (empty when ready). */
  failed: CheckName[];
  checks: Record<CheckName, CheckResult>;
}

export interface ReadinessOptions {
  stalledJobMs?: number;
  timeoutMs?: number;
  /** Receives the error behind a check that threw (the answer only says it failed). */
  onError?: (check: CheckName, error: unknown) => void;
}

/** Runs every check; never throws (a check that throws or takes too long has failed). */
export async function checkReadiness(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  options: ReadinessOptions = {},
): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const stalledJobMs = options.stalledJobMs ?? STALLED_JOB_MS;
  const run = async (name: CheckName, check: () => Promise<CheckResult>): Promise<CheckResult> => {
    try {
      return await withTimeout(check(), timeoutMs);
    } catch (error) {
      options.onError?.(name, error);
      const reason =
        error instanceof CheckTimeout ? error.message : 'the database did not answer the check';
      return { ok: false, reason };
    }
  };
  const [database, migrations, jobs] = await Promise.all([
    run('database', async () => {
      await deps.store.health.ping();
      return { ok: true };
    }),
    run('migrations', async () => {
      const { pending, unknown } = await deps.store.health.migrationState();
      if (pending.length === 0 && unknown.length === 0) return { ok: true };
      return {
        ok: false,
        reason:
          pending.length > 0
            ? 'migrations in the code are not applied to the database'
            : 'the database has migrations this code does not know',
        pending,
        unknown,
      };
    }),
    run('jobs', async () => {
      const now = deps.clock.now();
      const since = new Date(now.getTime() - stalledJobMs);
      const leaseEndsBy = new Date(since.getTime() + HANDED_ON_LEASE_MS).toISOString();
      const [waiting, idle] = await Promise.all([
        deps.store.jobs.stalled(now.toISOString(), since.toISOString()),
        deps.store.jobs.heldIdle(HANDED_ON_RUNNER, now.toISOString(), leaseEndsBy),
      ]);
      const stalled = waiting + idle;
      if (stalled === 0) return { ok: true };
      return {
        ok: false,
        reason: `due jobs have waited over ${Math.round(stalledJobMs / 60_000)} minutes for a runner`,
        stalled,
      };
    }),
  ]);
  const checks: Record<CheckName, CheckResult> = { database, migrations, jobs };
  const failed = CHECK_NAMES.filter((name) => !checks[name].ok);
  return { ready: failed.length === 0, failed, checks };
}

class CheckTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'CheckTimeout';
  }
}

/** `work`, or a CheckTimeout once `ms` have passed (the work itself is left to finish). */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

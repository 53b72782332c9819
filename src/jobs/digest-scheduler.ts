/**
 * Enqueues the `send-digests` job once per hour (checked every 5 minutes and at start). The
 * dedupe key names the UTC hour, so any number of instances enqueue one job per hour; the job
 * itself claims each subscriber once, so a late or repeated run never sends twice.
 */
import type { ServiceDeps } from '../services/deps.js';
import { enqueueJob, SEND_DIGESTS_JOB } from '../services/jobs.js';
import { repeatEvery } from './repeat.js';

/** The UTC hour of `at`, e.g. `2026-12-02T10`. */
export function digestHour(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** Enqueues this hour's digest run unless it is already enqueued; true when it was added. */
export function enqueueDigestRun(deps: ServiceDeps): Promise<boolean> {
  const hour = digestHour(deps.clock.now());
  return enqueueJob(
    deps,
    deps.store,
    SEND_DIGESTS_JOB,
    { hour },
    {
      dedupeKey: `${SEND_DIGESTS_JOB}:${hour}`,
    },
  );
}

export function startDigestScheduler(
  deps: ServiceDeps,
  onError: (error: unknown) => void,
  intervalMs = 5 * 60_000,
): { stop(): Promise<void> } {
  return repeatEvery(intervalMs, () => enqueueDigestRun(deps), onError);
}

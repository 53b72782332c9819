/**
 * The table-backed job runner: jobs are rows written in the same transaction as the change
 * that needs them, so a crash between commit and processing loses nothing; this loop picks up
 * due jobs, runs their handler and retries failures with backoff.
 */
import type { ServiceDeps } from '../services/deps.js';
import { repeatEvery } from './repeat.js';
import { markOutdated } from '../services/translation/mark-outdated.service.js';
import { MARK_OUTDATED_JOB } from '../services/translation/units.service.js';
import type { MarkOutdatedPayload } from '../services/translation/units.service.js';

type Handler = (deps: ServiceDeps, payload: unknown) => Promise<unknown>;

const handlers: Record<string, Handler> = {
  [MARK_OUTDATED_JOB]: (deps, payload) => markOutdated(deps, payload as MarkOutdatedPayload),
};

/** Runs every due job once; returns how many succeeded. Tests call this directly. */
export async function runDueJobs(
  deps: ServiceDeps,
  onError: (error: unknown) => void = () => undefined,
): Promise<number> {
  const now = deps.clock.now();
  const jobs = await deps.store.jobs.due(now.toISOString(), 50);
  let done = 0;
  for (const job of jobs) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(deps, JSON.parse(job.payload));
      await deps.store.jobs.complete(job.id, deps.clock.now().toISOString());
      done++;
    } catch (error) {
      onError(error);
      const delay = Math.min(3_600_000, 5_000 * 2 ** job.attempts);
      await deps.store.jobs.fail(
        job.id,
        error instanceof Error ? error.message : String(error),
        new Date(now.getTime() + delay).toISOString(),
      );
    }
  }
  return done;
}

/** Polls for due jobs every `intervalMs` until stopped. */
export function startJobRunner(
  deps: ServiceDeps,
  onError: (error: unknown) => void,
  intervalMs = 1_000,
): { stop(): void } {
  return repeatEvery(intervalMs, () => runDueJobs(deps, onError), onError);
}

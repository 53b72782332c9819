/**
 * The table-backed job runner (one adapter of the JobQueue port, src/jobs/queue.ts; the one on
 * SQLite and PGlite): jobs are rows written in the same transaction as the change
 * that needs them, so a crash between commit and processing loses nothing. This loop claims
 * due jobs (one conditional update each, so of several runners and instances exactly one
 * runs a job; a runner that dies lets its lease run out), runs their handler with the
 * validated payload, retries failures with backoff and parks a job as failed, with its last
 * error, once its attempts are used up. Jobs of one ordering key (a post's outdated marking)
 * run in sequence order: a job is not claimed while an older one of its key is unfinished.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ServiceDeps } from '../services/deps.js';
import type { JobRecord } from '../services/repositories.js';
import { repeatEvery } from './repeat.js';
import { jobRegistry, PermanentJobError } from './registry.js';
import type { JobRegistry } from './registry.js';

/** Attempts before a job is parked as failed. */
export const MAX_ATTEMPTS = 5;
/** How long a claim holds; a job still running after it may be claimed by another runner. */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;
/** Passes of one runDueJobs call (each pass may make the next job of an ordering key due). */
const MAX_PASSES = 20;

/** Raised (to onError) when a job attempt fails; says whether it will be retried or is parked. */
export class JobAttemptError extends Error {
  constructor(
    readonly job: Pick<JobRecord, 'id' | 'kind'>,
    readonly attempt: number,
    readonly parked: boolean,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      parked
        ? `job ${job.kind} ${job.id} failed (attempt ${attempt}) and is parked as failed: ${reason}`
        : `job ${job.kind} ${job.id} failed (attempt ${attempt} of ${MAX_ATTEMPTS}); it will be retried: ${reason}`,
      { cause },
    );
    this.name = 'JobAttemptError';
  }
}

export interface RunnerOptions {
  /** Who claims (in `jobs.claimed_by`); one per runner. */
  runnerId?: string;
  registry?: JobRegistry;
  leaseMs?: number;
  maxAttempts?: number;
  /** Once aborted, no further job is claimed (the one running finishes). */
  signal?: AbortSignal;
}

/** A name for one runner: host, process and a random part. */
export function newRunnerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Claims and runs every job due now (passes until none is left to claim); returns how many
 * succeeded. Failures go to `onError` as JobAttemptError. Tests call this directly.
 */
export async function runDueJobs(
  deps: ServiceDeps,
  onError: (error: unknown) => void = () => undefined,
  options: RunnerOptions = {},
): Promise<number> {
  const registry = options.registry ?? jobRegistry();
  const runner = options.runnerId ?? newRunnerId();
  let done = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const now = deps.clock.now();
    const jobs = await deps.store.jobs.claimable(now.toISOString(), BATCH);
    let claimed = 0;
    for (const job of jobs) {
      if (options.signal?.aborted) return done;
      const at = deps.clock.now();
      const until = new Date(at.getTime() + (options.leaseMs ?? LEASE_MS)).toISOString();
      if (!(await deps.store.jobs.claim(job.id, runner, at.toISOString(), until))) continue;
      claimed++;
      if (await runClaimed(deps, registry, runner, job, onError, options.maxAttempts)) done++;
    }
    if (claimed === 0) break;
  }
  return done;
}

async function runClaimed(
  deps: ServiceDeps,
  registry: JobRegistry,
  runner: string,
  job: JobRecord,
  onError: (error: unknown) => void,
  maxAttempts = MAX_ATTEMPTS,
): Promise<boolean> {
  try {
    const handler = registry.get(job.kind);
    if (!handler) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
    await handler.run(deps, parsePayload(job.payload));
    await deps.store.jobs.complete(job.id, runner, deps.clock.now().toISOString());
    return true;
  } catch (error) {
    const attempt = job.attempts + 1;
    const parked = error instanceof PermanentJobError || attempt >= maxAttempts;
    const now = deps.clock.now();
    const retryAt = new Date(now.getTime() + Math.min(3_600_000, 5_000 * 2 ** job.attempts));
    await deps.store.jobs.fail(
      job.id,
      runner,
      error instanceof Error ? error.message : String(error),
      parked ? null : retryAt.toISOString(),
      now.toISOString(),
    );
    onError(new JobAttemptError(job, attempt, parked, error));
    return false;
  }
}

/** The stored payload as JSON; a row that is not JSON can never run. */
export function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PermanentJobError('the stored payload is not JSON');
  }
}

/**
 * Polls for due jobs every `intervalMs` until stopped. Checks the registry first, so a job
 * name without exactly one handler stops the start-up. `stop()` claims nothing more and
 * resolves once the job running (if any) has finished.
 */
export function startJobRunner(
  deps: ServiceDeps,
  onError: (error: unknown) => void,
  intervalMs = 1_000,
): { stop(): Promise<void> } {
  const registry = jobRegistry();
  const runnerId = newRunnerId();
  const stopping = new AbortController();
  const loop = repeatEvery(
    intervalMs,
    () => runDueJobs(deps, onError, { registry, runnerId, signal: stopping.signal }),
    onError,
  );
  return {
    stop: () => {
      stopping.abort();
      return loop.stop();
    },
  };
}

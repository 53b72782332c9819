/**
 * The `jobs` table: the outbox services write jobs to (in the transaction of their change),
 * and the state of each job whichever queue runs it (src/jobs/queue.ts). Safe with several
 * runners and instances: a job is claimed with one conditional update (a lease), jobs of one
 * ordering key run in sequence order, attempts are capped (then the job is parked as failed,
 * with its last error), and a per-key high-water mark lets the work itself refuse to run for
 * an older sequence than one done.
 */

export interface JobRecord {
  id: string;
  kind: string;
  payload: string;
  runAfter: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
  dedupeKey: string | null;
  orderingKey: string | null;
  sequence: number | null;
  claimedBy: string | null;
  claimedUntil: string | null;
  /** When the job was parked after its last allowed attempt failed. */
  failedAt: string | null;
}

/**
 * A queue that hands rows on to another system (pg-boss, src/jobs/pg-boss-queue.ts) holds each
 * under this runner name, leased for HANDED_ON_LEASE_MS from its last touch: the hand-on, a
 * failed attempt, and each attempt's start (plus the attempt's time limit). A row whose lease
 * has not been renewed for a while is one nobody is working on, though its lease still runs.
 */
export const HANDED_ON_RUNNER = 'pg-boss';
export const HANDED_ON_LEASE_MS = 60 * 60_000;

/** A job to add. */
export interface NewJob {
  id: string;
  kind: string;
  payload: string;
  runAfter: string;
  createdAt: string;
  /** Unique: a second job with the same key is not added. */
  dedupeKey: string | null;
  orderingKey: string | null;
  sequence: number | null;
}

/** The queue at a glance, for metrics. */
export interface JobCounts {
  /** Not done and not parked: due now, scheduled for later, or running. */
  waiting: number;
  /** Parked after their last allowed attempt failed (`polyphony failed-jobs` lists them). */
  failed: number;
}

export interface JobRepository {
  /**
   * Deletes the jobs done before `before` (never a parked or unfinished one: the dead letters
   * stay for admins, and per-key ordering lives in job_sequences); how many.
   */
  pruneDone(before: string): Promise<number>;
  /** Adds the job; false (nothing added) when a job with its dedupe key exists. */
  enqueue(job: NewJob): Promise<boolean>;
  /**
   * Jobs a runner may claim at `now`, oldest first: not done, not parked, due, not leased to
   * a runner, and with no older unfinished (not done, not parked) job of their ordering key.
   */
  claimable(now: string, limit: number): Promise<JobRecord[]>;
  /**
   * Claims the job for `runner` until `until` with one conditional update, under the same
   * conditions as `claimable`; false when another runner got it first (or it is no longer
   * claimable). Of several runners, exactly one wins.
   */
  claim(id: string, runner: string, now: string, until: string): Promise<boolean>;
  /** Marks the job done, if `runner` still holds it; false when its lease went to another. */
  complete(id: string, runner: string, now: string): Promise<boolean>;
  /**
   * Counts a failed attempt by `runner` (if it still holds the job) and releases it: to be
   * retried at `retryAt`, or parked as failed at `now` when `retryAt` is null.
   */
  fail(
    id: string,
    runner: string,
    error: string,
    retryAt: string | null,
    now: string,
  ): Promise<void>;
  /**
   * Extends `runner`'s lease on the job to `until` (a queue that hands the job on, such as
   * pg-boss, holds it while its own attempts run); false when `runner` no longer holds it or
   * it is finished.
   */
  extendClaim(id: string, runner: string, until: string): Promise<boolean>;
  /**
   * Counts a failed attempt by `runner` (if it still holds the job) and keeps it leased until
   * `until`: for a queue that retries the job itself.
   */
  recordAttempt(id: string, runner: string, error: string, until: string): Promise<void>;
  /**
   * Puts a parked job back in the queue as a fresh job `newId` (due at `now`, no attempts, no
   * error; its kind, payload, dedupe and ordering keys kept); false when `id` is not parked.
   * A new id, so a queue that remembers ids (pg-boss) takes it as the new job it is.
   */
  requeueParked(id: string, newId: string, now: string): Promise<boolean>;
  /** Jobs not done and not parked (due or not, claimable or not), oldest first. */
  unfinished(limit: number): Promise<JobRecord[]>;
  /** One job by id, or null. */
  find(id: string): Promise<JobRecord | null>;
  /** Parked (failed) jobs, most recently parked first. */
  failed(limit: number): Promise<JobRecord[]>;
  /** How many jobs are waiting and how many are parked as failed. */
  counts(): Promise<JobCounts>;
  /**
   * Jobs claimable at `now` that have been waiting for a runner since `since` or longer: due
   * by then (`run_after <= since`) and not under a lease since then. Any means no runner is
   * working the queue (none started, or all stuck or dead).
   */
  stalled(now: string, since: string): Promise<number>;
  /**
   * Jobs `runner` holds under a lease still running at `now` but ending by `leaseEndsBy`: for a
   * queue whose leases run a fixed time from their last renewal, the jobs not touched since.
   */
  heldIdle(runner: string, now: string, leaseEndsBy: string): Promise<number>;
  /**
   * Raises the high-water mark of `key` to `sequence` if it is lower or unset; false when it
   * is already at or past `sequence` (the work for it, or for a later one, has run). Call it
   * first in the transaction doing the work, so the mark commits with the work and a second
   * runner of the same work waits for the first and then gets false.
   */
  advanceSequence(key: string, sequence: number, now: string): Promise<boolean>;
}

/**
 * Housekeeping: the rows that only pile up — sessions and password-reset tokens past their
 * expiry, sign-in states past theirs, translators' presence long after they left, and jobs done
 * a week ago — are deleted on a schedule (src/jobs/housekeeping.ts, with the other background
 * work). Kept: parked jobs (the dead letters admins see), unfinished jobs, and the per-key
 * sequences that order outdated marking. Each delete is one statement bounded by a time, so
 * instances running it at once on PostgreSQL only share the work.
 */
import type { ServiceDeps } from '../deps.js';

/** Done jobs are kept this long (what ran, for an admin looking back). */
export const DONE_JOBS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
/** Presence rows are kept this long (the editor shows who was here in the last minutes). */
export const PRESENCE_KEPT_MS = 24 * 60 * 60 * 1000;

export interface Pruned {
  sessions: number;
  passwordResets: number;
  signInStates: number;
  presence: number;
  jobs: number;
}

export async function pruneExpiredRows(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
): Promise<Pruned> {
  const now = deps.clock.now();
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const { sessions, passwordResets } = await deps.store.sessions.pruneExpired(now.toISOString());
  const signInStates = await deps.store.signIn.pruneStates(now.toISOString());
  const presence = await deps.store.translations.prunePresence(before(PRESENCE_KEPT_MS));
  const jobs = await deps.store.jobs.pruneDone(before(DONE_JOBS_KEPT_MS));
  return { sessions, passwordResets, signInStates, presence, jobs };
}

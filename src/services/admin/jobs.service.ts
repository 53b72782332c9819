/**
 * The background jobs for administrators: how many wait, and the parked ones (their attempts
 * used up, or a payload that can never run) with their last error; a parked job can be put
 * back in the queue once its cause is fixed (the mail server back, say). Retrying is audited
 * in the same transaction. A retried outdated marking for an older revision than one already
 * marked changes nothing (the per-post high-water mark), so a retry never undoes newer work.
 */
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { JobCounts, JobRecord } from '../repositories.js';
import { recordAudit } from './audit.service.js';

/** Parked jobs shown at most (newest first). */
export const PARKED_SHOWN = 100;

export interface JobQueueOverview {
  counts: JobCounts;
  parked: JobRecord[];
}

export async function jobQueueOverview(deps: ServiceDeps, actor: Actor): Promise<JobQueueOverview> {
  if (!can.manageUsers(actor))
    throw new ForbiddenError('Only administrators can see the background jobs');
  const [counts, parked] = await Promise.all([
    deps.store.jobs.counts(),
    deps.store.jobs.failed(PARKED_SHOWN),
  ]);
  return { counts, parked };
}

/** Puts parked job `id` back in the queue (as a new job); its new id. */
export async function retryParkedJob(deps: ServiceDeps, actor: Actor, id: string): Promise<string> {
  if (!can.manageUsers(actor)) throw new ForbiddenError('Only administrators can retry jobs');
  return deps.store.transaction(async (store) => {
    const job = await store.jobs.find(id);
    if (!job || job.failedAt === null) throw new NotFoundError('Parked job');
    const newId = deps.newId();
    if (!(await store.jobs.requeueParked(id, newId, deps.clock.now().toISOString())))
      throw new NotFoundError('Parked job');
    await recordAudit(deps, store, actor, {
      action: 'job.retry',
      subject: { kind: 'job', id: newId, label: job.kind },
      details: { parkedAs: id, attempts: job.attempts, lastError: job.lastError ?? '' },
    });
    return newId;
  });
}

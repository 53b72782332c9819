/** The job queue's size for metrics (read at scrape time): jobs waiting and jobs parked as failed. */
import type { ServiceDeps } from '../deps.js';
import type { JobCounts } from '../repositories.js';

/** Throws whatever the database throws (the scrape reports the gauges as missing). */
export function jobQueueCounts(deps: Pick<ServiceDeps, 'store'>): Promise<JobCounts> {
  return deps.store.jobs.counts();
}

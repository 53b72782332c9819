/** The table-backed job queue. */

export interface JobRecord {
  id: string;
  kind: string;
  payload: string;
  runAfter: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export interface JobRepository {
  enqueue(
    job: Pick<JobRecord, 'id' | 'kind' | 'payload' | 'runAfter' | 'createdAt'>,
  ): Promise<void>;
  /** Pending jobs due at `now`, oldest first. */
  due(now: string, limit: number): Promise<JobRecord[]>;
  complete(id: string, now: string): Promise<void>;
  fail(id: string, error: string, retryAt: string): Promise<void>;
}

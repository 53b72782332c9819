/** The table-backed job queue used on every engine (pg-boss can replace it on PostgreSQL). */
import type { Kysely } from 'kysely';
import type { JobRecord, JobRepository } from '../../services/repositories.js';
import type { Database } from '../schema.js';

export class KyselyJobRepository implements JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(
    job: Pick<JobRecord, 'id' | 'kind' | 'payload' | 'runAfter' | 'createdAt'>,
  ): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind: job.kind,
        payload: job.payload,
        run_after: job.runAfter,
        created_at: job.createdAt,
        last_error: null,
        done_at: null,
      })
      .execute();
  }

  async due(now: string, limit: number): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('done_at', 'is', null)
      .where('run_after', '<=', now)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      runAfter: r.run_after,
      attempts: Number(r.attempts),
      lastError: r.last_error,
      createdAt: r.created_at,
      doneAt: r.done_at,
    }));
  }

  async complete(id: string, now: string): Promise<void> {
    await this.db.updateTable('jobs').set({ done_at: now }).where('id', '=', id).execute();
  }

  async fail(id: string, error: string, retryAt: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        run_after: retryAt,
      }))
      .where('id', '=', id)
      .execute();
  }
}

/**
 * The table-backed job queue used on every engine. Claims are conditional updates (no
 * SELECT … FOR UPDATE, which SQLite lacks): of several runners updating the same row, the
 * database lets exactly one match; on PostgreSQL the others wait for its commit and then see
 * the row leased.
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { JobCounts, JobRecord, JobRepository, NewJob } from '../../services/repositories.js';
import type { Database, JobsTable } from '../schema.js';

export class KyselyJobRepository implements JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(job: NewJob): Promise<boolean> {
    const result = await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind: job.kind,
        payload: job.payload,
        run_after: job.runAfter,
        created_at: job.createdAt,
        last_error: null,
        done_at: null,
        dedupe_key: job.dedupeKey,
        ordering_key: job.orderingKey,
        sequence: job.sequence,
        claimed_by: null,
        claimed_until: null,
        failed_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async claimable(now: string, limit: number): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where((eb) => claimableAt(eb, now))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  async claim(id: string, runner: string, now: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ claimed_by: runner, claimed_until: until })
      .where('id', '=', id)
      .where((eb) => claimableAt(eb, now))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async complete(id: string, runner: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ done_at: now, claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .where('claimed_by', '=', runner)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async fail(
    id: string,
    runner: string,
    error: string,
    retryAt: string | null,
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        claimed_by: null,
        claimed_until: null,
        ...(retryAt === null ? { failed_at: now } : { run_after: retryAt }),
      }))
      .where('id', '=', id)
      .where('claimed_by', '=', runner)
      .where('done_at', 'is', null)
      .execute();
  }

  async extendClaim(id: string, runner: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ claimed_until: until })
      .where('id', '=', id)
      .where('claimed_by', '=', runner)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordAttempt(id: string, runner: string, error: string, until: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        claimed_until: until,
      }))
      .where('id', '=', id)
      .where('claimed_by', '=', runner)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .execute();
  }

  async requeueParked(id: string, newId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({
        id: newId,
        attempts: 0,
        last_error: null,
        failed_at: null,
        run_after: now,
        claimed_by: null,
        claimed_until: null,
      })
      .where('id', '=', id)
      .where('failed_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async unfinished(limit: number): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  async find(id: string): Promise<JobRecord | null> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toJob(row) : null;
  }

  async failed(limit: number): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('failed_at', 'is not', null)
      .orderBy('failed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  async counts(): Promise<JobCounts> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => [
        eb.fn
          .countAll()
          .filterWhere((f) => f.and([f('done_at', 'is', null), f('failed_at', 'is', null)]))
          .as('waiting'),
        eb.fn.countAll().filterWhere('failed_at', 'is not', null).as('failed'),
      ])
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.waiting), failed: Number(row.failed) };
  }

  async stalled(now: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('stalled'))
      .where((eb) => claimableAt(eb, now))
      .where('run_after', '<=', since)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', since)]))
      .executeTakeFirstOrThrow();
    return Number(row.stalled);
  }

  async heldIdle(runner: string, now: string, leaseEndsBy: string): Promise<number> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('idle'))
      .where('claimed_by', '=', runner)
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('claimed_until', '>', now)
      .where('claimed_until', '<=', leaseEndsBy)
      .executeTakeFirstOrThrow();
    return Number(row.idle);
  }

  async pruneDone(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('done_at', 'is not', null)
      .where('done_at', '<', before)
      .where('failed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async advanceSequence(key: string, sequence: number, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('job_sequences')
      .values({ ordering_key: key, sequence, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('ordering_key')
          .doUpdateSet((eb) => ({
            sequence: eb.ref('excluded.sequence'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where('job_sequences.sequence', '<', sequence),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}

/**
 * Not done, not parked, due, not leased (or the lease ran out), and no older unfinished job
 * of the same ordering key.
 */
function claimableAt(eb: ExpressionBuilder<Database, 'jobs'>, now: string) {
  return eb.and([
    eb('jobs.done_at', 'is', null),
    eb('jobs.failed_at', 'is', null),
    eb('jobs.run_after', '<=', now),
    eb.or([eb('jobs.claimed_until', 'is', null), eb('jobs.claimed_until', '<', now)]),
    eb.or([
      eb('jobs.ordering_key', 'is', null),
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs as older')
            .select('older.id')
            .whereRef('older.ordering_key', '=', 'jobs.ordering_key')
            .whereRef('older.sequence', '<', 'jobs.sequence')
            .where('older.done_at', 'is', null)
            .where('older.failed_at', 'is', null),
        ),
      ),
    ]),
  ]);
}

function toJob(r: Selectable<JobsTable>): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    runAfter: r.run_after,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: r.created_at,
    doneAt: r.done_at,
    dedupeKey: r.dedupe_key,
    orderingKey: r.ordering_key,
    sequence: r.sequence === null ? null : Number(r.sequence),
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until,
    failedAt: r.failed_at,
  };
}

/**
 * Jobs that hold under concurrency (several runners, several instances). Frozen: takes
 * Kysely<any>, imports no app code.
 *
 * - `jobs.dedupe_key` under a UNIQUE index: a job enqueued twice with the same key is one
 *   job (NULL keys are distinct on both engines, so keyless jobs are unaffected).
 * - `jobs.claimed_by` / `jobs.claimed_until`: a runner claims a job with one conditional
 *   UPDATE (only while unclaimed or its lease has run out), so one job runs once at a time
 *   across instances; a runner that dies lets its lease expire.
 * - `jobs.failed_at`: set when a job has used its attempts; it is parked (never picked up
 *   again) with its `last_error`, visible rather than retried for ever.
 * - `jobs.ordering_key` / `jobs.sequence`: jobs of one key (e.g. one post) run in sequence
 *   order; a job is not claimed while an older one of its key is unfinished.
 * - `job_sequences`: per ordering key, the highest sequence whose work has run (a high-water
 *   mark written in the same transaction as that work), so an older job running late never
 *   overrides a newer one.
 *
 * Pending outdated-marking jobs written before this migration get their ordering (the post,
 * the revision, as the code writes them at the time of writing: `mark-outdated:<postId>`), so
 * they too run in revision order.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one column at a time.
  await db.schema.alterTable('jobs').addColumn('dedupe_key', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('ordering_key', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('sequence', 'integer').execute();
  await db.schema.alterTable('jobs').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('claimed_until', 'text').execute();
  await db.schema.alterTable('jobs').addColumn('failed_at', 'text').execute();
  await db.schema.createIndex('jobs_dedupe_key').on('jobs').column('dedupe_key').unique().execute();

  const pending = (await db
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('kind', '=', 'mark-outdated')
    .where('done_at', 'is', null)
    .execute()) as { id: string; payload: string }[];
  for (const job of pending) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(job.payload);
    } catch {
      continue; // the runner parks it (not JSON)
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    const { postId, revision } = parsed as { postId?: unknown; revision?: unknown };
    if (typeof postId !== 'string' || typeof revision !== 'number') continue;
    await db
      .updateTable('jobs')
      .set({ ordering_key: `mark-outdated:${postId}`, sequence: revision })
      .where('id', '=', job.id)
      .execute();
  }
  await db.schema
    .createIndex('jobs_ordering')
    .on('jobs')
    .columns(['ordering_key', 'sequence'])
    .execute();

  await db.schema
    .createTable('job_sequences')
    .addColumn('ordering_key', 'text', (c) => c.primaryKey())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_sequences').execute();
  await db.schema.dropIndex('jobs_ordering').execute();
  await db.schema.dropIndex('jobs_dedupe_key').execute();
  for (const column of [
    'failed_at',
    'claimed_until',
    'claimed_by',
    'sequence',
    'ordering_key',
    'dedupe_key',
  ]) {
    await db.schema.alterTable('jobs').dropColumn(column).execute();
  }
}

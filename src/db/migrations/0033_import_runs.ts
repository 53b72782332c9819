/**
 * WordPress imports started from the admin pages (issue 11): the uploaded file is a run, worked
 * through by the import runner, and every line of its report is kept, so the page shows it live
 * and after the fact. Frozen: takes Kysely<any>, imports no app code.
 *
 * - `import_runs.running_slot` is 'wxr' while a run is being worked on, NULL otherwise, under a
 *   UNIQUE index: one import at a time across every instance (NULLs are distinct on both
 *   engines), claimed with one conditional UPDATE (`claimed_by`, `lease_until`); a runner that
 *   dies lets its lease run out and the next one resumes the run.
 * - `import_run_entries` are keyed by (run, line number): the import writes the same lines in
 *   the same order every time it runs over a file, so a resumed run adds only the lines after
 *   those already stored.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    // Whether the run takes attachments' files from the server's uploads copy.
    .addColumn('with_uploads', 'integer', (c) => c.notNull())
    // queued | running | done | failed | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('running_slot', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('cancel_requested', 'integer', (c) => c.notNull())
    // Report lines the file will give (known once the first pass has counted it).
    .addColumn('expected_lines', 'integer')
    .addColumn('written_lines', 'integer', (c) => c.notNull())
    // Per translation group, the units aligned and left (JSON), once the run is done.
    .addColumn('groups_json', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('import_runs_running_slot')
    .on('import_runs')
    .column('running_slot')
    .unique()
    .execute();
  await db.schema
    .createIndex('import_runs_status')
    .on('import_runs')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createTable('import_run_entries')
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('import_runs.id').onDelete('cascade'),
    )
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('wp_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('notes_json', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addPrimaryKeyConstraint('import_run_entries_pk', ['run_id', 'line'])
    .execute();
  await db.schema
    .createIndex('import_run_entries_outcome')
    .on('import_run_entries')
    .columns(['run_id', 'outcome', 'line'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_run_entries').execute();
  await db.schema.dropTable('import_runs').execute();
}

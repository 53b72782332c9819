/**
 * Quality findings: the warnings the checks raised about a translator's text, stored with the
 * target — which translation and unit, the target version the save produced (for a proposal,
 * the version it was based on), the SHA-256 of the checked text (the same hash candidates
 * keep, so a finding follows its text from proposal to active target), who saved it, the check
 * id and its params (JSON text). Rows are never deleted: a later check of the same text
 * supersedes them (`superseded_at`), and a dismissal keeps who, when and why.
 * Frozen: takes Kysely<any>, imports no app code.
 *
 * `check_id` has no CHECK constraint (unlike the states of 0006): the list of checks grows
 * with the code, a new check must not need a migration, and an unknown id read back is shown
 * by its stored English message rather than refused — a warning, unlike a state, decides
 * nothing. A dismissal is all or nothing: a time and a reason (≤ 500 characters) together;
 * `dismissed_by` may become NULL when the account is deleted, the reason stays.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('translation_id', 'text', (c) =>
      c.notNull().references('translations.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('target_version', 'integer', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    // Order of the findings within one check (the order the checks report them in).
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    // The English message as the check wrote it (shown if a later version drops the check).
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('dismissed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('dismissed_at', 'text')
    .addColumn('dismiss_reason', 'text')
    .addCheckConstraint(
      'findings_dismissal_whole',
      sql`(dismissed_at IS NULL AND dismiss_reason IS NULL AND dismissed_by IS NULL) OR (dismissed_at IS NOT NULL AND dismiss_reason IS NOT NULL AND length(dismiss_reason) BETWEEN 1 AND 500)`,
    )
    .execute();
  // The current findings of a translation (what the editor and reviewers see).
  await db.schema
    .createIndex('findings_current')
    .on('findings')
    .columns(['translation_id', 'unit_id', 'text_hash'])
    .where(sql.ref('superseded_at'), 'is', null)
    .execute();
  // Earlier dismissals of the same issue on a unit (carried over to a new check).
  await db.schema
    .createIndex('findings_dismissed')
    .on('findings')
    .columns(['translation_id', 'unit_id', 'check_id'])
    .where(sql.ref('dismissed_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('findings').execute();
}

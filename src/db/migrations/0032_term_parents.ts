/**
 * Nested categories (issue 11: WordPress's category hierarchy): a category may have a parent
 * category. Deleting a parent leaves its children at the top (the service first moves them up
 * to the deleted term's own parent). Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('taxonomy_terms')
    .addColumn('parent_id', 'text', (c) => c.references('taxonomy_terms.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('taxonomy_terms_parent')
    .on('taxonomy_terms')
    .column('parent_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('taxonomy_terms_parent').execute();
  await db.schema.alterTable('taxonomy_terms').dropColumn('parent_id').execute();
}

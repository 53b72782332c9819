/**
 * The glossary: terms per language pair (source → target) with their approved translation,
 * definition, part of speech, note, case sensitivity and flags (do not translate; forbidden
 * translations). Frozen: takes Kysely<any>, imports no app code; the part-of-speech list is
 * copied here as src/domain/glossary has it today (test/db/glossary-migration.test.ts
 * compares them, so drift is caught; a later change to the list needs a new migration).
 *
 * - One row per term. `term_key` is the term as matching compares it (NFC, lower case in the
 *   source language, whitespace collapsed) and is UNIQUE with the pair and the part of
 *   speech: "Playbook" and "playbook" are one noun, so a re-import updates the term instead
 *   of adding a near-duplicate that would make matching ambiguous, while "polish" (verb) and
 *   "Polish" (adjective) can both exist. The same key makes imports idempotent (upsert).
 * - `lookup_key` is the stem of the term's first word (or its first character in scripts
 *   written without spaces): matching a unit fetches only the terms whose key is one of the
 *   unit's words, so a large glossary is never read whole. Indexed with the pair.
 * - `search_key` is the folded term and translation, for the page's search (LIKE on text we
 *   folded ourselves behaves the same on both engines; SQLite's lower() knows only ASCII).
 * - `translation` is NULL exactly when the term is marked do-not-translate (CHECK).
 * - `forbidden` is a JSON array of strings (translations that must not be used): a short
 *   list always read with its term, so JSON text rather than a second table.
 * - Booleans are 0/1 integers (CHECK), instants ISO-8601 UTC text, authors nullable (a
 *   deleted account leaves its terms).
 *
 * CREATE TABLE takes CHECK constraints on both engines (0006's triggers were only needed to
 * add checks to existing SQLite tables).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Parts of speech as TBX-Basic lists them (ISO 30042 data category `partOfSpeech`). */
export const glossaryPartsOfSpeech = [
  'noun',
  'verb',
  'adjective',
  'adverb',
  'properNoun',
  'other',
] as const;

const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('glossary_terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('target_language', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('term_key', 'text', (c) => c.notNull())
    .addColumn('lookup_key', 'text', (c) => c.notNull())
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('translation', 'text')
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('part_of_speech', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('case_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('do_not_translate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('forbidden', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'glossary_terms_part_of_speech_known',
      sql`part_of_speech IN (${list(glossaryPartsOfSpeech)})`,
    )
    .addCheckConstraint('glossary_terms_case_sensitive_bool', sql`case_sensitive IN (0, 1)`)
    .addCheckConstraint('glossary_terms_do_not_translate_bool', sql`do_not_translate IN (0, 1)`)
    .addCheckConstraint(
      'glossary_terms_translation_unless_kept',
      sql`(do_not_translate = 1 AND translation IS NULL) OR (do_not_translate = 0 AND translation IS NOT NULL)`,
    )
    .addCheckConstraint('glossary_terms_pair_differs', sql`source_language <> target_language`)
    .execute();
  await db.schema
    .createIndex('glossary_terms_key')
    .on('glossary_terms')
    .columns(['source_language', 'target_language', 'term_key', 'part_of_speech'])
    .unique()
    .execute();
  await db.schema
    .createIndex('glossary_terms_lookup')
    .on('glossary_terms')
    .columns(['source_language', 'target_language', 'lookup_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('glossary_terms').execute();
}

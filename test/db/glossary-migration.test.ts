/**
 * Migration 0009 (glossary): its copied part-of-speech list matches the domain's, and the
 * database itself refuses what the services never write — an unknown part of speech, a
 * translation on a do-not-translate term or none on another, a flag that is not 0/1, a
 * pair with one language twice, a second row with the same folded term and part of speech.
 */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { glossaryPartsOfSpeech } from '../../src/db/migrations/0009_glossary.js';
import type { GlossaryTermsTable } from '../../src/db/schema.js';
import { partsOfSpeech } from '../../src/domain/glossary/index.js';
import { engines } from '../support/databases.js';

describe('migration 0009 value lists', () => {
  it('copies the domain’s parts of speech', () => {
    expect([...glossaryPartsOfSpeech]).toEqual([...partsOfSpeech]);
  });
});

describe.each(engines())('glossary_terms constraints on $name', (engine) => {
  let handle: DatabaseHandle;
  let n = 0;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(() => handle.close());

  const insert = (row: Partial<Insertable<GlossaryTermsTable>>) => {
    n += 1;
    const values = {
      id: `g${n}`,
      source_language: 'en',
      target_language: 'es',
      term: `term ${n}`,
      term_key: `term ${n}`,
      lookup_key: 'term',
      search_key: `term ${n}`,
      translation: 'término',
      part_of_speech: 'noun',
      definition: '',
      note: '',
      case_sensitive: 0,
      do_not_translate: 0,
      forbidden: '[]',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      ...row,
    };
    return handle.db
      .insertInto('glossary_terms')
      .values(values)
      .execute()
      .then(
        () => 'stored',
        () => 'refused',
      );
  };

  it('stores a valid row and refuses the invalid ones', async () => {
    expect(await insert({})).toBe('stored');
    expect(await insert({ translation: null, do_not_translate: 1 })).toBe('stored');
    expect(await insert({ part_of_speech: 'pronoun' })).toBe('refused');
    expect(await insert({ translation: null })).toBe('refused');
    expect(await insert({ do_not_translate: 1 })).toBe('refused');
    expect(await insert({ case_sensitive: 2 })).toBe('refused');
    expect(await insert({ target_language: 'en' })).toBe('refused');
    expect(await insert({ term_key: 'same' })).toBe('stored');
    expect(await insert({ term_key: 'same' })).toBe('refused');
    expect(await insert({ term_key: 'same', part_of_speech: 'verb' })).toBe('stored');
    const count = await sql<{
      n: number | string;
    }>`SELECT count(*) AS n FROM glossary_terms`.execute(handle.db);
    expect(Number(count.rows[0]?.n)).toBe(4);
  });
});

/** Glossary terms (migration 0009): one query per method. */
import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { partsOfSpeech } from '../../domain/glossary/index.js';
import type {
  GlossaryRepository,
  GlossaryTermRecord,
  LanguagePair,
} from '../../services/repositories.js';
import { isUniqueViolation } from '../errors.js';
import type { Database, GlossaryTermsTable } from '../schema.js';
import { storedValue } from './stored-value.js';

/** SQLite's default limit on bound parameters is 32766; stay far below it per query. */
const KEYS_PER_QUERY = 500;

/** `%text%` for LIKE … ESCAPE '\', the wildcards in `text` taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class KyselyGlossaryRepository implements GlossaryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(term: GlossaryTermRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('glossary_terms')
      .values(toRow(term))
      .onConflict((oc) =>
        oc
          .columns(['source_language', 'target_language', 'term_key', 'part_of_speech'])
          .doNothing(),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async upsert(term: GlossaryTermRecord): Promise<string> {
    const row = toRow(term);
    const written = await this.db
      .insertInto('glossary_terms')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['source_language', 'target_language', 'term_key', 'part_of_speech'])
          .doUpdateSet({
            term: row.term,
            lookup_key: row.lookup_key,
            search_key: row.search_key,
            translation: row.translation,
            definition: row.definition,
            note: row.note,
            case_sensitive: row.case_sensitive,
            do_not_translate: row.do_not_translate,
            forbidden: row.forbidden,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return written.id;
  }

  async updateIf(
    term: GlossaryTermRecord,
    baseUpdatedAt: string,
  ): Promise<'updated' | 'stale' | 'duplicate'> {
    const row = toRow(term);
    const update = (db: Kysely<Database>) =>
      db
        .updateTable('glossary_terms')
        .set({
          term: row.term,
          term_key: row.term_key,
          lookup_key: row.lookup_key,
          search_key: row.search_key,
          translation: row.translation,
          definition: row.definition,
          part_of_speech: row.part_of_speech,
          note: row.note,
          case_sensitive: row.case_sensitive,
          do_not_translate: row.do_not_translate,
          forbidden: row.forbidden,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        })
        .where('id', '=', term.id)
        .where('updated_at', '=', baseUpdatedAt)
        .executeTakeFirst();
    const inTransaction = this.db.isTransaction;
    // In a transaction a unique violation would abort it on PostgreSQL: hence the savepoint.
    if (inTransaction) await sql`savepoint polyphony_glossary`.execute(this.db);
    try {
      const result = await update(this.db);
      if (inTransaction) await sql`release savepoint polyphony_glossary`.execute(this.db);
      return Number(result.numUpdatedRows) === 1 ? 'updated' : 'stale';
    } catch (error) {
      if (inTransaction) {
        await sql`rollback to savepoint polyphony_glossary`.execute(this.db);
        await sql`release savepoint polyphony_glossary`.execute(this.db);
      }
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('glossary_terms')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async findById(id: string): Promise<GlossaryTermRecord | null> {
    const row = await this.db
      .selectFrom('glossary_terms')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findByTermKeys(
    pair: LanguagePair,
    termKeys: readonly string[],
  ): Promise<GlossaryTermRecord[]> {
    return this.byKeys(pair, 'term_key', termKeys);
  }

  async findByLookupKeys(
    pair: LanguagePair,
    keys: readonly string[],
  ): Promise<GlossaryTermRecord[]> {
    return this.byKeys(pair, 'lookup_key', keys);
  }

  /** Terms of a pair by one key column, in batches that stay under the parameter limit. */
  private async byKeys(
    pair: LanguagePair,
    column: 'term_key' | 'lookup_key',
    keys: readonly string[],
  ): Promise<GlossaryTermRecord[]> {
    const unique = [...new Set(keys)];
    const out: GlossaryTermRecord[] = [];
    for (let i = 0; i < unique.length; i += KEYS_PER_QUERY) {
      const rows = await this.db
        .selectFrom('glossary_terms')
        .selectAll()
        .where('source_language', '=', pair.sourceLanguage)
        .where('target_language', '=', pair.targetLanguage)
        .where(column, 'in', unique.slice(i, i + KEYS_PER_QUERY))
        .orderBy('term_key')
        .orderBy('part_of_speech')
        .execute();
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  async list(
    pair: LanguagePair,
    options: { search?: string; limit: number; offset: number },
  ): Promise<GlossaryTermRecord[]> {
    const rows = await this.db
      .selectFrom('glossary_terms')
      .selectAll()
      .where('source_language', '=', pair.sourceLanguage)
      .where('target_language', '=', pair.targetLanguage)
      .$if(!!options.search, (q) =>
        q.where(sql<boolean>`search_key like ${containsPattern(options.search ?? '')} escape '\\'`),
      )
      .orderBy('term_key')
      .orderBy('part_of_speech')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map(toRecord);
  }

  async count(pair: LanguagePair, options: { search?: string }): Promise<number> {
    const row = await this.db
      .selectFrom('glossary_terms')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('source_language', '=', pair.sourceLanguage)
      .where('target_language', '=', pair.targetLanguage)
      .$if(!!options.search, (q) =>
        q.where(sql<boolean>`search_key like ${containsPattern(options.search ?? '')} escape '\\'`),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async pairs(): Promise<(LanguagePair & { terms: number })[]> {
    const rows = await this.db
      .selectFrom('glossary_terms')
      .select((eb) => [
        'source_language',
        'target_language',
        eb.fn.countAll<number | string | bigint>().as('n'),
      ])
      .groupBy(['source_language', 'target_language'])
      .orderBy('source_language')
      .orderBy('target_language')
      .execute();
    return rows.map((r) => ({
      sourceLanguage: r.source_language,
      targetLanguage: r.target_language,
      terms: Number(r.n),
    }));
  }
}

function toRow(t: GlossaryTermRecord): Insertable<GlossaryTermsTable> {
  return {
    id: t.id,
    source_language: t.sourceLanguage,
    target_language: t.targetLanguage,
    term: t.term,
    term_key: t.termKey,
    lookup_key: t.lookupKey,
    search_key: t.searchKey,
    translation: t.translation,
    definition: t.definition,
    part_of_speech: t.partOfSpeech,
    note: t.note,
    case_sensitive: t.caseSensitive ? 1 : 0,
    do_not_translate: t.doNotTranslate ? 1 : 0,
    forbidden: JSON.stringify(t.forbidden),
    created_by: t.createdBy,
    created_at: t.createdAt,
    updated_by: t.updatedBy,
    updated_at: t.updatedAt,
  };
}

/** The stored JSON list of forbidden translations; anything else is a corrupt row. */
function forbiddenList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
    throw new Error('glossary_terms.forbidden must hold a JSON array of strings');
  return value;
}

function toRecord(row: Selectable<GlossaryTermsTable>): GlossaryTermRecord {
  return {
    id: row.id,
    sourceLanguage: row.source_language,
    targetLanguage: row.target_language,
    term: row.term,
    termKey: row.term_key,
    lookupKey: row.lookup_key,
    searchKey: row.search_key,
    translation: row.translation,
    definition: row.definition,
    partOfSpeech: storedValue(partsOfSpeech, row.part_of_speech, 'glossary_terms.part_of_speech'),
    note: row.note,
    caseSensitive: Number(row.case_sensitive) === 1,
    doNotTranslate: Number(row.do_not_translate) === 1,
    forbidden: forbiddenList(row.forbidden),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

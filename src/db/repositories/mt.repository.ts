/** Enabled machine-translation pairs and kept results (migration 0010). */
import type { Kysely, Selectable } from 'kysely';
import { mtEngines } from '../../services/ports/mt.js';
import type { MtCacheRecord, MtPairRecord, MtRepository } from '../../services/repositories.js';
import type { Database, MtCacheTable, MtPairsTable } from '../schema.js';
import { storedValue } from './stored-value.js';

/** Hashes per query: well under SQLite's and PostgreSQL's bound-parameter limits. */
const HASHES_PER_QUERY = 500;

export class KyselyMtRepository implements MtRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listPairs(): Promise<MtPairRecord[]> {
    const rows = await this.db
      .selectFrom('mt_pairs')
      .selectAll()
      .orderBy('source_language')
      .orderBy('target_language')
      .execute();
    return rows.map(toPair);
  }

  async findPair(sourceLanguage: string, targetLanguage: string): Promise<MtPairRecord | null> {
    const row = await this.db
      .selectFrom('mt_pairs')
      .selectAll()
      .where('source_language', '=', sourceLanguage)
      .where('target_language', '=', targetLanguage)
      .executeTakeFirst();
    return row ? toPair(row) : null;
  }

  async savePair(pair: MtPairRecord): Promise<void> {
    await this.db
      .insertInto('mt_pairs')
      .values({
        source_language: pair.sourceLanguage,
        target_language: pair.targetLanguage,
        engine: pair.engine,
        enabled_by: pair.enabledBy,
        enabled_at: pair.enabledAt,
      })
      .onConflict((oc) =>
        oc.columns(['source_language', 'target_language']).doUpdateSet({
          engine: pair.engine,
          enabled_by: pair.enabledBy,
          enabled_at: pair.enabledAt,
        }),
      )
      .execute();
  }

  async deletePair(sourceLanguage: string, targetLanguage: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('mt_pairs')
      .where('source_language', '=', sourceLanguage)
      .where('target_language', '=', targetLanguage)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async cached(
    engine: string,
    sourceLanguage: string,
    targetLanguage: string,
    sourceHashes: readonly string[],
  ): Promise<MtCacheRecord[]> {
    const unique = [...new Set(sourceHashes)];
    const found: MtCacheRecord[] = [];
    for (let at = 0; at < unique.length; at += HASHES_PER_QUERY) {
      const rows = await this.db
        .selectFrom('mt_cache')
        .selectAll()
        .where('engine', '=', engine)
        .where('source_language', '=', sourceLanguage)
        .where('target_language', '=', targetLanguage)
        .where('source_hash', 'in', unique.slice(at, at + HASHES_PER_QUERY))
        .execute();
      found.push(...rows.map(toCached));
    }
    return found;
  }

  async keep(records: readonly MtCacheRecord[]): Promise<void> {
    // Eight columns a row: 100 rows stay under every engine's parameter limit.
    for (let at = 0; at < records.length; at += 100) {
      await this.db
        .insertInto('mt_cache')
        .values(
          records.slice(at, at + 100).map((r) => ({
            engine: r.engine,
            source_language: r.sourceLanguage,
            target_language: r.targetLanguage,
            source_hash: r.sourceHash,
            source: r.source,
            result: r.result,
            codes_placed: r.codesPlaced ? 1 : 0,
            created_at: r.createdAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['engine', 'source_language', 'target_language', 'source_hash']).doNothing(),
        )
        .execute();
    }
  }
}

function toPair(row: Selectable<MtPairsTable>): MtPairRecord {
  return {
    sourceLanguage: row.source_language,
    targetLanguage: row.target_language,
    engine: storedValue(mtEngines, row.engine, 'mt_pairs.engine'),
    enabledBy: row.enabled_by,
    enabledAt: row.enabled_at,
  };
}

function toCached(row: Selectable<MtCacheTable>): MtCacheRecord {
  return {
    engine: storedValue(mtEngines, row.engine, 'mt_cache.engine'),
    sourceLanguage: row.source_language,
    targetLanguage: row.target_language,
    sourceHash: row.source_hash,
    source: row.source,
    result: row.result,
    codesPlaced: row.codes_placed === 1,
    createdAt: row.created_at,
  };
}

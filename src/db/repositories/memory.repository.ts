/**
 * Translation memory entries (migration 0013): one query per method. The fuzzy probe is the
 * only engine-specific query: SQLite asks its FTS5 trigram table, PostgreSQL its pg_trgm GIN
 * index; both return ids of entries in the asked partitions that contain the chunk, and the
 * service scores them the same way (src/services/memory/README.md).
 */
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type {
  ExactMemoryGroup,
  LanguagePair,
  MemoryEntryRecord,
  MemoryExclusion,
  MemoryProbe,
  MemoryProbeResult,
  MemoryRepository,
  MemoryUseCount,
  StoredMemoryEntry,
} from '../../services/repositories.js';
import {
  entryGramKeys,
  gramKeys,
  MAX_FUZZY_LENGTH,
  scopesOfTags,
  trigramsOf,
} from '../../domain/memory/grams.js';
import { memoryEntryKinds } from '../../services/repositories.js';
import type { Database, MemoryEntriesTable } from '../schema.js';
import { storedValue } from './stored-value.js';

/** SQLite's default limit on bound parameters is 32766; 22 columns × 500 rows stays below. */
const ROWS_PER_INSERT = 500;
const KEYS_PER_QUERY = 500;

/** A string as one FTS5 phrase (double quotes doubled). */
function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Every column but PostgreSQL's fuzzy_grams (the index keys, not needed to score). */
const ENTRY_COLUMNS = [
  'id',
  'source_language',
  'target_language',
  'kind',
  'source',
  'target',
  'source_key_hash',
  'target_hash',
  'unit_target_hash',
  'prev_hash',
  'next_hash',
  'source_length',
  'match_tag',
  'prefilter',
  'provenance',
  'post_id',
  'translation_id',
  'unit_id',
  'user_id',
  'created_at',
  'uses',
  'retired_at',
] as const;

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class KyselyMemoryRepository implements MemoryRepository {
  private readonly sqlite: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  }

  async record(entries: readonly MemoryEntryRecord[]): Promise<void> {
    for (const batch of chunked(entries, ROWS_PER_INSERT)) {
      await this.db
        .insertInto('memory_entries')
        .values(batch.map((entry) => (this.sqlite ? toRow(entry) : withGrams(entry))))
        .onConflict((oc) =>
          oc
            .columns([
              'source_language',
              'target_language',
              'source_key_hash',
              'target_hash',
              'translation_id',
              'unit_id',
            ])
            .doUpdateSet((eb) => ({
              uses: sql<number>`memory_entries.uses + 1`,
              retired_at: null,
              target: eb.ref('excluded.target'),
              unit_target_hash: eb.ref('excluded.unit_target_hash'),
              prev_hash: eb.ref('excluded.prev_hash'),
              next_hash: eb.ref('excluded.next_hash'),
              provenance: eb.ref('excluded.provenance'),
              user_id: eb.ref('excluded.user_id'),
              post_id: eb.ref('excluded.post_id'),
            })),
        )
        .execute();
    }
  }

  async retire(
    translationId: string,
    unitId: string,
    unitTargetHash: string,
    at: string,
  ): Promise<number> {
    const result = await this.db
      .updateTable('memory_entries')
      .set({ retired_at: at })
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('unit_target_hash', '=', unitTargetHash)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async exactGroups(
    pair: LanguagePair,
    sourceKeyHash: string,
    context: { prevHash: string; nextHash: string } | null,
    exclude: MemoryExclusion | null,
    limit: number,
  ): Promise<ExactMemoryGroup[]> {
    const inContext = context
      ? sql<number>`max(case when kind = 'unit' and prev_hash = ${context.prevHash} and next_hash = ${context.nextHash} then 1 else 0 end)`
      : sql<number>`0`;
    let query = this.db
      .selectFrom('memory_entries')
      .select((eb) => [
        'target_hash',
        eb.fn.countAll<number | string>().as('uses'),
        eb.fn.max('id').as('newest_id'),
        inContext.as('in_context'),
      ])
      .where('source_language', '=', pair.sourceLanguage)
      .where('target_language', '=', pair.targetLanguage)
      .where('source_key_hash', '=', sourceKeyHash)
      .where('retired_at', 'is', null);
    if (exclude) query = query.where(notFrom(exclude));
    const rows = await query
      .groupBy('target_hash')
      .orderBy('uses', 'desc')
      .orderBy('newest_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      targetHash: row.target_hash,
      uses: Number(row.uses),
      newestId: Number(row.newest_id),
      inContext: Number(row.in_context) === 1,
    }));
  }

  async probe(probe: MemoryProbe): Promise<MemoryProbeResult> {
    if (probe.tags.length === 0) return { ids: [], complete: true };
    if (this.sqlite) {
      // Ascending: FTS5 walks doclists forwards; backwards it loads each one whole first.
      const grams = trigramsOf(probe.chunk);
      if (grams.length === 0) return { ids: [], complete: true };
      const expression = `(${probe.tags.map(ftsPhrase).join(' OR ')}) AND ${grams.map(ftsPhrase).join(' AND ')}`;
      const { rows } = await sql<{ id: number }>`
        SELECT rowid AS id FROM memory_fuzzy WHERE memory_fuzzy MATCH ${expression}
        ORDER BY rowid LIMIT ${probe.limit}`.execute(this.db);
      return { ids: rows.map((row) => Number(row.id)), complete: true };
    }
    // The entries of the window's scopes holding every trigram of the chunk (one GIN scan per
    // scope, 2–3 at 70%: migration 0015), then the chunk itself as a substring on those rows.
    // No ORDER BY: the heap scan stops after `limit` rows.
    const scopes = scopesOfTags(probe.tags)
      .map((scope) => gramKeys(scope, probe.chunk))
      .filter((keys) => keys.length > 0);
    if (scopes.length === 0) return { ids: [], complete: true };
    const query = sql<{ id: number }>`
      SELECT id FROM memory_entries
      WHERE (${sql.join(
        scopes.map((keys) => sql`fuzzy_grams @> ${keys}::integer[]`),
        sql` OR `,
      )})
        AND strpos(prefilter, ${probe.chunk}) > 0
      LIMIT ${probe.limit}`;
    const timeout = probe.timeoutMs;
    if (timeout === undefined || this.db.isTransaction) {
      const { rows } = await query.execute(this.db);
      return { ids: rows.map((row) => Number(row.id)), complete: true };
    }
    try {
      return await this.db.transaction().execute(async (trx) => {
        const ms = String(Math.max(1, Math.ceil(timeout)));
        await sql`SELECT set_config('statement_timeout', ${ms}, true)`.execute(trx);
        const { rows } = await query.execute(trx);
        return { ids: rows.map((row) => Number(row.id)), complete: true };
      });
    } catch (error) {
      if (isQueryCanceled(error)) return { ids: [], complete: false };
      throw error;
    }
  }

  async findActive(ids: readonly number[]): Promise<StoredMemoryEntry[]> {
    const out: StoredMemoryEntry[] = [];
    for (const batch of chunked([...new Set(ids)], KEYS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom('memory_entries')
        .select(ENTRY_COLUMNS)
        .where('id', 'in', batch)
        .where('retired_at', 'is', null)
        .execute();
      out.push(...rows.map(fromRow));
    }
    return out;
  }

  async useCounts(
    pair: LanguagePair,
    sourceKeyHashes: readonly string[],
    exclude: MemoryExclusion | null,
  ): Promise<MemoryUseCount[]> {
    const out: MemoryUseCount[] = [];
    for (const batch of chunked([...new Set(sourceKeyHashes)], KEYS_PER_QUERY)) {
      let query = this.db
        .selectFrom('memory_entries')
        .select((eb) => [
          'source_key_hash',
          'target_hash',
          eb.fn.countAll<number | string>().as('uses'),
        ])
        .where('source_language', '=', pair.sourceLanguage)
        .where('target_language', '=', pair.targetLanguage)
        .where('source_key_hash', 'in', batch)
        .where('retired_at', 'is', null);
      if (exclude) query = query.where(notFrom(exclude));
      const rows = await query.groupBy(['source_key_hash', 'target_hash']).execute();
      for (const row of rows) {
        out.push({
          sourceKeyHash: row.source_key_hash,
          targetHash: row.target_hash,
          uses: Number(row.uses),
        });
      }
    }
    return out;
  }

  async countBySourceKey(
    pair: LanguagePair,
    sourceKeyHashes: readonly string[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const batch of chunked([...new Set(sourceKeyHashes)], KEYS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom('memory_entries')
        .select((eb) => ['source_key_hash', eb.fn.countAll<number | string>().as('n')])
        .where('source_language', '=', pair.sourceLanguage)
        .where('target_language', '=', pair.targetLanguage)
        .where('source_key_hash', 'in', batch)
        .where('retired_at', 'is', null)
        .groupBy('source_key_hash')
        .execute();
      for (const row of rows) out.set(row.source_key_hash, Number(row.n));
    }
    return out;
  }

  async ownSourceKeys(
    translationId: string,
    sourceKeyHashes: readonly string[],
  ): Promise<{ sourceKeyHash: string; unitId: string; count: number }[]> {
    const out: { sourceKeyHash: string; unitId: string; count: number }[] = [];
    for (const batch of chunked([...new Set(sourceKeyHashes)], KEYS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom('memory_entries')
        .select((eb) => ['source_key_hash', 'unit_id', eb.fn.countAll<number | string>().as('n')])
        .where('translation_id', '=', translationId)
        .where('source_key_hash', 'in', batch)
        .where('retired_at', 'is', null)
        .groupBy(['source_key_hash', 'unit_id'])
        .execute();
      for (const row of rows) {
        out.push({ sourceKeyHash: row.source_key_hash, unitId: row.unit_id, count: Number(row.n) });
      }
    }
    return out;
  }
}

/** SQLSTATE 57014: the statement ran past statement_timeout. */
function isQueryCanceled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '57014';
}

/** Rows not written by the excluded unit. */
function notFrom(exclude: MemoryExclusion) {
  return sql<boolean>`not (translation_id = ${exclude.translationId} and unit_id = ${exclude.unitId})`;
}

function toRow(entry: MemoryEntryRecord) {
  return {
    source_language: entry.sourceLanguage,
    target_language: entry.targetLanguage,
    kind: entry.kind,
    source: entry.source,
    target: entry.target,
    source_key_hash: entry.sourceKeyHash,
    target_hash: entry.targetHash,
    unit_target_hash: entry.unitTargetHash,
    prev_hash: entry.prevHash,
    next_hash: entry.nextHash,
    source_length: entry.sourceLength,
    match_tag: entry.matchTag,
    prefilter: entry.prefilter,
    provenance: entry.provenance,
    post_id: entry.postId,
    translation_id: entry.translationId,
    unit_id: entry.unitId,
    user_id: entry.userId,
    created_at: entry.createdAt,
  };
}

/** PostgreSQL's row also carries the scoped trigram keys (migration 0015). */
function withGrams(entry: MemoryEntryRecord) {
  const fuzzy = entry.sourceLength <= MAX_FUZZY_LENGTH;
  return {
    ...toRow(entry),
    fuzzy_grams: fuzzy ? entryGramKeys(entry.matchTag, entry.prefilter) : [],
  };
}

function fromRow(row: Omit<Selectable<MemoryEntriesTable>, 'fuzzy_grams'>): StoredMemoryEntry {
  return {
    id: Number(row.id),
    sourceLanguage: row.source_language,
    targetLanguage: row.target_language,
    kind: storedValue(memoryEntryKinds, row.kind, 'memory_entries.kind'),
    source: row.source,
    target: row.target,
    sourceKeyHash: row.source_key_hash,
    targetHash: row.target_hash,
    prevHash: row.prev_hash,
    nextHash: row.next_hash,
    sourceLength: row.source_length,
    provenance: row.provenance,
    postId: row.post_id,
    translationId: row.translation_id,
    unitId: row.unit_id,
    userId: row.user_id,
    createdAt: row.created_at,
  };
}

/**
 * Translation memory entries (see src/services/memory/README.md). One row per (language pair,
 * source key, target, unit that gave it); retired rows are kept and never returned by a lookup.
 */
import type { LanguagePair } from './glossary.repository.js';

/** Where an entry comes from: a whole unit, or one sentence of a unit. */
export const memoryEntryKinds = ['unit', 'sentence'] as const;
export type MemoryEntryKind = (typeof memoryEntryKinds)[number];

/** An entry as written (the keys computed by the service from src/domain/memory). */
export interface MemoryEntryRecord extends LanguagePair {
  kind: MemoryEntryKind;
  /** Tagged source and target. */
  source: string;
  target: string;
  sourceKeyHash: string;
  targetHash: string;
  /** Hash of the whole unit's target the entry came from (what retiring looks for). */
  unitTargetHash: string;
  /** Neighbouring units' source key hashes, '' for none. */
  prevHash: string;
  nextHash: string;
  sourceLength: number;
  matchTag: string;
  prefilter: string;
  provenance: string;
  postId: string | null;
  translationId: string;
  unitId: string;
  userId: string | null;
  createdAt: string;
}

/** An active entry read back. */
export interface StoredMemoryEntry extends LanguagePair {
  id: number;
  kind: MemoryEntryKind;
  source: string;
  target: string;
  sourceKeyHash: string;
  targetHash: string;
  prevHash: string;
  nextHash: string;
  sourceLength: number;
  provenance: string;
  postId: string | null;
  translationId: string;
  unitId: string;
  userId: string | null;
  createdAt: string;
}

/** The unit being edited, whose own entries are never suggested to it. */
export interface MemoryExclusion {
  translationId: string;
  unitId: string;
}

/** One target of an exact (same source key) match. */
export interface ExactMemoryGroup {
  targetHash: string;
  /** Active entries (distinct units) with this source key and target. */
  uses: number;
  /** The newest of them. */
  newestId: number;
  /** One of them is a unit entry whose neighbours' hashes are the ones asked for. */
  inContext: boolean;
}

/** How many active entries (distinct units) have a source key and target. */
export interface MemoryUseCount {
  sourceKeyHash: string;
  targetHash: string;
  uses: number;
}

/** One trigram probe: entries of the pair in these partitions containing `chunk`. */
export interface MemoryProbe {
  /** Partition tags (pair and length buckets) to look in (PostgreSQL: their scopes). */
  tags: readonly string[];
  /** A piece of the query's prefilter text (at least 3 characters). */
  chunk: string;
  limit: number;
  /**
   * PostgreSQL: the database cancels the probe after this long (statement_timeout) and it
   * answers `complete: false`. SQLite cannot interrupt a statement; its probes are short.
   */
  timeoutMs?: number;
}

export interface MemoryProbeResult {
  ids: number[];
  /** False when the probe was cancelled by its timeout. */
  complete: boolean;
}

export interface MemoryRepository {
  /**
   * Writes entries. The same (pair, source key, target, translation, unit) again updates the
   * existing row instead (uses + 1, un-retired, context, provenance and author refreshed):
   * a constraint-backed upsert, correct under concurrent connections.
   */
  record(entries: readonly MemoryEntryRecord[]): Promise<void>;
  /** Retires the active entries a unit's target (by its hash) gave; returns how many. */
  retire(
    translationId: string,
    unitId: string,
    unitTargetHash: string,
    at: string,
  ): Promise<number>;
  /**
   * The targets of active entries with this source key, most used first, at most `limit`;
   * `context` the neighbour hashes that make a unit entry "in context".
   */
  exactGroups(
    pair: LanguagePair,
    sourceKeyHash: string,
    context: { prevHash: string; nextHash: string } | null,
    exclude: MemoryExclusion | null,
    limit: number,
  ): Promise<ExactMemoryGroup[]>;
  /** Ids of entries matching a probe (retired ones included; `findActive` drops them). */
  probe(probe: MemoryProbe): Promise<MemoryProbeResult>;
  /** The active entries among `ids` (any order). */
  findActive(ids: readonly number[]): Promise<StoredMemoryEntry[]>;
  /** Use counts of (source key, target) pairs among active entries of the pair. */
  useCounts(
    pair: LanguagePair,
    sourceKeyHashes: readonly string[],
    exclude: MemoryExclusion | null,
  ): Promise<MemoryUseCount[]>;
  /** Of these source key hashes, how many active entries each has (absent: none). */
  countBySourceKey(
    pair: LanguagePair,
    sourceKeyHashes: readonly string[],
  ): Promise<Map<string, number>>;
  /** Active entries of one translation with these source keys, counted per key and unit. */
  ownSourceKeys(
    translationId: string,
    sourceKeyHashes: readonly string[],
  ): Promise<{ sourceKeyHash: string; unitId: string; count: number }[]>;
}

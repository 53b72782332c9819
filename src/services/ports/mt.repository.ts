/**
 * Machine translation settings and results: which language pairs an administrator enabled
 * (and with which engine), and every result an engine gave, so a repeated request is answered
 * from here without calling the engine.
 */
import type { MtEngine } from './mt.js';

/** An enabled pair. */
export interface MtPairRecord {
  sourceLanguage: string;
  targetLanguage: string;
  engine: MtEngine;
  enabledBy: string | null;
  enabledAt: string;
}

/** One kept result: the engine's suggestion for one tagged source. */
export interface MtCacheRecord {
  engine: MtEngine;
  sourceLanguage: string;
  targetLanguage: string;
  /** SHA-256 (hex) of `source`. */
  sourceHash: string;
  source: string;
  /** Tagged suggestion: codes placed, or plain text (escaped) when they could not be. */
  result: string;
  codesPlaced: boolean;
  createdAt: string;
}

export interface MtRepository {
  /** Every enabled pair, by source then target. */
  listPairs(): Promise<MtPairRecord[]>;
  findPair(sourceLanguage: string, targetLanguage: string): Promise<MtPairRecord | null>;
  /** Enables the pair with `engine` (or switches its engine). */
  savePair(pair: MtPairRecord): Promise<void>;
  /** Turns the pair off; false when it was not enabled. */
  deletePair(sourceLanguage: string, targetLanguage: string): Promise<boolean>;
  /** Kept results for these source hashes (any order; hashes without one are absent). */
  cached(
    engine: MtEngine,
    sourceLanguage: string,
    targetLanguage: string,
    sourceHashes: readonly string[],
  ): Promise<MtCacheRecord[]>;
  /** Keeps results; one already kept for the same key wins (the others are not written). */
  keep(records: readonly MtCacheRecord[]): Promise<void>;
}

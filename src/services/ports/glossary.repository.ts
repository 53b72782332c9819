/** Glossary terms per language pair (source → target). */
import type { PartOfSpeech } from '../../domain/glossary/index.js';

/** A language pair, canonical BCP 47 tags. */
export interface LanguagePair {
  sourceLanguage: string;
  targetLanguage: string;
}

export interface GlossaryTermRecord extends LanguagePair {
  id: string;
  term: string;
  /** Folded term (unique with the pair and part of speech). */
  termKey: string;
  /** The first word's stem: what matching fetches the term by. */
  lookupKey: string;
  /** Folded term and translation, for the page's search. */
  searchKey: string;
  /** Null exactly when doNotTranslate. */
  translation: string | null;
  definition: string;
  partOfSpeech: PartOfSpeech;
  note: string;
  caseSensitive: boolean;
  doNotTranslate: boolean;
  forbidden: string[];
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface GlossaryRepository {
  /** Inserts a term; false when the pair already has it (same term key and part of speech). */
  insert(term: GlossaryTermRecord): Promise<boolean>;
  /**
   * Inserts the term, or updates the one with the same pair, term key and part of speech
   * (keeping its id, creator and creation time). Returns the id of the row written.
   */
  upsert(term: GlossaryTermRecord): Promise<string>;
  /**
   * Writes `term` over the row with its id if that row was last updated at `baseUpdatedAt`.
   * 'updated', 'stale' (changed since, or gone), or 'duplicate' (another term of the pair
   * already has the new term key and part of speech).
   */
  updateIf(
    term: GlossaryTermRecord,
    baseUpdatedAt: string,
  ): Promise<'updated' | 'stale' | 'duplicate'>;
  /** Deletes a term; false when there was none. */
  delete(id: string): Promise<boolean>;
  findById(id: string): Promise<GlossaryTermRecord | null>;
  /** The terms of a pair with one of these term keys (for an import's report). */
  findByTermKeys(pair: LanguagePair, termKeys: readonly string[]): Promise<GlossaryTermRecord[]>;
  /** The terms of a pair whose lookup key is one of `keys` (what matching a text needs). */
  findByLookupKeys(pair: LanguagePair, keys: readonly string[]): Promise<GlossaryTermRecord[]>;
  /**
   * A page of a pair's terms in term order; `search` (already folded) matches anywhere in
   * the term or its translation.
   */
  list(
    pair: LanguagePair,
    options: { search?: string; limit: number; offset: number },
  ): Promise<GlossaryTermRecord[]>;
  /** How many terms `list` would give without limit and offset. */
  count(pair: LanguagePair, options: { search?: string }): Promise<number>;
  /** The pairs that have terms, with how many. */
  pairs(): Promise<(LanguagePair & { terms: number })[]>;
}

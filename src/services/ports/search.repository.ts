import type { SearchAnalysis, SearchAnalysisKind } from '../../domain/search-text.js';

/**
 * Marks around matched words in search snippets. Control characters that the indexed text
 * never contains (the search service strips them), so snippets stay plain text: the view
 * splits on them and renders `<mark>` itself, with the user's text escaped.
 */
export const snippetMarks = { start: '\u0002', end: '\u0003' } as const;

/** The searchable text of one published post in one language (the original or a translation). */
export interface SearchText {
  postId: string;
  language: string;
  title: string;
  /** Plain text: excerpt and body, blocks separated by newlines. */
  body: string;
}

/**
 * A text's analysis (SearchAnalysis, defined with the analysis itself in
 * src/domain/search-text.ts), computed by `ContentFormat.analyzeForSearch` in a worker thread.
 */
export type { SearchAnalysis, SearchAnalysisKind };

/** A text ready to index: the text and its analysis, of the kind the repository stores. */
export interface SearchDocument extends SearchText {
  analysis: SearchAnalysis;
}

export interface SearchQuery {
  language: string;
  /** The reader's words as typed; the repository turns them into a safe engine query. */
  text: string;
  /**
   * Also originals written in these languages that have no published translation into
   * `language` (what the reader's listings show in the original's language).
   */
  originalsIn?: readonly string[];
  limit: number;
  offset: number;
}

export interface SearchHit {
  postId: string;
  language: string;
  title: string;
  /** A few words of the body (as written) around the matches, matches between `snippetMarks`. */
  snippet: string;
  slug: string;
  publishedAt: string;
}

/**
 * The full-text index of published posts: SQLite FTS5, PostgreSQL tsvector + GIN. On both,
 * other forms of a word match by its stem where the language has a stemmer ("bibliotecas"
 * finds "biblioteca") and Latin, Greek and Cyrillic accents are optional ("maraton" finds
 * "maratón"); titles and snippets keep the text as written.
 */
export interface SearchRepository {
  /** The analysis `index` needs (the engine's): ask `ContentFormat.analyzeForSearch` for it. */
  readonly analysisKind: SearchAnalysisKind;
  /**
   * Adds or replaces the row of (postId, language). Throws when the analysis is not of
   * `analysisKind`.
   */
  index(document: SearchDocument): Promise<void>;
  /** Removes the post's rows in every language. */
  remove(postId: string): Promise<void>;
  /** Empties the index (before a rebuild). */
  clear(): Promise<void>;
  /** Matching published posts in the query's language, best match first, then newest. */
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** How many rows `search` would find without limit and offset. */
  count(query: Omit<SearchQuery, 'limit' | 'offset'>): Promise<number>;
}

/**
 * Marks around matched words in search snippets. Control characters that the indexed text
 * never contains (the search service strips them), so snippets stay plain text: the view
 * splits on them and renders `<mark>` itself, with the user's text escaped.
 */
export const snippetMarks = { start: '\u0002', end: '\u0003' } as const;

/** The searchable text of one published post in one language (the original or a translation). */
export interface SearchDocument {
  postId: string;
  language: string;
  title: string;
  /** Plain text: excerpt and body, blocks separated by newlines. */
  body: string;
}

export interface SearchQuery {
  language: string;
  /** The reader's words as typed; the repository turns them into a safe engine query. */
  text: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  postId: string;
  language: string;
  title: string;
  /** A few words of the body around the matches, matches between `snippetMarks`. */
  snippet: string;
  slug: string;
  publishedAt: string;
}

/** The full-text index of published posts: SQLite FTS5, PostgreSQL tsvector + GIN. */
export interface SearchRepository {
  /** Adds or replaces the row of (postId, language). */
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

/**
 * The full-text index of published posts (table `post_search`, migration 0002), one row per
 * (post, language). The two engines differ in ways readers can notice:
 *
 * - SQLite (FTS5, unicode61 remove_diacritics 2): case- and accent-insensitive in every
 *   language, no stemming; the last word matches as a prefix (`investig` finds
 *   "investigación"); words are all required, punctuation and operators are plain text.
 * - PostgreSQL: the language's own text search configuration (stemming and stop words:
 *   `english`, `spanish`, …; `simple` for the others), `websearch_to_tsquery` syntax
 *   ("quoted phrases", `or`, `-word`); accents are significant (no `unaccent`).
 *
 * Reader input never reaches either engine as query syntax it did not mean: FTS5 terms are
 * quoted here, and websearch_to_tsquery never fails on any input.
 */
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import { snippetMarks } from '../../services/repositories.js';
import type {
  SearchDocument,
  SearchHit,
  SearchQuery,
  SearchRepository,
} from '../../services/repositories.js';
import type { Database } from '../schema.js';

interface HitRow {
  post_id: string;
  language: string;
  title: string;
  snippet: string | null;
  slug: string;
  published_at: string | null;
}

/** Words of context in a snippet (FTS5 tokens; PostgreSQL MaxWords). */
const SNIPPET_WORDS = 24;

export class KyselySearchRepository implements SearchRepository {
  private readonly sqlite: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  }

  async index(d: SearchDocument): Promise<void> {
    if (this.sqlite) {
      // FTS5 has no unique constraint or upsert: replace by delete + insert (one transaction
      // when called from a service, as the workflow does).
      await sql`DELETE FROM post_search WHERE post_id = ${d.postId} AND language = ${d.language}`.execute(
        this.db,
      );
      await sql`INSERT INTO post_search (post_id, language, title, body)
        VALUES (${d.postId}, ${d.language}, ${d.title}, ${d.body})`.execute(this.db);
      return;
    }
    const config = textSearchConfig(d.language);
    await sql`INSERT INTO post_search (post_id, language, config, title, body, document)
      VALUES (${d.postId}, ${d.language}, ${config}, ${d.title}, ${d.body},
        setweight(to_tsvector(${config}::regconfig, ${d.title}), 'A') ||
        setweight(to_tsvector(${config}::regconfig, ${d.body}), 'B'))
      ON CONFLICT (post_id, language) DO UPDATE SET
        config = excluded.config, title = excluded.title, body = excluded.body,
        document = excluded.document`.execute(this.db);
  }

  async remove(postId: string): Promise<void> {
    await sql`DELETE FROM post_search WHERE post_id = ${postId}`.execute(this.db);
  }

  async clear(): Promise<void> {
    await sql`DELETE FROM post_search`.execute(this.db);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    if (this.sqlite) {
      const match = fts5Query(q.text);
      if (match === null) return [];
      // Column 3 is `body`; bm25 weights: title counts ten times as much as body.
      const { rows } = await sql<HitRow>`
        SELECT post_search.post_id, post_search.language, post_search.title,
          snippet(post_search, 3, ${snippetMarks.start}, ${snippetMarks.end}, '…', ${SNIPPET_WORDS})
            AS snippet,
          posts.slug, posts.published_at
        FROM post_search JOIN posts ON posts.id = post_search.post_id
        WHERE post_search MATCH ${match}
          AND post_search.language = ${q.language}
          AND posts.status = 'published'
        ORDER BY bm25(post_search, 0, 0, 10.0, 1.0), posts.published_at DESC, posts.id
        LIMIT ${q.limit} OFFSET ${q.offset}`.execute(this.db);
      return rows.map(toHit);
    }
    const config = textSearchConfig(q.language);
    const options =
      `StartSel=${snippetMarks.start}, StopSel=${snippetMarks.end}, MaxFragments=2, ` +
      `MaxWords=${SNIPPET_WORDS}, MinWords=8, FragmentDelimiter=" … "`;
    // The headline (costly) is computed only for the page's rows.
    const { rows } = await sql<HitRow>`
      SELECT page.post_id, page.language, page.title,
        ts_headline(page.config::regconfig, page.body, page.query, ${options}) AS snippet,
        page.slug, page.published_at
      FROM (
        SELECT s.post_id, s.language, s.title, s.body, s.config, q.query, p.slug, p.published_at,
          ts_rank(s.document, q.query) AS rank
        FROM post_search s
          JOIN posts p ON p.id = s.post_id
          CROSS JOIN websearch_to_tsquery(${config}::regconfig, ${q.text}) AS q(query)
        WHERE s.language = ${q.language} AND s.document @@ q.query AND p.status = 'published'
        ORDER BY rank DESC, p.published_at DESC, p.id
        LIMIT ${q.limit} OFFSET ${q.offset}
      ) AS page
      ORDER BY page.rank DESC, page.published_at DESC, page.post_id`.execute(this.db);
    return rows.map(toHit);
  }

  async count(q: Omit<SearchQuery, 'limit' | 'offset'>): Promise<number> {
    if (this.sqlite) {
      const match = fts5Query(q.text);
      if (match === null) return 0;
      const { rows } = await sql<{ total: number }>`
        SELECT count(*) AS total
        FROM post_search JOIN posts ON posts.id = post_search.post_id
        WHERE post_search MATCH ${match}
          AND post_search.language = ${q.language}
          AND posts.status = 'published'`.execute(this.db);
      return Number(rows[0]?.total ?? 0);
    }
    const { rows } = await sql<{ total: string | number }>`
      SELECT count(*) AS total
      FROM post_search s
        JOIN posts p ON p.id = s.post_id
        CROSS JOIN websearch_to_tsquery(${textSearchConfig(q.language)}::regconfig, ${q.text})
          AS q(query)
      WHERE s.language = ${q.language} AND s.document @@ q.query AND p.status = 'published'`.execute(
      this.db,
    );
    return Number(rows[0]?.total ?? 0);
  }
}

function toHit(row: HitRow): SearchHit {
  return {
    postId: row.post_id,
    language: row.language,
    title: row.title,
    snippet: row.snippet ?? '',
    slug: row.slug,
    publishedAt: row.published_at ?? '',
  };
}

/**
 * PostgreSQL's built-in text search configurations by primary language subtag (PostgreSQL 13
 * or later has them all); every other language is searched with `simple` (no stemming, no stop
 * words), which works for any script.
 */
const configs: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

/** The PostgreSQL text search configuration for a BCP 47 tag (`es-AR` → `spanish`). */
export function textSearchConfig(language: string): string {
  return configs[language.split('-')[0]?.toLowerCase() ?? ''] ?? 'simple';
}

/**
 * The reader's words as an FTS5 query: every word quoted (so `AND`, `NEAR`, `(`, `*`, `:` and
 * `"` are text, not syntax), all required, the last one also as a prefix. Words without a
 * letter or digit are dropped (the tokenizer would drop them too); null when nothing is left.
 */
export function fts5Query(text: string): string | null {
  const words = text
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => `"${word.replaceAll('"', '""')}"`);
  if (words.length === 0) return null;
  return `${words.join(' ')}*`;
}

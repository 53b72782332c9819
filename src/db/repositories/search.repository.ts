/**
 * The full-text index of published posts (table `post_search`, migrations 0002 and 0014), one
 * row per (post, language); searches find posts, never pages (`posts.kind`, migration 0034),
 * which are indexed like posts so that retyping one needs no re-indexing. Both engines match by the same analysis, done by the application
 * (src/domain/search-text.ts) because neither engine can do all of it: words by
 * `Intl.Segmenter`, case and accents folded (Latin, Greek and Cyrillic accents only; marks of
 * Arabic, Hebrew, Indic and Thai text are letters and stay), stems per language. `unaccent`
 * is not used: PGlite lacks it, and one folding everywhere means one behaviour.
 *
 * - SQLite (FTS5): `title` and `body` are stored for display only; `title_terms` and
 *   `body_terms` hold each word's folded form and its stems (both the stem of the word and
 *   the stem of its folded form, from `@orama/stemmers`), and each query word must match one
 *   of its own; the last word also matches as a prefix (`investig` finds "investigación").
 *   Punctuation and operators are plain text.
 * - PostgreSQL: the language's own text search configuration (`english`, `spanish`, …;
 *   `simple` for the others) over the text as written and over its folded copy, queried the
 *   same two ways (`websearch_to_tsquery` syntax: "quoted phrases", `or`, `-word`).
 *
 * The analysis stored besides the text (the SQLite terms, the PostgreSQL folded copy) comes
 * with the document (`SearchDocument.analysis`), computed by services in a worker thread:
 * `index` only writes it, so publishing a long body never analyses it on the event loop.
 *
 * Snippets are cut from the body as written (accents and case kept) and marked by the application
 * with the same rules on every engine (src/domain/search-snippet.ts). Rows carry the
 * `index_version` (SEARCH_TEXT_VERSION) they were analysed with; `refreshStale` re-analyses
 * older rows from their stored text, which `migrateToLatest` runs after every migration.
 *
 * Reader input never reaches either engine as query syntax it did not mean: FTS5 terms are
 * quoted here, and websearch_to_tsquery never fails on any input.
 */
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { searchSnippet } from '../../domain/search-snippet.js';
import {
  analyzeSearchText,
  foldAccents,
  SEARCH_TEXT_VERSION,
  searchTerms,
} from '../../domain/search-text.js';
import type { SearchTerm } from '../../domain/search-text.js';
import { snippetMarks } from '../../services/repositories.js';
import type {
  SearchAnalysisKind,
  SearchDocument,
  SearchHit,
  SearchQuery,
  SearchRepository,
} from '../../services/repositories.js';
import type { Database } from '../schema.js';

/** One language's share of a search (see `parts`). */
interface SearchPart {
  language: string;
  /** Only originals in this language not translated into the reader's language. */
  originalsOnly: boolean;
}

interface HitRow {
  post_id: string;
  language: string;
  title: string;
  body: string;
  slug: string;
  published_at: string | null;
}

/** Stale rows re-indexed per read by refreshStale. */
const REFRESH_PAGE = 100;

/** Words of context in a snippet. */
const SNIPPET_WORDS = 24;

export class KyselySearchRepository implements SearchRepository {
  private readonly sqlite: boolean;
  readonly analysisKind: SearchAnalysisKind;

  constructor(private readonly db: Kysely<Database>) {
    this.sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    this.analysisKind = this.sqlite ? 'words' : 'folded';
  }

  async index(d: SearchDocument): Promise<void> {
    const { analysis } = d;
    if (analysis.kind !== this.analysisKind)
      throw new Error(
        `This search index stores the '${this.analysisKind}' analysis, not '${analysis.kind}'`,
      );
    if (analysis.kind === 'words') {
      // FTS5 has no unique constraint or upsert: replace by delete + insert (one transaction
      // when called from a service, as the workflow does).
      await sql`DELETE FROM post_search WHERE post_id = ${d.postId} AND language = ${d.language}`.execute(
        this.db,
      );
      await sql`INSERT INTO post_search
          (post_id, language, title, body, title_terms, body_terms, index_version)
        VALUES (${d.postId}, ${d.language}, ${d.title}, ${d.body},
          ${analysis.titleWords}, ${analysis.bodyWords},
          ${SEARCH_TEXT_VERSION})`.execute(this.db);
      return;
    }
    const config = textSearchConfig(d.language);
    // The text as written and its folded copy: the configuration's stemmer sees accents
    // ("investigaciones" and "investigación" share 'investig'), the copy matches a query
    // typed without them ("maraton"). Positions of the copy follow the original's.
    await sql`INSERT INTO post_search (post_id, language, config, title, body, document, index_version)
      VALUES (${d.postId}, ${d.language}, ${config}, ${d.title}, ${d.body},
        setweight(to_tsvector(${config}::regconfig, ${d.title}), 'A') ||
        setweight(to_tsvector(${config}::regconfig, ${analysis.title}), 'A') ||
        setweight(to_tsvector(${config}::regconfig, ${d.body}), 'B') ||
        setweight(to_tsvector(${config}::regconfig, ${analysis.body}), 'B'),
        ${SEARCH_TEXT_VERSION})
      ON CONFLICT (post_id, language) DO UPDATE SET
        config = excluded.config, title = excluded.title, body = excluded.body,
        document = excluded.document, index_version = excluded.index_version`.execute(this.db);
  }

  async remove(postId: string): Promise<void> {
    await sql`DELETE FROM post_search WHERE post_id = ${postId}`.execute(this.db);
  }

  async clear(): Promise<void> {
    await sql`DELETE FROM post_search`.execute(this.db);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    const parts = this.parts(q);
    if (this.sqlite) {
      const matched = parts.flatMap((part) => {
        const terms = searchTerms(q.text, part.language);
        const match = fts5Match(terms);
        return match === null ? [] : [{ ...part, terms, match }];
      });
      if (matched.length === 0) return [];
      // bm25 weights by column: title terms count ten times as much as body terms. Each
      // language is matched by its own analysis of the words, one SELECT each.
      const selects = matched.map(
        (part) => sql`
        SELECT post_search.post_id, post_search.language, post_search.title, post_search.body,
          posts.slug, posts.published_at, posts.id AS sort_id,
          bm25(post_search, 0, 0, 0, 0, 10.0, 1.0, 0) AS rank
        FROM post_search JOIN posts ON posts.id = post_search.post_id
        WHERE post_search MATCH ${part.match}
          AND post_search.language = ${part.language}
          AND posts.status = 'published' AND posts.kind = 'post' ${this.originalOnly(part, q.language)}`,
      );
      const { rows } = await sql<HitRow>`
        ${sql.join(selects, sql` UNION ALL `)}
        ORDER BY rank, published_at DESC, sort_id
        LIMIT ${q.limit} OFFSET ${q.offset}`.execute(this.db);
      const termsOf = new Map(matched.map((part) => [part.language, part.terms]));
      return rows.map((row) => toHit(row, termsOf.get(row.language) ?? [], true));
    }
    const { rows } = await sql<HitRow>`
      SELECT s.post_id, s.language, s.title, s.body, p.slug, p.published_at, p.id AS sort_id,
        ts_rank(s.document, q.query) AS rank
      ${pgMatches(parts, q)}
      ORDER BY rank DESC, published_at DESC, sort_id
      LIMIT ${q.limit} OFFSET ${q.offset}`.execute(this.db);
    if (rows.length === 0) return [];
    const termsOf = new Map<string, SearchTerm[]>();
    for (const language of new Set(rows.map((row) => row.language)))
      termsOf.set(
        language,
        await this.meaningfulTerms(textSearchConfig(language), websearchWords(q.text), language),
      );
    return rows.map((row) => toHit(row, termsOf.get(row.language) ?? [], false));
  }

  async count(q: Omit<SearchQuery, 'limit' | 'offset'>): Promise<number> {
    if (!this.sqlite) {
      const { rows } = await sql<{ total: string | number }>`
        SELECT count(*) AS total ${pgMatches(this.parts(q), q)}`.execute(this.db);
      return Number(rows[0]?.total ?? 0);
    }
    let total = 0;
    for (const part of this.parts(q)) {
      const match = fts5Query(q.text, part.language);
      if (match === null) continue;
      const { rows } = await sql<{ total: number }>`
        SELECT count(*) AS total
        FROM post_search JOIN posts ON posts.id = post_search.post_id
        WHERE post_search MATCH ${match}
          AND post_search.language = ${part.language}
          AND posts.status = 'published' AND posts.kind = 'post' ${this.originalOnly(part, q.language)}`.execute(
        this.db,
      );
      total += Number(rows[0]?.total ?? 0);
    }
    return total;
  }

  /**
   * What one search covers: the rows in the reader's language (originals and published
   * translations), then, for each language of `originalsIn`, the originals written in it that
   * have no published translation into the reader's language — the posts its listings show
   * in their own language. The parts never overlap.
   */
  private parts(q: Pick<SearchQuery, 'language' | 'originalsIn'>): SearchPart[] {
    const others = [...new Set(q.originalsIn ?? [])].filter((l) => l !== q.language);
    return [
      { language: q.language, originalsOnly: false },
      ...others.map((language) => ({ language, originalsOnly: true })),
    ];
  }

  /** The SQLite condition of an originals-only part (`posts` being the posts table). */
  private originalOnly(part: SearchPart, readerLanguage: string) {
    if (!part.originalsOnly) return sql``;
    return sql`AND posts.source_language = ${part.language}
      AND ${untranslatedInto(sql.ref('posts'), readerLanguage)}`;
  }

  /**
   * Re-indexes, from their stored title and body, the rows analysed under another
   * SEARCH_TEXT_VERSION (or before migration 0014); returns how many. Rows are unchanged
   * for readers until then, only matched by the older rules. The analysis runs here, on the
   * main thread, unlike `index`'s callers: `migrateToLatest` runs this at start-up, before
   * the server listens, so it keeps no request waiting (and the database layer has no worker).
   */
  async refreshStale(): Promise<number> {
    if (this.sqlite) return this.refreshStaleFts();
    let refreshed = 0;
    // Stale rows a page at a time with their text, after the last one seen (keyset order):
    // not one read per row, and not every body in memory at once.
    let after = { postId: '', language: '' };
    for (;;) {
      const { rows } = await sql<{
        post_id: string;
        language: string;
        title: string;
        body: string;
      }>`
        SELECT post_id, language, title, body FROM post_search
        WHERE (index_version IS NULL OR index_version <> ${SEARCH_TEXT_VERSION})
          AND (post_id > ${after.postId} OR (post_id = ${after.postId} AND language > ${after.language}))
        ORDER BY post_id, language LIMIT ${REFRESH_PAGE}`.execute(this.db);
      for (const { post_id: postId, language, title, body } of rows) {
        const analysis = analyzeSearchText(this.analysisKind, language, title, body);
        await this.index({ postId, language, title, body, analysis });
        after = { postId, language };
      }
      refreshed += rows.length;
      if (rows.length < REFRESH_PAGE) return refreshed;
    }
  }

  /**
   * refreshStale on SQLite: FTS5 finds a row fast only by its rowid (a `post_id = …` filter
   * reads the whole table), so stale rows are read in rowid order and updated in place by
   * rowid — linear in the rows, where a delete and insert per row was quadratic (a 10,000-post
   * site took minutes to start after SEARCH_TEXT_VERSION changed).
   */
  private async refreshStaleFts(): Promise<number> {
    let refreshed = 0;
    let after = 0;
    for (;;) {
      const { rows } = await sql<{ rowid: number; language: string; title: string; body: string }>`
        SELECT rowid, language, title, body FROM post_search
        WHERE rowid > ${after} AND (index_version IS NULL OR index_version <> ${SEARCH_TEXT_VERSION})
        ORDER BY rowid LIMIT ${REFRESH_PAGE}`.execute(this.db);
      for (const { rowid, language, title, body } of rows) {
        const analysis = analyzeSearchText('words', language, title, body);
        if (analysis.kind !== 'words') throw new Error('FTS5 stores the words analysis');
        await sql`UPDATE post_search SET title_terms = ${analysis.titleWords},
            body_terms = ${analysis.bodyWords}, index_version = ${SEARCH_TEXT_VERSION}
          WHERE rowid = ${rowid}`.execute(this.db);
        after = rowid;
      }
      refreshed += rows.length;
      if (rows.length < REFRESH_PAGE) return refreshed;
    }
  }

  /**
   * The query's words that PostgreSQL searched for: without websearch operators and without
   * the configuration's stop words (which it ignores), so snippets mark only those.
   */
  private async meaningfulTerms(
    config: string,
    text: string,
    language: string,
  ): Promise<SearchTerm[]> {
    const terms = searchTerms(text, language);
    if (terms.length === 0) return [];
    const { rows } = await sql<{ word: string }>`
      SELECT t.word FROM json_array_elements_text(${JSON.stringify(terms.map((t) => t.folded))}::json)
        AS t(word)
      WHERE to_tsvector(${config}::regconfig, t.word) <> ''::tsvector`.execute(this.db);
    const searched = new Set(rows.map((r) => r.word));
    return terms.filter((t) => searched.has(t.folded));
  }
}

function toHit(row: HitRow, terms: readonly SearchTerm[], prefixLast: boolean): SearchHit {
  const parts = searchSnippet(row.body, row.language, terms, {
    words: SNIPPET_WORDS,
    prefixLast,
  });
  return {
    postId: row.post_id,
    language: row.language,
    title: row.title,
    snippet: parts
      .map((p) => (p.marked ? `${snippetMarks.start}${p.text}${snippetMarks.end}` : p.text))
      .join(''),
    slug: row.slug,
    publishedAt: row.published_at ?? '',
  };
}

/**
 * FROM and WHERE of a search on PostgreSQL: each part's language with its query, in a VALUES
 * list joined to the index, so the whole search is one join. (A UNION ALL of one SELECT per
 * part took the planner about 7 ms for eight languages, against 1 ms for the whole of this.)
 */
function pgMatches(parts: readonly SearchPart[], q: Pick<SearchQuery, 'language' | 'text'>) {
  const rows = parts.map(
    (part) =>
      sql`(${part.language}::text, ${part.originalsOnly}::boolean, ${tsQuery(textSearchConfig(part.language), q.text)})`,
  );
  return sql`
    FROM (VALUES ${sql.join(rows)}) AS q(language, originals_only, query)
      JOIN post_search s ON s.language = q.language AND s.document @@ q.query
      JOIN posts p ON p.id = s.post_id
    WHERE p.status = 'published' AND p.kind = 'post'
      AND (NOT q.originals_only OR (p.source_language = s.language
        AND ${untranslatedInto(sql.ref('p'), q.language)}))`;
}

/** The post `posts` (a table or alias) has no published translation into `language`. */
function untranslatedInto(posts: RawBuilder<unknown>, language: string) {
  return sql`NOT EXISTS (SELECT 1 FROM translations t
    WHERE t.post_id = ${posts}.id AND t.language = ${language} AND t.status = 'published')`;
}

/** The reader's text as a tsquery: as typed, or folded (matching the folded copy). */
function tsQuery(config: string, text: string) {
  return sql`(SELECT websearch_to_tsquery(${config}::regconfig, ${text}) ||
    websearch_to_tsquery(${config}::regconfig, ${foldAccents(text)}))`;
}

/** The words of a websearch query: without `or` and the `-word`s it excludes. */
function websearchWords(text: string): string {
  return text
    .split(/\s+/u)
    .filter((word) => word.toLowerCase() !== 'or' && !word.startsWith('-'))
    .join(' ');
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
 * The reader's words (analysed in the searched language) as an FTS5 query over the indexed
 * words: each term must match one of its keys or its folded form (the last term: any word
 * starting with it), every one quoted (so `AND`, `NEAR`, `(`, `*`, `:` and `"` are text, not
 * syntax); null when there is no word at all.
 */
export function fts5Query(text: string, language: string): string | null {
  return fts5Match(searchTerms(text, language));
}

function fts5Match(terms: readonly SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  const last = terms.length - 1;
  const groups = terms.map((term, i) => {
    const alternatives = term.keys.filter((key) => key !== term.folded).map(quoted);
    alternatives.push(i === last ? `${quoted(term.folded)}*` : quoted(term.folded));
    return `{title_terms body_terms} : (${alternatives.join(' OR ')})`;
  });
  return groups.join(' AND ');
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

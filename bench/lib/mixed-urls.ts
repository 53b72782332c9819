// The URLs of the mixed load on the big site, read from its database (a SQLite file or a
// PostgreSQL server) before the server starts: every language's home page and listing pages, random post permalinks, and some tag
// and author pages. Paths are percent-encoded as the site links them.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { postPath } from '../../src/domain/post.js';

/** Listing pages per language: 1 (the home page) up to this, as far as there are posts. */
const MAX_LISTING_PAGE = 50;
/** Posts per listing page (PER_PAGE in src/http/routes/reader/reader.routes.ts). */
const PER_PAGE = 10;

export interface MixedUrls {
  paths: string[];
  counts: { home: number; listing: number; posts: number; tags: number; authors: number };
}

export interface MixedUrlOptions {
  languages: readonly string[];
  posts: number;
  tagPages: number;
  authorPages: number;
}

/** A small PRNG (mulberry32) with a fixed seed, so every run loads the same URLs. */
function sampler(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Up to `count` distinct values of `make()`, giving up after a bounded number of tries. */
function distinct(count: number, make: () => string): Set<string> {
  const values = new Set<string>();
  for (let tries = 0; values.size < count && tries < count * 20; tries++) values.add(make());
  return values;
}

/** What the URLs are made from: the published posts, the tags and the authors. */
export interface SiteRows {
  published: { language: string; slug: string; publishedAt: string }[];
  tags: { slug: string }[];
  authors: { username: string }[];
}

const PUBLISHED_SQL = `SELECT source_language AS language, slug, published_at AS "publishedAt"
  FROM posts WHERE status = 'published' ORDER BY id`;
const TAGS_SQL = `SELECT slug FROM taxonomy_terms WHERE kind = 'tag' ORDER BY slug`;
const AUTHORS_SQL = `SELECT DISTINCT users.username AS username FROM users
  JOIN post_authors ON post_authors.user_id = users.id ORDER BY users.username`;

/** The mixed URLs of the site in SQLite file `databaseFile`. */
export function mixedUrls(databaseFile: string, options: MixedUrlOptions): MixedUrls {
  const db = new SqliteDatabase(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return mixedUrlsOf(
      {
        published: db.prepare(PUBLISHED_SQL).all() as SiteRows['published'],
        tags: db.prepare(TAGS_SQL).all() as SiteRows['tags'],
        authors: db.prepare(AUTHORS_SQL).all() as SiteRows['authors'],
      },
      options,
    );
  } finally {
    db.close();
  }
}

/** The mixed URLs of the site on a PostgreSQL server (`databaseUrl`). */
export async function mixedUrlsOnPostgres(
  databaseUrl: string,
  options: MixedUrlOptions,
): Promise<MixedUrls> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const published = await client.query<{ language: string; slug: string; publishedAt: string }>(
      PUBLISHED_SQL,
    );
    const tags = await client.query<{ slug: string }>(TAGS_SQL);
    const authors = await client.query<{ username: string }>(AUTHORS_SQL);
    return mixedUrlsOf(
      { published: published.rows, tags: tags.rows, authors: authors.rows },
      options,
    );
  } finally {
    await client.end();
  }
}

/** Every language's home and listing pages, then sampled posts, tag and author pages. */
export function mixedUrlsOf(rows: SiteRows, options: MixedUrlOptions): MixedUrls {
  const { tags, authors } = rows;
  const published = rows.published.filter((p) => options.languages.includes(p.language));
  const next = sampler(42);
  const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
  const lastPage = Math.min(MAX_LISTING_PAGE, Math.ceil(published.length / PER_PAGE));
  const home = options.languages.map((lang) => `/${lang}/`);
  const listing = options.languages.flatMap((lang) =>
    Array.from({ length: Math.max(0, lastPage - 1) }, (_, i) => `/${lang}/page/${i + 2}`),
  );
  const posts = distinct(Math.min(options.posts, published.length), () =>
    postPath(pick(published)),
  );
  const tagPaths =
    tags.length === 0
      ? new Set<string>()
      : distinct(
          options.tagPages,
          () => `/${pick(options.languages)}/tag/${encodeURIComponent(pick(tags).slug)}`,
        );
  const authorPaths =
    authors.length === 0
      ? new Set<string>()
      : distinct(
          options.authorPages,
          () => `/${pick(options.languages)}/author/${encodeURIComponent(pick(authors).username)}`,
        );
  return {
    paths: [...home, ...listing, ...posts, ...tagPaths, ...authorPaths],
    counts: {
      home: home.length,
      listing: listing.length,
      posts: posts.size,
      tags: tagPaths.size,
      authors: authorPaths.size,
    },
  };
}

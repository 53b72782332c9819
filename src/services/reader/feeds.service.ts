/**
 * What a feed carries: the newest posts of one listing (a language's home, a tag, a category,
 * an author, an organization, an event or a month), each once, in the version the listing
 * shows, with its full sanitized HTML, authors, tags and categories, dates and absolute URLs.
 * Serializing to RSS, Atom or JSON Feed is interchange's job; titles in the feed's language
 * are the HTTP layer's.
 */
import type { ServiceDeps } from '../deps.js';
import { renderPublishedVersion } from '../posts/read-post.service.js';
import { listPosts } from './listing.service.js';
import type { ListingFilter, ListingSubject } from './listing.service.js';

/** How many items a feed holds (the newest). */
export const FEED_SIZE = 20;

/** Every listing has its feed: the same filter, the same posts, the same 404s. */
export type FeedFilter = ListingFilter;

export interface FeedLink {
  name: string;
  /** Absolute URL of the person's or term's listing in the feed's language. */
  url: string;
}

export interface FeedCategory extends FeedLink {
  kind: 'tag' | 'category';
  slug: string;
}

export interface FeedItemData {
  /** The absolute permalink: stable, so it is also the item's id / guid. */
  id: string;
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** Sanitized HTML of the body; links and images may still be root-relative. */
  contentHtml: string;
  /** Language of the version shown (the original's when the feed's language has none). */
  language: string;
  publishedAt: string;
  updatedAt: string;
  authors: FeedLink[];
  categories: FeedCategory[];
}

export interface FeedData {
  language: string;
  subject: ListingSubject;
  /** Absolute URL of the listing page the feed mirrors. */
  homeUrl: string;
  /** Absolute URLs of this feed in each format (self links). */
  feedUrls: { rss: string; atom: string; json: string };
  /** The newest change among the items (ISO), or now when the feed is empty. */
  updated: string;
  items: FeedItemData[];
  /** Listings and posts shown, for page-cache invalidation. */
  cacheKeys: string[];
}

/** The site's public base URL without a trailing slash. */
export function siteOrigin(deps: ServiceDeps): string {
  return deps.settings.publicUrl.replace(/\/+$/, '');
}

/** Path of a listing page in `language`, e.g. `/es/tag/wikimedia` (the home page: `/es/`). */
export function listingPath(language: string, subject: ListingSubject): string {
  const at = (kind: string, slug: string) => `/${language}/${kind}/${encodeURIComponent(slug)}`;
  switch (subject.kind) {
    case 'all':
      return `/${language}/`;
    case 'tag':
    case 'category':
      return at(subject.kind, subject.term.slug);
    case 'author':
      return at('author', subject.person.username);
    case 'organization':
      return at('organization', subject.organization.slug);
    case 'event':
      return at('event', subject.event.slug);
    case 'month':
      return `/${language}/${String(subject.year).padStart(4, '0')}/${String(subject.month).padStart(2, '0')}`;
  }
}

/**
 * The newest FEED_SIZE posts of the listing in `language`. `language` must already be a site
 * language. Throws NotFoundError exactly where listPosts does (an unknown tag, category,
 * author, organization or event, an impossible month); an empty month or event is an empty
 * feed, as its page is an empty listing.
 */
export async function buildFeed(
  deps: ServiceDeps,
  language: string,
  filter: FeedFilter,
): Promise<FeedData> {
  const origin = siteOrigin(deps);
  const listing = await listPosts(deps, language, filter, 1, FEED_SIZE);
  const home = listingPath(language, listing.subject);
  const feedBase = `${origin}${home.endsWith('/') ? home : `${home}/`}`;
  // Full content needs each body rendered; a feed is at most FEED_SIZE posts and is cached.
  const views = await Promise.all(
    listing.entries.map(async (e) => {
      const { post } = e.summary;
      const revision = await deps.store.posts.revision(post.id, e.summary.revision.number);
      // Gone only with its post, deleted since the listing was read: the item keeps its excerpt.
      return revision ? renderPublishedVersion(deps, post, revision, e.language) : null;
    }),
  );
  const items = listing.entries.map((entry, index): FeedItemData => {
    const view = views[index];
    const url = `${origin}${entry.path}`;
    const terms = (
      kind: 'tag' | 'category',
      list: { name: string; slug: string }[],
    ): FeedCategory[] =>
      list.map((term) => ({
        kind,
        name: term.name,
        slug: term.slug,
        url: `${origin}/${language}/${kind}/${encodeURIComponent(term.slug)}`,
      }));
    return {
      id: url,
      url,
      title: entry.title,
      summary: entry.excerpt,
      contentHtml: view?.bodyHtml ?? '',
      language: entry.language,
      publishedAt: entry.publishedAt,
      updatedAt: entry.updatedAt,
      authors: entry.authors.map((person) => ({
        name: person.displayName,
        url: `${origin}/${language}/author/${encodeURIComponent(person.username)}`,
      })),
      categories: [
        ...terms('tag', view?.tags ?? entry.tags),
        ...terms('category', view?.categories ?? []),
      ],
    };
  });
  const newest = items.reduce<string | null>(
    (max, item) => (max === null || item.updatedAt > max ? item.updatedAt : max),
    null,
  );
  return {
    language,
    subject: listing.subject,
    homeUrl: `${origin}${home}`,
    feedUrls: {
      rss: `${feedBase}feed.xml`,
      atom: `${feedBase}atom.xml`,
      json: `${feedBase}feed.json`,
    },
    updated: newest ?? deps.clock.now().toISOString(),
    items,
    cacheKeys: [
      ...new Set([...listing.cacheKeys, ...listing.entries.map((e) => `post:${e.postId}`)]),
    ],
  };
}

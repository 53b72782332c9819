/**
 * The kinds of post, written once (migration 0034's CHECK lists the same two): a `post` is
 * dated writing that listings, feeds and search show; a `page` (WordPress's pages: "About",
 * "Contact") keeps its permalink and renders and translates like a post, but listings, feeds
 * and search leave it out, and the site's navigation links to it instead. The sitemap lists
 * both.
 */
export const POST_KINDS = ['post', 'page'] as const;

export type PostKind = (typeof POST_KINDS)[number];

/** The cache key of the navigation's list of pages: publishing, unpublishing or retyping a page drops it. */
export const PAGES_KEY = 'list:pages';

/** Narrows a stored or submitted value; unknown values are not a kind. */
export function isPostKind(value: unknown): value is PostKind {
  return value === 'post' || value === 'page';
}

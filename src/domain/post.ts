/**
 * Posts and their editorial workflow:
 *   draft → submitted → published | scheduled → published → unpublished → (submitted | published)
 * Every save makes a revision; the post row points at its current and published revisions.
 */
import { DomainError } from './errors.js';
import { slugify } from './slug.js';

export const postStatuses = [
  'draft',
  'submitted',
  'scheduled',
  'published',
  'unpublished',
] as const;
export type PostStatus = (typeof postStatuses)[number];

export function isPostStatus(value: string): value is PostStatus {
  return (postStatuses as readonly string[]).includes(value);
}

export type WorkflowAction = 'submit' | 'publish' | 'schedule' | 'unpublish' | 'withdraw';

const transitions: Record<WorkflowAction, readonly PostStatus[]> = {
  submit: ['draft', 'unpublished'],
  withdraw: ['submitted', 'scheduled'],
  publish: ['draft', 'submitted', 'scheduled', 'unpublished', 'published'],
  schedule: ['draft', 'submitted', 'unpublished', 'scheduled'],
  unpublish: ['published', 'scheduled'],
};

const results: Record<WorkflowAction, PostStatus> = {
  submit: 'submitted',
  withdraw: 'draft',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
};

/** The status after `action`, or throws `invalid_transition` naming both. */
export function nextStatus(current: PostStatus, action: WorkflowAction): PostStatus {
  if (!transitions[action].includes(current)) {
    throw new DomainError('invalid_transition', `A ${current} post cannot be ${pastTense[action]}`);
  }
  return results[action];
}

const pastTense: Record<WorkflowAction, string> = {
  submit: 'submitted for review',
  withdraw: 'withdrawn',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
};

/** Editable content of one revision (what the editor form holds). */
export interface PostContent {
  title: string;
  excerpt: string;
  bodyMarkdown: string;
  featuredMediaId: string | null;
  featuredAlt: string;
  authorIds: string[];
  organizationIds: string[];
  tags: string[];
  categories: string[];
  eventIds: string[];
}

/** Permalink path of a post in its own language: /{lang}/{yyyy}/{mm}/{dd}/{slug}. */
export function postPath(post: {
  language: string;
  slug: string;
  publishedAt: string | null;
}): string {
  const date = (post.publishedAt ?? new Date(0).toISOString()).slice(0, 10).split('-');
  return `/${post.language}/${date[0]}/${date[1]}/${date[2]}/${encodeURIComponent(post.slug)}`;
}

/**
 * Page `page` of the listing at `basePath` (`/en`, `/en/tag/x`, `/en/2026/10`): the listing
 * itself for the first (`/en/` for a language's home), `{basePath}/page/{n}` after. A path,
 * never a query, so a static export can write every page as a file.
 */
export function listingPagePath(basePath: string, page: number, home: boolean): string {
  if (page > 1) return `${basePath}/page/${page}`;
  return home ? `${basePath}/` : basePath;
}

/**
 * Which version of a post a page in `language` shows: the version in that language when it
 * exists, otherwise the original. Listings use it so each post appears exactly once.
 */
export function chooseVersion(
  versions: readonly string[],
  sourceLanguage: string,
  language: string,
): string {
  return versions.includes(language) ? language : sourceLanguage;
}

/**
 * Cache keys of everything a published post appears in: its own pages and every listing
 * (all posts, its tags, categories, authors, organizations, events and its month). Comparing
 * the keys before and after a change tells a page cache exactly what to drop.
 */
export function publicKeys(
  post: { id: string; publishedAt: string | null },
  relations: {
    tags: readonly string[];
    categories: readonly string[];
    authorIds: readonly string[];
    organizationIds: readonly string[];
    eventIds: readonly string[];
  },
): string[] {
  return [
    `post:${post.id}`,
    'list:all',
    ...(post.publishedAt ? [`list:month:${post.publishedAt.slice(0, 7)}`] : []),
    ...relations.tags.map((name) => `list:tag:${slugify(name)}`),
    ...relations.categories.map((name) => `list:category:${slugify(name)}`),
    ...relations.authorIds.map((id) => `list:author:${id}`),
    ...relations.organizationIds.map((id) => `list:organization:${id}`),
    ...relations.eventIds.map((id) => `list:event:${id}`),
  ];
}

/**
 * Posts and their editorial workflow:
 *   draft → submitted → published | scheduled → published → unpublished → (submitted | published)
 * Every save makes a revision; the post row points at its current and published revisions.
 */
import { DomainError } from './errors.js';

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

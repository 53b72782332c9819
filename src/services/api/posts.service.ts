/**
 * What the REST API tells about posts: published posts a page at a time with an opaque keyset
 * cursor (stable while posts are published: no post is skipped or repeated), and one post
 * with its published versions (original and translations, with completion).
 */
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord, PostSummary, RevisionRecord } from '../repositories.js';
import { publicVersions } from '../posts/read-post.service.js';
import type { PostVersion } from '../posts/read-post.service.js';

/** Posts per page unless the client asks for fewer or more (at most MAX_PAGE). */
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

const cursorShape = z.object({ p: z.string().min(1).max(40), i: z.string().min(1).max(64) });

/** The cursor naming the row after which the next page starts. */
export function encodeCursor(post: Pick<PostRecord, 'publishedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify({ p: post.publishedAt, i: post.id })).toString('base64url');
}

/** The row a cursor names; ValidationError (field `cursor`) for anything else. */
export function decodeCursor(cursor: string): { publishedAt: string; id: string } {
  try {
    const parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { publishedAt: parsed.p, id: parsed.i };
  } catch {
    throw new ValidationError([
      { field: 'cursor', message: 'This cursor was not given by the API' },
    ]);
  }
}

export interface ApiPostSummary {
  id: string;
  language: string;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: string | null;
  revision: number;
}

export interface PostPage {
  items: ApiPostSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

function summary({
  post,
  revision,
}: {
  post: PostRecord;
  revision: RevisionRecord;
}): ApiPostSummary {
  return {
    id: post.id,
    language: post.sourceLanguage,
    slug: post.slug,
    title: revision.title,
    excerpt: revision.excerpt,
    publishedAt: post.publishedAt,
    revision: revision.number,
  };
}

/** One page of published posts, newest first. */
export async function listPostsPage(
  deps: ServiceDeps,
  input: { cursor?: string | undefined; limit?: number | undefined },
): Promise<PostPage> {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(input.limit ?? DEFAULT_PAGE)));
  const after = input.cursor !== undefined ? decodeCursor(input.cursor) : undefined;
  // One more than asked tells whether a next page exists.
  const rows: PostSummary[] = await deps.store.posts.listPublished(
    after ? { after } : {},
    limit + 1,
    0,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(summary),
    nextCursor: rows.length > limit && last ? encodeCursor(last.post) : null,
  };
}

export interface ApiPost extends ApiPostSummary {
  bodyMarkdown: string;
  versions: PostVersion[];
}

/** A published post with its versions; NotFoundError for anything not published. */
export async function publishedPostForApi(deps: ServiceDeps, postId: string): Promise<ApiPost> {
  const post = await deps.store.posts.findById(postId);
  if (!post || post.publishedRevision === null || post.status !== 'published')
    throw new NotFoundError('Post');
  const revision = await deps.store.posts.revision(post.id, post.publishedRevision);
  if (!revision) throw new NotFoundError('Post');
  return {
    ...summary({ post, revision }),
    bodyMarkdown: revision.bodyMarkdown,
    versions: await publicVersions(deps, post, revision),
  };
}

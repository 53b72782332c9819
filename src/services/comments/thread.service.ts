/**
 * What readers see of comments: one language version's thread (top-level comments oldest
 * first, each with its replies), whether the post still takes comments, and the counts
 * listing cards show (one query for a page's posts).
 */
import {
  canDeleteComment,
  canEditComment,
  commentsCloseAt,
  COMMENT_EDIT_GRACE_MS,
} from '../../domain/comments.js';
import type { CommentStatus } from '../../domain/comments.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord } from '../repositories.js';
import { closeAfterDays, isOpen } from './comment-post.js';
import { userKey } from '../change-feed.js';

/** Comments one thread shows at most (the oldest; a thread that long is rare on a blog). */
export const THREAD_LIMIT = 500;

export interface ThreadComment {
  id: string;
  /** Empty for a tombstone. */
  body: string;
  status: CommentStatus;
  deleted: boolean;
  author: { username: string; displayName: string } | null;
  createdAt: string;
  editedAt: string | null;
  /** The viewer may still edit it (until `editableUntil`) or delete it. */
  canEdit: boolean;
  canDelete: boolean;
  editableUntil: string | null;
}

export interface ThreadEntry extends ThreadComment {
  replies: ThreadComment[];
}

export interface CommentThread {
  postId: string;
  language: string;
  entries: ThreadEntry[];
  /** Published comments that are not deleted. */
  count: number;
  open: boolean;
  closesAt: string | null;
  /** The keys of the people the thread names (a cached page showing it carries them). */
  cacheKeys: string[];
}

/**
 * The thread of `post` in `language` as `viewer` sees it (null: a signed-out reader, whose
 * page may be cached — it then shows nothing personal): published comments, tombstones, and
 * the viewer's own comments waiting for moderation.
 */
export async function commentThread(
  deps: ServiceDeps,
  viewer: Actor | null,
  post: Pick<PostRecord, 'id' | 'publishedAt'>,
  language: string,
): Promise<CommentThread> {
  const rows = await deps.store.comments.listThread(
    post.id,
    language,
    viewer?.id ?? null,
    THREAD_LIMIT,
  );
  const now = deps.clock.now();
  const toComment = (row: (typeof rows)[number]): ThreadComment => {
    const editable = canEditComment(viewer, row, now);
    return {
      id: row.id,
      body: row.deletedAt ? '' : row.body,
      status: row.status,
      deleted: row.deletedAt !== null,
      author:
        row.authorUsername !== null && row.deletedAt === null
          ? {
              username: row.authorUsername,
              displayName: row.authorDisplayName ?? row.authorUsername,
            }
          : null,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      canEdit: editable,
      canDelete: canDeleteComment(viewer, row),
      editableUntil: editable
        ? new Date(Date.parse(row.createdAt) + COMMENT_EDIT_GRACE_MS).toISOString()
        : null,
    };
  };
  const entries: ThreadEntry[] = [];
  const byId = new Map<string, ThreadEntry>();
  for (const row of rows) {
    if (row.parentId !== null) continue;
    const entry = { ...toComment(row), replies: [] };
    entries.push(entry);
    byId.set(row.id, entry);
  }
  // Replies under their top-level comment; one whose parent is not shown is not shown either.
  for (const row of rows) if (row.parentId) byId.get(row.parentId)?.replies.push(toComment(row));
  const closes = commentsCloseAt(post.publishedAt, closeAfterDays(deps));
  return {
    postId: post.id,
    language,
    entries,
    count: rows.filter((r) => r.status === 'published' && r.deletedAt === null).length,
    open: isOpen(deps, post),
    closesAt: closes?.toISOString() ?? null,
    cacheKeys: [
      ...new Set(
        rows.flatMap((r) => (r.authorId !== null && r.deletedAt === null ? [r.authorId] : [])),
      ),
    ].map(userKey),
  };
}

/** Published comments of each (post, language) shown on a listing page, in one query. */
export async function commentCounts(
  deps: ServiceDeps,
  pairs: readonly { postId: string; language: string }[],
): Promise<Map<string, number>> {
  const rows = await deps.store.comments.countPublished(pairs);
  return new Map(rows.map((r) => [countKey(r.postId, r.language), r.count]));
}

/** The key of one (post, language) in commentCounts' map. */
export function countKey(postId: string, language: string): string {
  return `${postId}\u0000${language}`;
}

/**
 * Listing cards with the number of published comments of the thread each links to (the
 * listing language's), counted for the whole page in one query.
 */
export async function withCommentCounts<E extends { postId: string }>(
  deps: ServiceDeps,
  language: string,
  entries: E[],
): Promise<(E & { commentCount: number })[]> {
  const counts = await commentCounts(
    deps,
    entries.map((e) => ({ postId: e.postId, language })),
  );
  return entries.map((e) => ({
    ...e,
    commentCount: counts.get(countKey(e.postId, language)) ?? 0,
  }));
}

/**
 * The editors' moderation queue (`/editorial/comments`): comments waiting for a decision,
 * oldest first, or the recently published or rejected ones; approving or rejecting one is a
 * compare-and-set (of two moderators at once, one decides) recorded in the audit log.
 */
import { canModerateComments } from '../../domain/comments.js';
import type { CommentStatus } from '../../domain/comments.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../admin/audit.service.js';
import type { ServiceDeps } from '../deps.js';
import { notifyCommentPublished } from '../notifications/events.js';
import type { CommentWithAuthor } from '../repositories.js';
import { commentablePost, threadKeys } from './comment-post.js';

export const MODERATION_PAGE_SIZE = 50;

export interface ModerationItem extends CommentWithAuthor {
  /** The post's title as published, and where the thread is read (null if no longer public). */
  postTitle: string;
  path: string | null;
}

export interface ModerationQueue {
  status: CommentStatus;
  items: ModerationItem[];
  total: number;
  page: number;
  pages: number;
  /** Waiting comments (the queue's headline, whatever list is shown). */
  pending: number;
}

function requireModerator(actor: Actor): void {
  if (!canModerateComments(actor))
    throw new ForbiddenError('Only editors and administrators moderate comments');
}

/** @throws ForbiddenError unless the actor is an editor or administrator. */
export async function moderationQueue(
  deps: ServiceDeps,
  actor: Actor,
  status: CommentStatus,
  page: number,
): Promise<ModerationQueue> {
  requireModerator(actor);
  const [list, pending] = await Promise.all([
    deps.store.comments.listForModeration(
      status,
      MODERATION_PAGE_SIZE,
      (page - 1) * MODERATION_PAGE_SIZE,
    ),
    status === 'pending'
      ? null
      : deps.store.comments.listForModeration('pending', 1, 0).then((r) => r.total),
  ]);
  // The page's posts once each (at most a page's worth).
  const posts = new Map<string, { title: string; path: string | null }>();
  for (const item of list.items) {
    const key = `${item.postId}\u0000${item.language}`;
    if (posts.has(key)) continue;
    const target = await commentablePost(deps, deps.store, item.postId, item.language).catch(
      () => null,
    );
    const revision =
      target && target.post.publishedRevision !== null
        ? await deps.store.posts.revision(target.post.id, target.post.publishedRevision)
        : null;
    posts.set(key, { title: revision?.title ?? item.postId, path: target?.path ?? null });
  }
  return {
    status,
    items: list.items.map((item) => {
      const post = posts.get(`${item.postId}\u0000${item.language}`);
      return { ...item, postTitle: post?.title ?? item.postId, path: post?.path ?? null };
    }),
    total: list.total,
    page,
    pages: Math.max(1, Math.ceil(list.total / MODERATION_PAGE_SIZE)),
    pending: pending ?? list.total,
  };
}

/**
 * Approves (publishes) or rejects a waiting comment.
 * @throws ForbiddenError unless the actor moderates; NotFoundError; DomainError `conflict`
 *   when it was decided (or deleted) meanwhile.
 */
export async function decideComment(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
): Promise<void> {
  requireModerator(actor);
  const comment = await deps.store.comments.findById(id);
  if (!comment) throw new NotFoundError('Comment');
  const to: CommentStatus = decision === 'approve' ? 'published' : 'rejected';
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (store) => {
    if (!(await store.comments.moderate(id, 'pending', to, actor.id, at)))
      throw new DomainError('conflict', 'This comment was already decided or deleted');
    await recordAudit(deps, store, actor, {
      action: `comment.${decision}`,
      subject: { kind: 'comment', id, label: comment.body.slice(0, 80) },
      details: { postId: comment.postId, language: comment.language },
    });
    if (to !== 'published') return;
    const post = await commentablePost(deps, store, comment.postId, comment.language).catch(
      () => null,
    );
    if (post && comment.authorId)
      await notifyCommentPublished(deps, store, {
        comment: { ...comment, authorId: comment.authorId },
        post: post.post,
        path: post.path,
      });
  });
  if (to === 'published') deps.changes.publish({ keys: threadKeys(comment.postId) });
}

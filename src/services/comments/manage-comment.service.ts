/**
 * Changing a comment after it was written: the author edits it within the grace period
 * (COMMENT_EDIT_GRACE_MS); the author or a moderator deletes it. A deleted comment stays as a
 * tombstone (its body emptied) so the replies under it keep their place. A moderator's
 * delete of someone else's comment is recorded in the audit log.
 */
import { z } from 'zod';
import {
  canDeleteComment,
  canEditComment,
  canModerateComments,
  countLinks,
  COMMENT_EDIT_GRACE_MS,
  COMMENT_MAX_LINKS,
} from '../../domain/comments.js';
import type { CommentStatus } from '../../domain/comments.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../admin/audit.service.js';
import type { ServiceDeps } from '../deps.js';
import type { CommentRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import { commentablePost, threadKeys } from './comment-post.js';
import { commentBody } from './create-comment.service.js';
import { CommentRefusedError } from './errors.js';

const editSchema = z.object({ body: commentBody });

async function found(deps: ServiceDeps, id: string): Promise<CommentRecord> {
  const comment = await deps.store.comments.findById(id);
  if (!comment) throw new NotFoundError('Comment');
  return comment;
}

/** What the edit form needs: the comment, if the actor may still edit it, and where it is read. */
export async function commentForEdit(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<{ comment: CommentRecord; path: string; editableUntil: string }> {
  const comment = await found(deps, id);
  if (comment.authorId !== actor.id)
    throw new ForbiddenError('You can only edit your own comments');
  if (comment.deletedAt !== null)
    throw new CommentRefusedError('deleted', 'This comment was deleted');
  if (!canEditComment(actor, comment, deps.clock.now()))
    throw new CommentRefusedError('editWindow', 'The time to edit this comment is over');
  const { path } = await commentablePost(deps, deps.store, comment.postId, comment.language);
  const until = new Date(Date.parse(comment.createdAt) + COMMENT_EDIT_GRACE_MS).toISOString();
  return { comment, path, editableUntil: until };
}

/**
 * The author's new text. A published comment that now carries more than COMMENT_MAX_LINKS
 * links goes back to moderation (unless the author moderates).
 * @throws ForbiddenError for someone else's comment; CommentRefusedError `editWindow` past the
 *   grace period, `deleted`; ValidationError naming `body`.
 */
export async function editComment(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  raw: { body?: unknown },
): Promise<{ path: string; status: CommentStatus; postId: string }> {
  const input = parseInput(editSchema, raw);
  const { comment, path } = await commentForEdit(deps, actor, id);
  const status: CommentStatus =
    comment.status === 'published' &&
    !canModerateComments(actor) &&
    countLinks(input.body) > COMMENT_MAX_LINKS
      ? 'pending'
      : comment.status;
  const updated = await deps.store.comments.updateBody(id, {
    body: input.body,
    status,
    editedAt: deps.clock.now().toISOString(),
  });
  if (!updated) throw new CommentRefusedError('deleted', 'This comment was deleted');
  if (comment.status === 'published') deps.changes.publish({ keys: threadKeys(comment.postId) });
  return { path, status, postId: comment.postId };
}

/**
 * Deletes a comment, leaving its tombstone (replies stay).
 * @throws ForbiddenError unless the actor wrote it or moderates; CommentRefusedError `deleted`
 *   when it already was.
 */
export async function deleteComment(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<{ path: string; postId: string }> {
  const comment = await found(deps, id);
  if (comment.deletedAt !== null)
    throw new CommentRefusedError('deleted', 'This comment was already deleted');
  if (!canDeleteComment(actor, comment))
    throw new ForbiddenError('Only its author or a moderator can delete a comment');
  const { path } = await commentablePost(deps, deps.store, comment.postId, comment.language).catch(
    () => ({ path: '/' }),
  );
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (store) => {
    if (!(await store.comments.markDeleted(id, actor.id, at)))
      throw new CommentRefusedError('deleted', 'This comment was already deleted');
    if (comment.authorId !== actor.id)
      await recordAudit(deps, store, actor, {
        action: 'comment.delete',
        subject: { kind: 'comment', id, label: comment.body.slice(0, 80) },
        details: { postId: comment.postId, language: comment.language, status: comment.status },
      });
  });
  if (comment.status === 'published') deps.changes.publish({ keys: threadKeys(comment.postId) });
  return { path, postId: comment.postId };
}

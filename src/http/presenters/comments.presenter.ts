/**
 * Comment threads → the view the post page renders. Bodies are rendered by the comment
 * Markdown subset (sanitized; see interchange/markdown/comment.ts) and the HTML kept in a
 * small bounded map by source text, so a busy thread is not parsed again on every request.
 */
import { renderComment } from '../../interchange/markdown/comment.js';
import type { CommentThread, ThreadComment } from '../../services/comments/thread.service.js';
import type {
  CommentEntryView,
  CommentsView,
  CommentView,
} from '../../views/components/comments.js';

const RENDERED_MAX = 2_000;
const rendered = new Map<string, string>();

/** A comment's HTML, from the bounded map when it was rendered before. */
export function commentHtml(body: string): string {
  const hit = rendered.get(body);
  if (hit !== undefined) return hit;
  const html = renderComment(body);
  if (rendered.size >= RENDERED_MAX) {
    const oldest = rendered.keys().next().value;
    if (oldest !== undefined) rendered.delete(oldest);
  }
  rendered.set(body, html);
  return html;
}

function present(comment: ThreadComment): CommentView {
  return {
    id: comment.id,
    bodyHtml: comment.deleted ? '' : commentHtml(comment.body),
    deleted: comment.deleted,
    pending: comment.status === 'pending',
    authorName: comment.author?.displayName ?? null,
    // No link: an author archive exists only for people with published posts.
    authorHref: null,
    createdAt: comment.createdAt,
    edited: comment.editedAt !== null,
    editHref: comment.canEdit ? `/comments/${encodeURIComponent(comment.id)}/edit` : null,
    deleteAction: comment.canDelete ? `/comments/${encodeURIComponent(comment.id)}/delete` : null,
  };
}

/** The thread shown on the page at `pagePath` (the sign-in link comes back there). */
export function presentThread(thread: CommentThread, pagePath: string): CommentsView {
  return {
    postId: thread.postId,
    language: thread.language,
    count: thread.count,
    open: thread.open,
    entries: thread.entries.map((entry): CommentEntryView => ({
      ...present(entry),
      replies: entry.replies.map(present),
    })),
    action: '/comments',
    signInHref: `/signin?next=${encodeURIComponent(pagePath)}`,
  };
}

/**
 * The rules of readers' comments, written once: statuses, the length and link limits, who
 * publishes without moderation, the edit grace period, when a post's comments close and who
 * may delete. Pure: the caller passes the clock's time.
 */
import { hasRole } from './roles.js';
import type { Actor } from './roles.js';

export const COMMENT_STATUSES = ['pending', 'published', 'rejected'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export function isCommentStatus(value: string): value is CommentStatus {
  return (COMMENT_STATUSES as readonly string[]).includes(value);
}

/** Characters of Markdown in one comment (the renderer parses it inline: it stays small). */
export const COMMENT_MAX_CHARS = 5_000;
/** A comment with more links than this waits for a moderator, whoever wrote it. */
export const COMMENT_MAX_LINKS = 3;
/** How long after writing it the author may still edit a comment. */
export const COMMENT_EDIT_GRACE_MS = 15 * 60_000;
/** Days after publication a post takes comments unless the site says otherwise; 0 = never closes. */
export const DEFAULT_COMMENTS_CLOSE_AFTER_DAYS = 21;

/** Editors and administrators moderate comments (approve, reject, delete anyone's). */
export function canModerateComments(actor: Actor | null): boolean {
  return hasRole(actor, 'editor');
}

/**
 * Links in a Markdown source, counted generously (a link written twice counts twice): bare
 * `http(s)://` and `www.` addresses, `mailto:` and `[text](target)` / `<…>` forms that do not
 * carry a scheme. Over-counting only sends a comment to moderation.
 */
export function countLinks(markdown: string): number {
  const schemes = markdown.match(/\b(?:https?:\/\/|www\.|mailto:)/gi)?.length ?? 0;
  // Inline links whose target has no scheme (relative or protocol-relative) are links too.
  const bare = markdown.match(/\]\(\s*<?(?!\s*(?:https?:|mailto:|www\.))[^)\s]/gi)?.length ?? 0;
  return schemes + bare;
}

/**
 * Whether a new comment is published at once or waits for a moderator: moderators publish
 * directly; anyone else's comment waits while the account has no published comment yet (a new
 * account's first comment) or when it carries more than COMMENT_MAX_LINKS links.
 */
export function initialStatus(
  actor: Actor,
  body: string,
  hasPublishedComment: boolean,
): CommentStatus {
  if (canModerateComments(actor)) return 'published';
  if (!hasPublishedComment) return 'pending';
  return countLinks(body) > COMMENT_MAX_LINKS ? 'pending' : 'published';
}

/** The moment a post stops taking comments, or null when it never does (0 days) or is unpublished. */
export function commentsCloseAt(publishedAt: string | null, closeAfterDays: number): Date | null {
  if (!publishedAt || closeAfterDays <= 0) return null;
  return new Date(Date.parse(publishedAt) + closeAfterDays * 86_400_000);
}

export function commentsOpen(
  publishedAt: string | null,
  closeAfterDays: number,
  now: Date,
): boolean {
  if (!publishedAt) return false;
  const closes = commentsCloseAt(publishedAt, closeAfterDays);
  return closes === null || now.getTime() < closes.getTime();
}

/** The author may edit their own comment, not deleted, within the grace period. */
export function canEditComment(
  actor: Actor | null,
  comment: { authorId: string | null; createdAt: string; deletedAt: string | null },
  now: Date,
): boolean {
  return (
    !!actor &&
    comment.authorId === actor.id &&
    comment.deletedAt === null &&
    now.getTime() - Date.parse(comment.createdAt) <= COMMENT_EDIT_GRACE_MS
  );
}

/** The author or a moderator may delete a comment (once). */
export function canDeleteComment(
  actor: Actor | null,
  comment: { authorId: string | null; deletedAt: string | null },
): boolean {
  return (
    !!actor &&
    comment.deletedAt === null &&
    (comment.authorId === actor.id || canModerateComments(actor))
  );
}

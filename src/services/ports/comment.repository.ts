/**
 * Readers' comments (migration 0025): one row per comment, per post and language version,
 * one level of replies. Status changes and deletion are compare-and-sets (the write holds only
 * while the row is still as read), so two moderators acting at once cannot both win.
 */
import type { CommentStatus } from '../../domain/comments.js';

export interface CommentRecord {
  id: string;
  postId: string;
  /** The language version it was written on (the thread it belongs to). */
  language: string;
  /** The top-level comment it answers; null for a top-level comment. */
  parentId: string | null;
  /** Null once the account is deleted. */
  authorId: string | null;
  /** Markdown source; emptied when the comment is deleted (the row stays as a tombstone). */
  body: string;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
}

/** A comment with its author's public name, as threads and the queue show it. */
export interface CommentWithAuthor extends CommentRecord {
  authorUsername: string | null;
  authorDisplayName: string | null;
}

export interface CommentRepository {
  insert(record: CommentRecord): Promise<void>;
  findById(id: string): Promise<CommentRecord | null>;
  /**
   * One thread, oldest first: published comments (deleted ones as tombstones) and, for
   * `viewerId`, their own pending ones that are not deleted. At most `limit` rows.
   */
  listThread(
    postId: string,
    language: string,
    viewerId: string | null,
    limit: number,
  ): Promise<CommentWithAuthor[]>;
  /** Whether the account has a published comment that is not deleted. */
  hasPublished(authorId: string): Promise<boolean>;
  /** Published, not deleted comments of each (post, language) pair, in one query. */
  countPublished(
    pairs: readonly { postId: string; language: string }[],
  ): Promise<{ postId: string; language: string; count: number }[]>;
  /** Sets a new body (and status) while the comment is not deleted; false when it was. */
  updateBody(
    id: string,
    changes: { body: string; status: CommentStatus; editedAt: string },
  ): Promise<boolean>;
  /** Empties the body and marks the row deleted, once; false when it already was. */
  markDeleted(id: string, by: string, at: string): Promise<boolean>;
  /** Moves a comment from `from` to `to` (approve, reject) while not deleted; false when it was not `from`. */
  moderate(
    id: string,
    from: CommentStatus,
    to: CommentStatus,
    by: string,
    at: string,
  ): Promise<boolean>;
  /**
   * The moderation queue: comments of `statuses` not deleted, oldest first for pending and
   * newest first otherwise, `limit` from `offset`, and how many there are.
   */
  listForModeration(
    status: CommentStatus,
    limit: number,
    offset: number,
  ): Promise<{ items: CommentWithAuthor[]; total: number }>;
}

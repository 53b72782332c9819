/**
 * Writing a comment on a published post or translation, in one language's thread.
 *
 * Guards, in order: the per-account and per-address limits (counted first, so a flood is
 * refused whatever it carries — bots filling the honeypot too), the honeypot (a form field
 * people never see: filled, the comment is dropped and answered as if accepted), the post
 * (published, readable in the language), closing (`commentsCloseAfterDays` after the post's
 * first publication), the parent (a published comment of the same thread; a reply to a reply
 * is attached to its top-level comment, so threads stay one level deep), then the status
 * (domain `initialStatus`: a new account's first comment, or one with too many links, waits).
 *
 * The insert runs in one transaction (`deps.store.transaction`) with the notifications of a
 * comment published at once (the answered comment's author, the post's authors); a held one
 * notifies when a moderator approves it (moderation.service).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { COMMENT_MAX_CHARS, initialStatus } from '../../domain/comments.js';
import type { CommentStatus } from '../../domain/comments.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { Limit } from '../auth/limits.js';
import { notifyCommentPublished } from '../notifications/events.js';
import { parseInput } from '../validate.js';
import { commentablePost, isOpen, threadKeys } from './comment-post.js';
import { CommentRefusedError } from './errors.js';
import { DEFAULT_COMMENT_LIMITS } from './limits.js';

export const commentBody = z
  .string()
  .trim()
  .min(1, 'Write something first')
  .max(COMMENT_MAX_CHARS, `A comment can be at most ${COMMENT_MAX_CHARS} characters`);

const createSchema = z.object({
  postId: z.string().trim().min(1).max(100),
  language: z.string().trim().min(1).max(35),
  parentId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => (v ? v : null)),
  body: commentBody,
  /** The honeypot: hidden from people, filled by bots. */
  website: z.string().max(2_000).optional().default(''),
});

export type CreateCommentInput = z.input<typeof createSchema>;

export type CreateCommentResult =
  | { discarded: true; path: string }
  | {
      discarded: false;
      commentId: string;
      postId: string;
      language: string;
      status: CommentStatus;
      /** The top-level comment answered, and its author (for a notification), or null. */
      parentId: string | null;
      parentAuthorId: string | null;
      /** Where the thread is read (the comment's anchor is `#comment-<id>`). */
      path: string;
    };

/** The address as the limits store it: hashed, never the address itself. */
function addressKey(address: string): string {
  return createHash('sha256').update(`comment-address:${address}`).digest('base64url');
}

async function count(
  deps: ServiceDeps,
  scope: string,
  key: string,
  limit: Limit,
  reason: 'rateAccount' | 'rateAddress',
): Promise<void> {
  const now = deps.clock.now();
  const windowMs = limit.windowSeconds * 1000;
  const { count: hits, windowStart } = await deps.store.sessions.countHit(
    { scope, key },
    now.toISOString(),
    new Date(now.getTime() - windowMs).toISOString(),
  );
  if (hits <= limit.max) return;
  const wait = Math.max(1, Math.ceil((Date.parse(windowStart) + windowMs - now.getTime()) / 1000));
  throw new CommentRefusedError(
    reason,
    `Too many comments from this ${reason === 'rateAccount' ? 'account' : 'address'}; try again in ${Math.ceil(wait / 60)} minutes`,
    wait,
  );
}

/**
 * Writes `actor`'s comment.
 * @param address the client's network address as the edge counts it (for the per-address limit).
 * @throws ValidationError naming the field (`body` empty or over 5,000 characters…);
 *   NotFoundError for a post that is not published in that language; CommentRefusedError
 *   `closed` (422), `parentMissing` (422), `rateAccount` / `rateAddress` (429, with the wait).
 */
export async function createComment(
  deps: ServiceDeps,
  actor: Actor,
  raw: CreateCommentInput | Record<string, unknown>,
  address: string,
): Promise<CreateCommentResult> {
  const input = parseInput(createSchema, raw);
  const limits = deps.settings.commentLimits ?? DEFAULT_COMMENT_LIMITS;
  await count(deps, 'comment:account', actor.id, limits.perAccount, 'rateAccount');
  await count(deps, 'comment:address', addressKey(address), limits.perAddress, 'rateAddress');
  const target = await commentablePost(deps, deps.store, input.postId, input.language);
  if (input.website.trim() !== '') return { discarded: true, path: target.path };
  if (!isOpen(deps, target.post))
    throw new CommentRefusedError('closed', 'Comments on this post are closed');

  const result = await deps.store.transaction(async (store) => {
    let parent = input.parentId ? await store.comments.findById(input.parentId) : null;
    if (parent?.parentId) parent = await store.comments.findById(parent.parentId);
    if (
      input.parentId &&
      (!parent ||
        parent.postId !== target.post.id ||
        parent.language !== target.language ||
        parent.status !== 'published' ||
        parent.deletedAt !== null)
    )
      throw new CommentRefusedError('parentMissing', 'The comment you answer is not there');
    const status = initialStatus(actor, input.body, await store.comments.hasPublished(actor.id));
    const id = deps.newId();
    await store.comments.insert({
      id,
      postId: target.post.id,
      language: target.language,
      parentId: parent?.id ?? null,
      authorId: actor.id,
      body: input.body,
      status,
      createdAt: deps.clock.now().toISOString(),
      editedAt: null,
      deletedAt: null,
      deletedBy: null,
      moderatedBy: null,
      moderatedAt: null,
    });
    if (status === 'published')
      await notifyCommentPublished(deps, store, {
        comment: { id, authorId: actor.id, body: input.body, parentId: parent?.id ?? null },
        post: target.post,
        path: target.path,
      });
    return {
      discarded: false as const,
      commentId: id,
      postId: target.post.id,
      language: target.language,
      status,
      parentId: parent?.id ?? null,
      parentAuthorId: parent?.authorId ?? null,
      path: target.path,
    };
  });
  if (result.status === 'published') deps.changes.publish({ keys: threadKeys(result.postId) });
  return result;
}

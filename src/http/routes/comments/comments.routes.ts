/**
 * Comments: writing one (or a reply) on a post's language version, the author's edit within
 * the grace period, deleting (author or moderator), and the editors' moderation queue at
 * `/editorial/comments`. Forms post here and are answered with a redirect back to the thread;
 * a refusal is said in the reader's language (`comments.error.<reason>`) with its status
 * (422 closed, 429 rate limited with Retry-After, 403 past the edit window).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COMMENT_STATUSES } from '../../../domain/comments.js';
import { DomainError } from '../../../domain/errors.js';
import { checkCommentSource } from '../../../interchange/markdown/comment.js';
import { closeAfterDays } from '../../../services/comments/comment-post.js';
import { createComment } from '../../../services/comments/create-comment.service.js';
import { CommentRefusedError } from '../../../services/comments/errors.js';
import {
  commentForEdit,
  deleteComment,
  editComment,
} from '../../../services/comments/manage-comment.service.js';
import { decideComment, moderationQueue } from '../../../services/comments/moderation.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { parseInput } from '../../../services/validate.js';
import { CommentEditPage } from '../../../views/pages/comments/comment-edit.page.js';
import { ModerationPage } from '../../../views/pages/comments/moderation.page.js';
import { commentHtml } from '../../presenters/comments.presenter.js';
import { addressOf } from '../../rate-limits.js';
import { renderPage } from '../../render.js';

const formBody = z.record(z.string(), z.unknown());
const idParams = z.object({ id: z.string().min(1).max(100) });
const queueQuery = z.object({
  status: z.enum(COMMENT_STATUSES).default('pending'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
const bodyText = (body: Record<string, unknown>): string =>
  typeof body.body === 'string' ? body.body : '';

/** A refusal said in the interface language, with Retry-After for a rate limit. */
function localized(
  deps: ServiceDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): unknown {
  if (!(error instanceof CommentRefusedError)) return error;
  const wait = error.retryAfterSeconds;
  if (wait !== null) reply.header('retry-after', String(wait));
  const message = request.t.t(`comments.error.${error.reason}`, {
    days: closeAfterDays(deps),
    minutes: Math.max(1, Math.ceil((wait ?? 60) / 60)),
  });
  return new DomainError(
    error.code,
    message,
    error.problems.map((p) => ({ ...p, message })),
  );
}

export async function commentRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.post('/comments', { config: { access: 'signed-in' } }, async (request, reply) => {
    const body = parseInput(formBody, request.body ?? {});
    checkCommentSource(bodyText(body));
    try {
      const result = await createComment(deps, request.actor(), body, addressOf(request));
      if (result.discarded) return reply.redirect(`${result.path}#comments`, 303);
      return reply.redirect(`${result.path}#comment-${result.commentId}`, 303);
    } catch (error) {
      throw localized(deps, request, reply, error);
    }
  });

  app.get('/comments/:id/edit', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    try {
      const { comment, path, editableUntil } = await commentForEdit(deps, request.actor(), id);
      return renderPage(
        reply.header('cache-control', 'no-store'),
        CommentEditPage({
          t: request.t,
          user: request.user,
          csrfToken: reply.generateCsrf(),
          siteName: deps.settings.siteName,
          action: `/comments/${encodeURIComponent(id)}/edit`,
          body: comment.body,
          previewHtml: commentHtml(comment.body),
          backHref: `${path}#comment-${id}`,
          editableUntil,
        }),
      );
    } catch (error) {
      throw localized(deps, request, reply, error);
    }
  });

  app.post('/comments/:id/edit', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const body = parseInput(formBody, request.body ?? {});
    checkCommentSource(bodyText(body));
    try {
      const { path } = await editComment(deps, request.actor(), id, body);
      return reply.redirect(`${path}#comment-${id}`, 303);
    } catch (error) {
      throw localized(deps, request, reply, error);
    }
  });

  app.post('/comments/:id/delete', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    try {
      const { path } = await deleteComment(deps, request.actor(), id);
      return reply.redirect(`${path}#comment-${id}`, 303);
    } catch (error) {
      throw localized(deps, request, reply, error);
    }
  });

  app.get('/editorial/comments', { config: { access: 'editor' } }, async (request, reply) => {
    const { status, page } = parseInput(queueQuery, request.query);
    const queue = await moderationQueue(deps, request.actor(), status, page);
    return renderPage(
      reply.header('cache-control', 'no-store'),
      ModerationPage({
        t: request.t,
        user: request.user,
        csrfToken: reply.generateCsrf(),
        siteName: deps.settings.siteName,
        queue: {
          ...queue,
          items: queue.items.map((item) => ({
            id: item.id,
            bodyHtml: commentHtml(item.body),
            authorName: item.authorDisplayName ?? item.authorUsername,
            createdAt: item.createdAt,
            postTitle: item.postTitle,
            language: item.language,
            href: item.path ? `${item.path}#comment-${item.id}` : null,
          })),
        },
      }),
    );
  });

  for (const decision of ['approve', 'reject'] as const)
    app.post(
      `/editorial/comments/:id/${decision}`,
      { config: { access: 'editor' } },
      async (request, reply) => {
        const { id } = parseInput(idParams, request.params);
        await decideComment(deps, request.actor(), id, decision);
        return reply.redirect('/editorial/comments', 303);
      },
    );

  app.post(
    '/editorial/comments/:id/delete',
    { config: { access: 'editor' } },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      try {
        await deleteComment(deps, request.actor(), id);
      } catch (error) {
        throw localized(deps, request, reply, error);
      }
      return reply.redirect('/editorial/comments', 303);
    },
  );
}

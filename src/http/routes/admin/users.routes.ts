/** Administration: people — search, per-language review rights, suspension (roles: admin.routes.ts). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import { roles } from '../../../domain/roles.js';
import {
  reactivateUser,
  searchUsers,
  setReviewLanguages,
  suspendUser,
} from '../../../services/admin/users.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { UsersPage } from '../../../views/pages/admin/users.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

type Query = { q?: unknown; page?: unknown };

export async function adminUsersRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    query: Query,
    extra: { problems?: { field: string; message: string }[]; notice?: string } = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const pageNumber = Number.parseInt(str(query.page), 10);
    const result = await searchUsers(deps, request.actor(), {
      q: str(query.q),
      page: Number.isFinite(pageNumber) ? pageNumber : 1,
    });
    const offered = deps.settings.translationLanguages ?? deps.settings.languages;
    const tags = [...new Set([...offered, ...result.users.flatMap((u) => u.reviewLanguages)])];
    return renderPage(
      reply,
      UsersPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        roles,
        languages: tags.map((tag) => ({ tag, name: request.t.languageName(tag) })),
        people: result.users,
        q: result.q,
        page: result.page,
        hasNext: result.hasNext,
        ...extra,
      }),
    );
  }

  /** Runs an action, then back to the list; a refused one shows the list with why (422/409). */
  async function act(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    work: () => Promise<void>,
    notice: string,
  ) {
    try {
      await work();
    } catch (error) {
      if (error instanceof ValidationError) {
        reply.code(422);
        return page(
          request,
          reply,
          {},
          {
            problems: error.problems.map((p) => ({
              ...p,
              field: `${p.field}-${request.params.id}`,
            })),
          },
        );
      }
      if (error instanceof DomainError && error.code === 'invalid_transition') {
        reply.code(409);
        return page(
          request,
          reply,
          {},
          { problems: [{ field: 'people-q', message: error.message }] },
        );
      }
      throw error;
    }
    return reply.redirect(`/admin/users?done=${encodeURIComponent(notice)}`, 303);
  }

  app.get<{ Querystring: Query & { done?: unknown } }>(
    '/admin/users',
    { config: { access: 'admin' } },
    (request, reply) => {
      const done = str(request.query.done);
      const notices: Record<string, string> = {
        suspended: request.t.t('people.notice.suspended'),
        reactivated: request.t.t('people.notice.reactivated'),
        review: request.t.t('people.notice.review'),
        roles: request.t.t('people.notice.roles'),
      };
      return page(
        request,
        reply,
        request.query,
        done in notices ? { notice: notices[done] ?? '' } : {},
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id/suspend',
    { config: { access: 'admin' } },
    (request, reply) => {
      const body = request.body as Record<string, unknown>;
      return act(
        request,
        reply,
        () => suspendUser(deps, request.actor(), request.params.id, str(body.reason)),
        'suspended',
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id/reactivate',
    { config: { access: 'admin' } },
    (request, reply) =>
      act(
        request,
        reply,
        () => reactivateUser(deps, request.actor(), request.params.id),
        'reactivated',
      ),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id/review-languages',
    { config: { access: 'admin' } },
    (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const languages = (Array.isArray(body.languages) ? body.languages : [body.languages])
        .map(str)
        .filter((l) => l !== '');
      return act(
        request,
        reply,
        () => setReviewLanguages(deps, request.actor(), request.params.id, languages),
        'review',
      );
    },
  );
}

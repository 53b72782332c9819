/**
 * The taxonomy page for editors and administrators (access 'editor': the taxonomy is
 * editorial content, like publishing): categories, tags and events.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import {
  createEvent,
  createTerm,
  deleteTerm,
  mergeOrDeleteEvent,
  mergeTerm,
  taxonomyOverview,
  updateEvent,
  updateTerm,
} from '../../../services/admin/taxonomy.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { TaxonomyPage } from '../../../views/pages/admin/taxonomy.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

const notices = ['created', 'saved', 'merged', 'deleted'] as const;

export async function adminTaxonomyRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { problems?: { field: string; message: string }[]; notice?: string } = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const overview = await taxonomyOverview(deps, request.actor());
    return renderPage(
      reply,
      TaxonomyPage({ t: request.t, user, csrfToken: reply.generateCsrf(), ...overview, ...extra }),
    );
  }

  /** Runs a change, then back to the page; a refused one shows it with each problem by its field id. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<void>,
    done: (typeof notices)[number],
    fieldId: (field: string) => string,
  ) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, {
        problems: error.problems.map((p) => ({ ...p, field: fieldId(p.field) })),
      });
    }
    return reply.redirect(`/admin/taxonomy?done=${done}`, 303);
  }

  const body = (request: FastifyRequest) => request.body as Record<string, unknown>;

  app.get<{ Querystring: { done?: unknown } }>(
    '/admin/taxonomy',
    { config: { access: 'editor' } },
    (request, reply) => {
      const done = str(request.query.done);
      return page(
        request,
        reply,
        (notices as readonly string[]).includes(done)
          ? { notice: request.t.t(`taxonomy.notice.${done}`) }
          : {},
      );
    },
  );

  app.post('/admin/taxonomy/terms', { config: { access: 'editor' } }, (request, reply) => {
    const kind = str(body(request).kind);
    return act(
      request,
      reply,
      async () => {
        await createTerm(deps, request.actor(), {
          kind,
          name: str(body(request).name),
          description: str(body(request).description),
        });
      },
      'created',
      (field) => (field === 'kind' ? `new-category-name` : `new-${kind}-${field}`),
    );
  });

  app.post<{ Params: { id: string } }>(
    '/admin/taxonomy/terms/:id',
    { config: { access: 'editor' } },
    (request, reply) =>
      act(
        request,
        reply,
        () =>
          updateTerm(deps, request.actor(), request.params.id, {
            name: str(body(request).name),
            description: str(body(request).description),
            // Only category forms have the field: a tag's form leaves it undefined.
            ...(body(request).parentId !== undefined
              ? { parentId: str(body(request).parentId) }
              : {}),
          }),
        'saved',
        (field) => `${field}-${request.params.id}`,
      ),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/taxonomy/terms/:id/merge',
    { config: { access: 'editor' } },
    (request, reply) =>
      act(
        request,
        reply,
        () => mergeTerm(deps, request.actor(), request.params.id, str(body(request).target)),
        'merged',
        (field) => `${field}-${request.params.id}`,
      ),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/taxonomy/terms/:id/delete',
    { config: { access: 'editor' } },
    (request, reply) =>
      act(
        request,
        reply,
        () =>
          deleteTerm(
            deps,
            request.actor(),
            request.params.id,
            str(body(request).replacement) || null,
          ),
        'deleted',
        (field) => `${field === 'target' ? 'replacement' : field}-${request.params.id}`,
      ),
  );

  app.post('/admin/taxonomy/events', { config: { access: 'editor' } }, (request, reply) =>
    act(
      request,
      reply,
      () => createEvent(deps, request.actor(), body(request)),
      'created',
      (field) => `new-event-${field}`,
    ),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/taxonomy/events/:id',
    { config: { access: 'editor' } },
    (request, reply) =>
      act(
        request,
        reply,
        () => updateEvent(deps, request.actor(), request.params.id, body(request)),
        'saved',
        (field) => `event-${request.params.id}-${field}`,
      ),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/taxonomy/events/:id/delete',
    { config: { access: 'editor' } },
    (request, reply) => {
      const target = str(body(request).target) || null;
      return act(
        request,
        reply,
        () => mergeOrDeleteEvent(deps, request.actor(), request.params.id, target),
        target ? 'merged' : 'deleted',
        (field) => `${field}-${request.params.id}`,
      );
    },
  );
}

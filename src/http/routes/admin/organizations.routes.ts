/**
 * Organizations for administrators: the list (/admin/organizations) and one organization's
 * page (/admin/organizations/:slug) — edit it, its members and their roles, its logo.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import {
  addMember,
  organizationDetail,
  organizationsOverview,
  removeMember,
  setLogo,
  setMemberRole,
  updateOrganization,
} from '../../../services/admin/organizations.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  OrganizationPage,
  OrganizationsPage,
} from '../../../views/pages/admin/organizations.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

const notices = ['saved', 'added', 'role', 'removed', 'logo'] as const;
type Problems = { field: string; message: string }[];
type Params = { slug: string };
type MemberParams = { slug: string; userId: string };

export async function adminOrganizationsRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const admin = { config: { access: 'admin' } } as const;
  const body = (request: FastifyRequest) => request.body as Record<string, unknown>;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extra: { problems?: Problems; notice?: string; query?: string } = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const detail = await organizationDetail(deps, request.actor(), slug, extra.query ?? '');
    const { languages, defaultLanguage } = deps.settings;
    const language = languages.includes(request.t.lang) ? request.t.lang : defaultLanguage;
    return renderPage(
      reply,
      OrganizationPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        ...detail,
        publicHref: `/${language}/organization/${encodeURIComponent(detail.organization.slug)}`,
        problems: extra.problems,
        notice: extra.notice,
      }),
    );
  }

  /** Runs a change, then back to the page; a refused one shows it with each problem by its field id. */
  async function act(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    work: () => Promise<string | void>,
    done: (typeof notices)[number],
    fieldId: (field: string) => string,
  ) {
    let slug = request.params.slug;
    try {
      slug = (await work()) ?? slug;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, request.params.slug, {
        problems: error.problems.map((p) => ({ ...p, field: fieldId(p.field) })),
      });
    }
    return reply.redirect(`/admin/organizations/${encodeURIComponent(slug)}?done=${done}`, 303);
  }

  app.get('/admin/organizations', admin, async (request, reply) => {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const organizations = await organizationsOverview(deps, request.actor());
    return renderPage(
      reply,
      OrganizationsPage({ t: request.t, user, csrfToken: reply.generateCsrf(), organizations }),
    );
  });

  app.get<{ Params: Params; Querystring: { done?: unknown; q?: unknown } }>(
    '/admin/organizations/:slug',
    admin,
    (request, reply) => {
      const done = str(request.query.done);
      return page(request, reply, request.params.slug, {
        query: str(request.query.q),
        ...((notices as readonly string[]).includes(done)
          ? { notice: request.t.t(`orgadmin.notice.${done}`) }
          : {}),
      });
    },
  );

  app.post<{ Params: Params }>('/admin/organizations/:slug', admin, (request, reply) =>
    act(
      request,
      reply,
      async () => {
        const b = body(request);
        const saved = await updateOrganization(deps, request.actor(), request.params.slug, {
          name: str(b.name),
          slug: str(b.slug),
          kind: str(b.kind),
          country: str(b.country),
          website: str(b.website),
          description: str(b.description),
        });
        return saved.slug;
      },
      'saved',
      (field) => `org-${field}`,
    ),
  );

  app.post<{ Params: Params }>('/admin/organizations/:slug/members', admin, (request, reply) =>
    act(
      request,
      reply,
      () =>
        addMember(deps, request.actor(), request.params.slug, {
          username: str(body(request).username),
          role: str(body(request).role),
        }),
      'added',
      (field) => (field === 'role' ? 'new-role' : 'new-username'),
    ),
  );

  app.post<{ Params: MemberParams }>(
    '/admin/organizations/:slug/members/:userId/role',
    admin,
    (request, reply) =>
      act(
        request,
        reply,
        () =>
          setMemberRole(
            deps,
            request.actor(),
            request.params.slug,
            request.params.userId,
            str(body(request).role),
          ),
        'role',
        () => `role-${request.params.userId}`,
      ),
  );

  app.post<{ Params: MemberParams }>(
    '/admin/organizations/:slug/members/:userId/remove',
    admin,
    (request, reply) =>
      act(
        request,
        reply,
        () => removeMember(deps, request.actor(), request.params.slug, request.params.userId),
        'removed',
        () => 'members',
      ),
  );

  app.post<{ Params: Params }>('/admin/organizations/:slug/logo', admin, (request, reply) =>
    act(
      request,
      reply,
      () => setLogo(deps, request.actor(), request.params.slug, str(body(request).mediaId)),
      'logo',
      () => 'logo',
    ),
  );
}

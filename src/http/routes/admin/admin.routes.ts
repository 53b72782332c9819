/** Administration pages: roles and organizations. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { roles } from '../../../domain/roles.js';
import {
  createOrganization,
  listOrganizations,
  listUsers,
  setUserRoles,
} from '../../../services/admin/admin.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { AdminPage } from '../../../views/pages/admin.page.js';
import { renderPage } from '../../render.js';
import { str } from '../../form-values.js';

export async function adminRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { problems?: { field: string; message: string }[]; notice?: string } = {},
  ) {
    const actor = request.actor();
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const [people, organizations] = await Promise.all([
      listUsers(deps, actor),
      listOrganizations(deps),
    ]);
    const memberships = await Promise.all(
      people.map((p) => deps.store.organizations.memberships(p.id)),
    );
    const members = await Promise.all(
      organizations.map((o) => deps.store.organizations.members(o.id)),
    );
    return renderPage(
      reply,
      AdminPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        roles,
        people: people.map((p, i) => ({
          ...p,
          organizations: (memberships[i] ?? []).map((o) => o.name),
        })),
        organizations: organizations.map((o, i) => ({ ...o, members: members[i]?.length ?? 0 })),
        ...extra,
      }),
    );
  }

  app.get('/admin', { config: { access: 'admin' } }, (request, reply) => page(request, reply));

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id/roles',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const list = (Array.isArray(body.roles) ? body.roles : [body.roles])
        .map(str)
        .filter((r) => r !== '');
      try {
        await setUserRoles(deps, request.actor(), request.params.id, list);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        reply.code(422);
        return page(request, reply, { problems: error.problems });
      }
      // The users page (/admin/users) posts here too and wants to come back to itself.
      return reply.redirect(str(body.back) === 'users' ? '/admin/users?done=roles' : '/admin', 303);
    },
  );

  app.post('/admin/organizations', { config: { access: 'admin' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      await createOrganization(deps, request.actor(), {
        name: str(body.name),
        slug: str(body.slug),
        kind: str(body.kind),
        country: str(body.country),
        website: str(body.website),
        description: str(body.description),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, { problems: error.problems });
    }
    return reply.redirect('/admin', 303);
  });
  // Members, their roles, edits and logos: organizations.routes.ts (/admin/organizations/…).
}

/** Administration: the audit log of administrative actions, newest first, a page at a time. */
import type { FastifyInstance } from 'fastify';
import { listAuditLog } from '../../../services/admin/audit.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { AuditPage } from '../../../views/pages/admin/audit.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

export async function adminAuditRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/admin/audit',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('access rule guarantees a user');
      const action = str(request.query.action);
      const page = await listAuditLog(deps, request.actor(), {
        before: str(request.query.before) || undefined,
        action: action || undefined,
      });
      return renderPage(
        reply,
        AuditPage({
          t: request.t,
          user,
          csrfToken: reply.generateCsrf(),
          entries: page.entries,
          action,
          next: page.next,
        }),
      );
    },
  );
}

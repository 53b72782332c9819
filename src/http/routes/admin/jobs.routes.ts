/** Administration: the background jobs waiting and parked, and retrying a parked one. */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.js';
import { jobQueueOverview, retryParkedJob } from '../../../services/admin/jobs.service.js';
import { jobNames } from '../../../services/jobs.js';
import { JobsPage } from '../../../views/pages/admin/jobs.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

export async function adminJobsRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/admin/jobs',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('access rule guarantees a user');
      const overview = await jobQueueOverview(deps, request.actor());
      return renderPage(
        reply,
        JobsPage({
          t: request.t,
          user,
          csrfToken: reply.generateCsrf(),
          ...overview,
          retried: str(request.query.retried) === '1',
          jobNames,
        }),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/jobs/:id/retry',
    { config: { access: 'admin' } },
    async (request, reply) => {
      await retryParkedJob(deps, request.actor(), request.params.id);
      return reply.redirect('/admin/jobs?retried=1', 303);
    },
  );
}

/** Administration: machine translation per language pair (off by default). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { mtOverview } from '../../../services/mt/mt-overview.service.js';
import { setMtPair } from '../../../services/mt/set-mt-pair.service.js';
import { MtAdminPage } from '../../../views/pages/admin/mt.page.js';
import { renderPage } from '../../render.js';
import { str } from '../../form-values.js';

export async function adminMtRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    problems?: { field: string; message: string }[],
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const overview = await mtOverview(deps, request.actor());
    return renderPage(
      reply,
      MtAdminPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        engines: overview.engines,
        pairs: overview.pairs,
        problems,
      }),
    );
  }

  app.get('/admin/mt', { config: { access: 'admin' } }, (request, reply) => page(request, reply));

  app.post('/admin/mt/pairs', { config: { access: 'admin' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await setMtPair(deps, request.actor(), {
        sourceLanguage: str(body.sourceLanguage),
        targetLanguage: str(body.targetLanguage),
        engine: str(body.engine),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, error.problems);
    }
    return reply.redirect('/admin/mt', 303);
  });
}

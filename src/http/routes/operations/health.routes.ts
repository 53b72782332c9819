/**
 * Probes for load balancers and orchestrators. `GET /healthz`: the process is up and serving
 * (touches nothing else, not even the session). `GET /readyz`: the instance may be sent
 * traffic (services/operations/check-readiness.service.ts): 200 when every check passes, 503
 * naming each failed one. Both public, never cached.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.js';
import { checkReadiness } from '../../../services/operations/check-readiness.service.js';

const NO_STORE = 'no-store';

export async function healthRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get('/healthz', { config: { access: 'public', session: false } }, async (_request, reply) =>
    reply.header('cache-control', NO_STORE).send({ status: 'ok' }),
  );

  app.get('/readyz', { config: { access: 'public', session: false } }, async (request, reply) => {
    const readiness = await checkReadiness(deps, {
      onError: (check, err) => request.log.warn({ err, check }, 'readiness check failed'),
    });
    return reply
      .code(readiness.ready ? 200 : 503)
      .header('cache-control', NO_STORE)
      .send({ status: readiness.ready ? 'ready' : 'not ready', ...readiness });
  });
}

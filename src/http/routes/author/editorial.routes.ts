/** Editors: the review queue, publishing (now or scheduled) and unpublishing. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  publishPost,
  reviewQueue,
  unpublishPost,
} from '../../../services/posts/workflow.service.js';
import { parseInput } from '../../../services/validate.js';
import { QueuePage } from '../../../views/pages/write/write.pages.js';
import { postRow } from '../../presenters/write.presenter.js';
import { renderPage } from '../../render.js';

const publishBody = z.object({
  minorUnitIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  publishAt: z
    .string()
    .optional()
    .transform((v) => (v ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`) : undefined)),
});

export async function editorialRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get('/editorial', { config: { access: 'editor' } }, async (request, reply) => {
    const { waiting, changed } = await reviewQueue(deps, request.actor());
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    return renderPage(
      reply,
      QueuePage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        waiting: waiting.map(postRow),
        changed: changed.map(postRow),
      }),
    );
  });

  app.post<{ Params: { id: string } }>(
    '/write/:id/publish',
    { config: { access: 'editor' } },
    async (request, reply) => {
      const { publishAt, minorUnitIds } = parseInput(publishBody, request.body);
      await publishPost(deps, request.actor(), request.params.id, publishAt, minorUnitIds);
      return reply.redirect(`/write/${request.params.id}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/write/:id/unpublish',
    { config: { access: 'editor' } },
    async (request, reply) => {
      await unpublishPost(deps, request.actor(), request.params.id);
      return reply.redirect(`/write/${request.params.id}`, 303);
    },
  );
}

/** Editors: the review queue, publishing (now or scheduled), unpublishing and pinning. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  pinPost,
  publishPost,
  reviewQueue,
  unpublishPost,
} from '../../../services/posts/workflow.service.js';
import { parseInput } from '../../../services/validate.js';
import { ValidationError } from '../../../domain/errors.js';
import {
  effectiveTimeZone,
  formatZoned,
  zonedToInstant,
} from '../../../services/posts/zoned-time.js';
import type { PostSummary } from '../../../services/repositories.js';
import { QueuePage } from '../../../views/pages/write/write.pages.js';
import { postRow } from '../../presenters/write.presenter.js';
import { renderPage } from '../../render.js';

const publishBody = z.object({
  minorUnitIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  publishAt: z.string().trim().optional(),
});

/** 1 pins the post to the top of the home page, 0 unpins it. */
const pinBody = z.object({ sticky: z.enum(['0', '1']) });

/** An explicit offset (`…Z`, `…+02:00`) is an instant; otherwise it is the actor's wall clock. */
const HAS_OFFSET = /(?:[zZ]|[+-]\d\d:\d\d)$/;

/**
 * The publish-at field as an instant: a `datetime-local` value is read in `timeZone` (the
 * editor's own, across summer-time changes); empty means now. Throws a field error otherwise.
 */
function publishInstant(value: string | undefined, timeZone: string): Date | undefined {
  if (!value) return undefined;
  const at = HAS_OFFSET.test(value) ? new Date(value) : zonedToInstant(value, timeZone);
  if (!at || Number.isNaN(at.getTime()))
    throw new ValidationError([{ field: 'publishAt', message: 'Not a valid date and time' }]);
  return at;
}

export async function editorialRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get('/editorial', { config: { access: 'editor' } }, async (request, reply) => {
    const { waiting, changed } = await reviewQueue(deps, request.actor());
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const timeZone = effectiveTimeZone(user.timeZone);
    const row = (s: PostSummary) => ({
      ...postRow(s),
      scheduled:
        s.post.status === 'scheduled' && s.post.scheduledAt
          ? formatZoned(s.post.scheduledAt, request.t.lang, timeZone)
          : null,
    });
    return renderPage(
      reply,
      QueuePage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        waiting: waiting.map(row),
        changed: changed.map(row),
        timeZone,
      }),
    );
  });

  app.post<{ Params: { id: string } }>(
    '/write/:id/publish',
    { config: { access: 'editor' } },
    async (request, reply) => {
      const { publishAt, minorUnitIds } = parseInput(publishBody, request.body);
      const at = publishInstant(publishAt, effectiveTimeZone(request.user?.timeZone));
      await publishPost(deps, request.actor(), request.params.id, at, minorUnitIds);
      return reply.redirect(`/write/${request.params.id}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/write/:id/pin',
    { config: { access: 'editor' } },
    async (request, reply) => {
      const { sticky } = parseInput(pinBody, request.body);
      await pinPost(deps, request.actor(), request.params.id, sticky === '1');
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

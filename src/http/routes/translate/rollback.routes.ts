/**
 * Editors' anti-vandalism rollback of one account's translation edits: GET previews (a dry
 * run, writes nothing), POST (CSRF) undoes and shows the report.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.js';
import { plainText } from '../../../domain/units/index.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { rollbackEdits } from '../../../services/translation/rollback.service.js';
import type { RollbackReport } from '../../../services/translation/rollback.service.js';
import { parseInput } from '../../../services/validate.js';
import { ROLLBACK_PERIODS, RollbackPage } from '../../../views/pages/translate/rollback.page.js';
import type { RollbackPeriod, RollbackRow } from '../../../views/pages/translate/rollback.page.js';
import { renderPage } from '../../render.js';

const HOUR = 3_600_000;
const periodMs: Record<RollbackPeriod, number> = {
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};

const query = z.object({
  username: z.string().max(200).optional(),
  period: z.enum(ROLLBACK_PERIODS).default('24h'),
});
const body = z.object({
  username: z.string().min(1, 'Give the account').max(200),
  period: z.enum(ROLLBACK_PERIODS).default('24h'),
  /** The moment the preview was computed from, so the rollback undoes what was shown. */
  since: z.string().max(40),
});

export async function rollbackRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  /** The report's units with the titles of their posts (in the translation where published). */
  const rows = async (items: RollbackReport['reverted'], t: FastifyRequest['t']) => {
    const out: RollbackRow[] = [];
    for (const item of items) {
      const post = await deps.store.posts.findById(item.postId);
      const revision = post?.publishedRevision
        ? await deps.store.posts.revision(post.id, post.publishedRevision)
        : null;
      out.push({
        title: revision?.title ?? item.postId,
        language: item.language,
        languageName: t.languageName(item.language),
        href: `/translate/${item.postId}/${item.language}#unit-${item.unitId}`,
        before: plainText(item.before),
        after: plainText(item.after),
        ...('reason' in item && typeof item.reason === 'string' ? { reason: item.reason } : {}),
      });
    }
    return out;
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    username: string,
    period: RollbackPeriod,
    report?: RollbackReport,
    problems?: { field: string; message: string }[],
  ) => {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    if (problems) reply.code(422);
    return renderPage(
      reply,
      RollbackPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        username,
        period,
        ...(problems ? { problems } : {}),
        ...(report
          ? {
              report: {
                done: !report.dryRun,
                displayName: report.user.displayName,
                since: report.since,
                reverted: await rows(report.reverted, request.t),
                skipped: await rows(report.skipped, request.t),
                rejected: report.rejected,
              },
            }
          : {}),
      }),
    );
  };

  app.get('/editorial/rollback', { config: { access: 'editor' } }, async (request, reply) => {
    const { username, period } = parseInput(query, request.query);
    if (!username) return show(request, reply, '', period);
    const since = new Date(deps.clock.now().getTime() - periodMs[period]).toISOString();
    try {
      const report = await rollbackEdits(deps, request.actor(), { username, since, dryRun: true });
      return await show(request, reply, username, period, report);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return show(request, reply, username, period, undefined, error.problems);
    }
  });

  app.post('/editorial/rollback', { config: { access: 'editor' } }, async (request, reply) => {
    const input = parseInput(body, request.body);
    try {
      const report = await rollbackEdits(deps, request.actor(), {
        username: input.username,
        since: input.since,
      });
      return await show(request, reply, input.username, input.period, report);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return show(request, reply, input.username, input.period, undefined, error.problems);
    }
  });
}

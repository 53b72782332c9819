/**
 * The translation editor's JSON API (the client island talks to it) and the editor page.
 * Any signed-in account may open the editor (reading writes nothing); saving needs the
 * translator role, reviewing and publishing the reviewer role (the services check the finer
 * rules). Every write carries the CSRF token in a header.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../../services/deps.js';
import { loadEditor } from '../../../services/translation/open-translation.service.js';
import { importedReference } from '../../../services/translation/reference.service.js';
import { unitSuggestions } from '../../../services/translation/unit-suggestions.service.js';
import { heartbeat } from '../../../services/translation/presence.service.js';
import {
  publishTranslation,
  setTranslationSlug,
} from '../../../services/translation/publish-translation.service.js';
import {
  acceptCandidate,
  rejectCandidate,
  reviewTarget,
} from '../../../services/translation/review-target.service.js';
import { parseInput } from '../../../services/validate.js';
import { TranslationEditorPage } from '../../../views/pages/translate/editor.page.js';
import {
  presentConflict,
  presentEditor,
  presentSaveResult,
  presentSuggestions,
} from '../../presenters/translate.presenter.js';
import { saveRateLimit } from '../../rate-limits.js';
import { renderPage } from '../../render.js';
import { saveOrConflict } from '../../save-or-conflict.js';

type Params = { Params: { postId: string; lang: string } };
type UnitParams = { Params: { postId: string; lang: string; unitId: string } };
type CandidateParams = { Params: { postId: string; lang: string; candidateId: string } };

const saveBody = z.object({
  text: z.string().max(20_000, 'The text is too long'),
  version: z.number().int().min(0),
  /** The source revision the editor showed the unit with (every unit carries it). */
  sourceRevision: z.number().int().min(1),
  state: z.enum(['draft', 'translated']).default('translated'),
  /** The suggestion the text started from (its engine is looked up, never trusted). */
  origin: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('memory'),
        text: z.string().max(20_000),
        score: z.number().min(0).max(100),
      }),
      z.object({ kind: z.literal('machine'), engine: z.string().min(1).max(40) }),
    ])
    .optional(),
});

const acceptBody = z.object({ version: z.number().int().min(0) });
const rejectBody = z.object({ comment: z.string().max(2_000).optional() });

const reviewBody = z.object({
  version: z.number().int().min(1),
  action: z.enum(['approve', 'send_back']),
  comment: z.string().max(2_000).optional(),
});

export async function translateApiRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get<Params>(
    '/translate/:postId/:lang',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const { postId, lang } = request.params;
      const data = await loadEditor(deps, request.actor(), postId, lang);
      const user = request.user;
      if (!user) throw new Error('access rule guarantees a user');
      if (data.language !== lang)
        return reply.redirect(`/translate/${postId}/${data.language}`, 301);
      const csrfToken = reply.generateCsrf();
      const reference = await importedReference(deps, data.post.id, data.language);
      return renderPage(
        reply,
        TranslationEditorPage({
          t: request.t,
          user,
          csrfToken,
          siteName: deps.settings.siteName,
          editor: presentEditor(data, user, request.t),
          reference,
        }),
      );
    },
  );

  app.get<Params>(
    '/api/translate/:postId/:lang',
    { config: { access: 'signed-in' } },
    async (request) => {
      const data = await loadEditor(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
      );
      const user = request.user;
      if (!user) throw new Error('access rule guarantees a user');
      return presentEditor(data, user, request.t);
    },
  );

  // Suggestions call machine translation: limited per account and address like saves.
  app.get<UnitParams>(
    '/api/translate/:postId/:lang/units/:unitId/suggestions',
    { config: { access: 'signed-in' }, preHandler: saveRateLimit(app) },
    async (request) => {
      const data = await unitSuggestions(deps, request.actor(), {
        postId: request.params.postId,
        language: request.params.lang,
        unitId: request.params.unitId,
      });
      return presentSuggestions(data, request.t);
    },
  );

  app.put<UnitParams>(
    '/api/translate/:postId/:lang/units/:unitId',
    { config: { access: 'signed-in' }, preHandler: saveRateLimit(app) },
    async (request, reply) => {
      const body = parseInput(saveBody, request.body);
      return saveOrConflict(
        deps,
        request.actor(),
        {
          postId: request.params.postId,
          language: request.params.lang,
          unitId: request.params.unitId,
          text: body.text,
          version: body.version,
          sourceRevision: body.sourceRevision,
          state: body.state,
          ...(body.origin ? { origin: body.origin } : {}),
        },
        reply,
        (result) => presentSaveResult(result, request.t),
        presentConflict,
      );
    },
  );

  app.post<CandidateParams>(
    '/api/translate/:postId/:lang/candidates/:candidateId/accept',
    { config: { access: 'reviewer' } },
    async (request) => {
      const body = parseInput(acceptBody, request.body);
      const { target, progress } = await acceptCandidate(deps, request.actor(), {
        postId: request.params.postId,
        language: request.params.lang,
        candidateId: request.params.candidateId,
        version: body.version,
      });
      return {
        target: {
          text: target.text,
          state: target.state,
          version: target.version,
          translatedBy: target.translatedBy,
        },
        progress,
      };
    },
  );

  app.post<CandidateParams>(
    '/api/translate/:postId/:lang/candidates/:candidateId/reject',
    { config: { access: 'reviewer' } },
    async (request) => {
      const body = parseInput(rejectBody, request.body);
      const candidate = await rejectCandidate(deps, request.actor(), {
        postId: request.params.postId,
        language: request.params.lang,
        candidateId: request.params.candidateId,
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
      });
      return { candidate: { id: candidate.id, status: candidate.status } };
    },
  );

  app.post<UnitParams>(
    '/api/translate/:postId/:lang/units/:unitId/review',
    { config: { access: 'reviewer' } },
    async (request) => {
      const body = parseInput(reviewBody, request.body);
      const result = await reviewTarget(deps, request.actor(), {
        postId: request.params.postId,
        language: request.params.lang,
        unitId: request.params.unitId,
        version: body.version,
        action: body.action,
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
      });
      return {
        target: {
          text: result.target.text,
          state: result.target.state,
          version: result.target.version,
          reviewedBy: result.target.reviewedBy,
        },
        progress: result.progress,
        published: result.published,
        slug: result.slug,
        blocked: result.blocked,
      };
    },
  );

  // The translation's address: a plain form (works without JavaScript), back to the editor.
  app.post<Params>(
    '/translate/:postId/:lang/slug',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const body = parseInput(z.object({ slug: z.string().max(200) }), request.body);
      await setTranslationSlug(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
        body.slug,
      );
      return reply.redirect(`/translate/${request.params.postId}/${request.params.lang}`, 303);
    },
  );

  app.post<Params>(
    '/api/translate/:postId/:lang/publish',
    { config: { access: 'reviewer' } },
    async (request) => {
      const translation = await publishTranslation(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
      );
      return {
        status: translation.status,
        slug: translation.slug,
        publishedAt: translation.publishedAt,
      };
    },
  );

  app.post<Params>(
    '/api/translate/:postId/:lang/presence',
    { config: { access: 'signed-in' } },
    async (request) => {
      const others = await heartbeat(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
      );
      return { others };
    },
  );
}

/**
 * Translating site content in the app: the languages (translators), one language's items of a
 * kind with a form to propose a text (CSRF; a refusal is a 422 naming the field and the
 * problem, the typed text kept), and the review of pending proposals (reviewers of that
 * language).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../../domain/roles.js';
import type { Translator } from '../../../i18n/translator.js';
import {
  listContentItems,
  listContentLanguages,
} from '../../../services/content/content-items.service.js';
import { ContentTextError } from '../../../services/content/content-text-rules.js';
import type { ContentTextProblem } from '../../../services/content/content-text-rules.js';
import { proposeContentText } from '../../../services/content/propose-content-text.service.js';
import {
  decideContentText,
  listContentProposals,
} from '../../../services/content/review-content-text.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { CONTENT_KINDS } from '../../../services/ports/content.repository.js';
import { parseInput } from '../../../services/validate.js';
import { ContentReviewPage } from '../../../views/pages/translate/content-review.page.js';
import {
  ContentItemsPage,
  ContentLanguagesPage,
  fieldAnchor,
} from '../../../views/pages/translate/content.page.js';
import type { ContentRefusal } from '../../../views/pages/translate/content.page.js';
import { saveRateLimit } from '../../rate-limits.js';
import { renderPage } from '../../render.js';

const params = z.object({ lang: z.string().min(1).max(64) });
const listQuery = z.object({
  kind: z.enum(CONTENT_KINDS).default('term'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  done: z.literal('proposed').optional(),
});
const proposeBody = z.object({
  subjectId: z.string().min(1).max(100),
  field: z.string().min(1).max(20),
  text: z.string().max(20_000),
});
const reviewQuery = z.object({ done: z.enum(['approved', 'rejected']).optional() });
const reviewBody = z.object({
  id: z.string().min(1).max(100),
  action: z.enum(['approve', 'reject']),
});

/** A refused text's problem in the interface language, naming the field. */
function problemText(t: Translator, field: string, problem: ContentTextProblem): string {
  const name = t.t('content.field', { field });
  return problem.code === 'too_long'
    ? t.t('content.problem.too_long', { field: name, max: problem.max })
    : t.t(`content.problem.${problem.code}`, { field: name });
}

export async function contentTranslationRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const viewer = (request: FastifyRequest) => {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    return user;
  };

  const showItems = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: string,
    query: z.output<typeof listQuery>,
    refused?: ContentRefusal,
  ) => {
    const actor = request.actor();
    const list = await listContentItems(deps, actor, {
      language: lang,
      kind: query.kind,
      page: query.page,
    });
    if (refused) reply.code(422);
    return renderPage(
      reply,
      ContentItemsPage({
        t: request.t,
        user: viewer(request),
        csrfToken: reply.generateCsrf(),
        language: list.language,
        languageName: request.t.languageName(list.language),
        sourceLanguage: deps.settings.defaultLanguage,
        kind: list.kind,
        items: list.items,
        total: list.total,
        page: list.page,
        pages: list.pages,
        canReview: hasRole(actor, 'reviewer'),
        ...(query.done ? { notice: request.t.t('content.propose.done') } : {}),
        ...(refused ? { refused } : {}),
      }),
    );
  };

  app.get('/translate/content', { config: { access: 'translator' } }, async (request, reply) => {
    const actor = request.actor();
    const languages = await listContentLanguages(deps, actor);
    return renderPage(
      reply,
      ContentLanguagesPage({
        t: request.t,
        user: viewer(request),
        csrfToken: reply.generateCsrf(),
        languages: languages.map((l) => ({
          tag: l.language,
          name: request.t.languageName(l.language),
          kinds: l.kinds,
          pending: l.pending,
          canReview: hasRole(actor, 'reviewer'),
        })),
      }),
    );
  });

  app.get(
    '/translate/content/:lang',
    { config: { access: 'translator' } },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      return showItems(request, reply, lang, parseInput(listQuery, request.query));
    },
  );

  // Proposals count against the translation save limits (per account and per address).
  app.post(
    '/translate/content/:lang',
    { config: { access: 'translator' }, preHandler: saveRateLimit(app) },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      const query = parseInput(listQuery, request.query);
      const body = parseInput(proposeBody, request.body);
      try {
        const record = await proposeContentText(deps, request.actor(), {
          language: lang,
          kind: query.kind,
          subjectId: body.subjectId,
          field: body.field,
          text: body.text,
        });
        const page = query.page > 1 ? `&page=${query.page}` : '';
        return await reply.redirect(
          `/translate/content/${record.language}?kind=${record.subjectKind}${page}&done=proposed#${fieldAnchor(record.subjectId, record.field)}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof ContentTextError)) throw error;
        return showItems(
          request,
          reply,
          lang,
          { ...query, done: undefined },
          {
            subjectId: body.subjectId,
            field: error.field,
            text: body.text,
            problem: problemText(request.t, error.field, error.problem),
          },
        );
      }
    },
  );

  app.get(
    '/translate/content/:lang/review',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      const { done } = parseInput(reviewQuery, request.query);
      const { language, proposals } = await listContentProposals(deps, request.actor(), lang);
      return renderPage(
        reply,
        ContentReviewPage({
          t: request.t,
          user: viewer(request),
          csrfToken: reply.generateCsrf(),
          language,
          languageName: request.t.languageName(language),
          sourceLanguage: deps.settings.defaultLanguage,
          proposals: proposals.map((p) => ({
            id: p.id,
            kind: p.kind,
            field: p.field,
            label: p.label,
            source: p.source,
            sourceText: p.sourceText,
            current: p.current,
            text: p.text,
            byName: p.createdByName,
            createdAt: p.createdAt,
            own: p.own,
          })),
          ...(done ? { notice: request.t.t(`content.review.${done}`) } : {}),
        }),
      );
    },
  );

  app.post(
    '/translate/content/:lang/review',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      const body = parseInput(reviewBody, request.body);
      const decided = await decideContentText(deps, request.actor(), {
        language: lang,
        id: body.id,
        action: body.action,
      });
      return reply.redirect(
        `/translate/content/${decided.language}/review?done=${decided.status}`,
        303,
      );
    },
  );
}

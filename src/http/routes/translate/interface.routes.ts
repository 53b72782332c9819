/**
 * Translating the interface in the app: the languages (translators), one language's messages
 * with a form to propose a text (CSRF; a refusal is a 422 naming each problem, the typed text
 * kept), the review of pending proposals and the export of a language (reviewers).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { wordDiff } from '../../../domain/alignment/index.js';
import {
  INTERFACE_FILTERS,
  MessageProblemsError,
  messageContext,
} from '../../../domain/icu-message.js';
import type { IcuProblem } from '../../../domain/icu-message.js';
import { hasRole } from '../../../domain/roles.js';
import { interfaceCatalog } from '../../../i18n/overrides.js';
import type { Translator } from '../../../i18n/translator.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  exportInterfaceLanguage,
  listInterfaceLanguages,
  listInterfaceMessages,
} from '../../../services/interface/interface-messages.service.js';
import { proposeInterfaceText } from '../../../services/interface/propose-interface-text.service.js';
import {
  decideInterfaceText,
  listInterfaceProposals,
} from '../../../services/interface/review-interface-text.service.js';
import { parseInput } from '../../../services/validate.js';
import { InterfaceReviewPage } from '../../../views/pages/translate/interface-review.page.js';
import {
  InterfaceLanguagesPage,
  InterfaceMessagesPage,
} from '../../../views/pages/translate/interface.page.js';
import { saveRateLimit } from '../../rate-limits.js';
import { renderPage } from '../../render.js';

const params = z.object({ lang: z.string().min(1).max(64) });
const listQuery = z.object({
  area: z.string().max(40).default(''),
  state: z.enum(INTERFACE_FILTERS).default('all'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  done: z.literal('proposed').optional(),
});
const proposeBody = z.object({
  key: z.string().min(1).max(200),
  text: z.string().max(20_000),
});
const reviewQuery = z.object({ done: z.enum(['approved', 'rejected']).optional() });
const reviewBody = z.object({
  id: z.string().min(1).max(100),
  action: z.enum(['approve', 'reject']),
  comment: z.string().max(2_000).optional(),
});

/** A problem of a proposed text in the interface language. */
export function problemText(t: Translator, problem: IcuProblem): string {
  const key = `l10n.problem.${problem.code}`;
  switch (problem.code) {
    case 'too_long':
    case 'too_deep':
      return t.t(key, { max: problem.max });
    case 'syntax':
      return t.t(key, { detail: problem.detail });
    case 'placeholder_missing':
    case 'placeholder_unknown':
    case 'other_missing':
      return t.t(key, { placeholder: `{${problem.name}}` });
    case 'tag_missing':
    case 'tag_unknown':
      return t.t(key, { tag: `<${problem.name}>` });
    case 'plural_category_missing':
      return t.t(key, { placeholder: `{${problem.name}}`, category: problem.category });
    case 'empty':
    case 'unchanged':
      return t.t(key);
  }
}

function queryString(query: { area: string; state: string; page: number }): string {
  const out = new URLSearchParams();
  if (query.area) out.set('area', query.area);
  if (query.state !== 'all') out.set('state', query.state);
  if (query.page > 1) out.set('page', String(query.page));
  return out.toString();
}

export async function interfaceTranslationRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const viewer = (request: FastifyRequest) => {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    return user;
  };

  const showMessages = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: string,
    query: z.output<typeof listQuery>,
    refused?: { key: string; text: string; problems: string[] },
  ) => {
    const actor = request.actor();
    const list = await listInterfaceMessages(deps, interfaceCatalog, actor, {
      language: lang,
      area: query.area || undefined,
      filter: query.state,
      page: query.page,
      focus: refused?.key,
    });
    if (refused) reply.code(422);
    return renderPage(
      reply,
      InterfaceMessagesPage({
        t: request.t,
        user: viewer(request),
        csrfToken: reply.generateCsrf(),
        language: list.language,
        languageName: request.t.languageName(list.language),
        areas: list.areas,
        area: query.area,
        filter: query.state,
        messages: list.messages,
        matching: list.matching,
        page: list.page,
        pages: list.pages,
        canReview: hasRole(actor, 'reviewer'),
        ...(query.done ? { notice: request.t.t('l10n.propose.done') } : {}),
        ...(refused ? { refused } : {}),
      }),
    );
  };

  app.get('/translate/interface', { config: { access: 'translator' } }, async (request, reply) => {
    const actor = request.actor();
    const languages = await listInterfaceLanguages(deps, interfaceCatalog, actor);
    return renderPage(
      reply,
      InterfaceLanguagesPage({
        t: request.t,
        user: viewer(request),
        csrfToken: reply.generateCsrf(),
        languages: languages.map((l) => ({
          tag: l.language,
          name: request.t.languageName(l.language),
          translated: l.translated,
          total: l.total,
          pending: l.pending,
          canReview: hasRole(actor, 'reviewer'),
        })),
      }),
    );
  });

  app.get(
    '/translate/interface/:lang',
    { config: { access: 'translator' } },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      return showMessages(request, reply, lang, parseInput(listQuery, request.query));
    },
  );

  // Proposals count against the translation save limits (per account and per address).
  app.post(
    '/translate/interface/:lang',
    { config: { access: 'translator' }, preHandler: saveRateLimit(app) },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      const query = parseInput(listQuery, request.query);
      const body = parseInput(proposeBody, request.body);
      try {
        const record = await proposeInterfaceText(deps, interfaceCatalog, request.actor(), {
          language: lang,
          key: body.key,
          text: body.text,
        });
        const search = queryString(query);
        return await reply.redirect(
          `/translate/interface/${record.language}?${search ? `${search}&` : ''}done=proposed#m-${record.key}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof MessageProblemsError)) throw error;
        return showMessages(
          request,
          reply,
          lang,
          { ...query, done: undefined },
          {
            key: body.key,
            text: body.text,
            problems: error.icuProblems.map((p) => problemText(request.t, p)),
          },
        );
      }
    },
  );

  app.get(
    '/translate/interface/:lang/review',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      const { done } = parseInput(reviewQuery, request.query);
      const { language, proposals } = await listInterfaceProposals(
        deps,
        interfaceCatalog,
        request.actor(),
        lang,
      );
      return renderPage(
        reply,
        InterfaceReviewPage({
          t: request.t,
          user: viewer(request),
          csrfToken: reply.generateCsrf(),
          language,
          languageName: request.t.languageName(language),
          proposals: proposals.map((p) => ({
            id: p.id,
            key: p.key,
            context: messageContext(p.key),
            source: p.source,
            current: p.current,
            text: p.text,
            diff: p.current === null ? [] : wordDiff(p.current, p.text),
            byName: p.createdByName,
            createdAt: p.createdAt,
            own: p.own,
            sourceChanged: p.sourceChanged,
          })),
          ...(done ? { notice: request.t.t(`l10n.review.${done}`) } : {}),
        }),
      );
    },
  );

  app.post(
    '/translate/interface/:lang/review',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      const body = parseInput(reviewBody, request.body);
      const decided = await decideInterfaceText(deps, interfaceCatalog, request.actor(), {
        language: lang,
        id: body.id,
        action: body.action,
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
      });
      return reply.redirect(
        `/translate/interface/${decided.language}/review?done=${decided.status}`,
        303,
      );
    },
  );

  app.get(
    '/translate/interface/:lang/export.json',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const { lang } = parseInput(params, request.params);
      const exported = await exportInterfaceLanguage(deps, interfaceCatalog, request.actor(), lang);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="interface.${exported.language}.json"`)
        .send(`${JSON.stringify(exported.areas, null, 2)}\n`);
    },
  );
}

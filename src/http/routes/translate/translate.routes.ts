/** "Translate this post": choosing the target language (signed-in volunteers). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { languageAutonym } from '../../../domain/language.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  chooseTargetLanguage,
  translationOverview,
} from '../../../services/translation/start-translation.service.js';
import { ChooseLanguagePage } from '../../../views/pages/translate/choose-language.page.js';
import { renderPage } from '../../render.js';
import { interfaceLanguageOf } from '../../plugins/i18n.js';
import { translatorHub } from '../../../services/translation/hub.service.js';
import type { HubTranslation } from '../../../services/translation/hub.service.js';
import { HubPage } from '../../../views/pages/translate/hub.page.js';

type Params = { Params: { postId: string }; Querystring: { language?: string; other?: string } };

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);

export async function translateRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  /** The languages translators are offered (site languages open to translators, /admin/languages). */
  const translatable = () => deps.settings.translationLanguages ?? deps.settings.languages;
  app.get<{ Querystring: { language?: string | string[] } }>(
    '/translate',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('access rule guarantees a user');
      const t = request.t;
      const asked = asList(request.query.language);
      // The hub remembers the person's languages (the ones they translate, set on /account or
      // /translate/subscriptions); someone who set none starts from the interface language.
      const mine = asked.length > 0 ? [] : await deps.store.users.translateLanguages(user.id);
      const wanted =
        asked.length > 0 ? asked : mine.length > 0 ? mine : [interfaceLanguageOf(request)];
      const hub = await translatorHub(deps, request.actor(), wanted);
      const editorHref = (postId: string, language: string) => `/translate/${postId}/${language}`;
      const row = (x: HubTranslation) => ({
        title: x.title,
        sourceLanguage: x.sourceLanguage,
        language: x.language,
        href: editorHref(x.postId, x.language),
        translated: x.progress.translated,
        reviewed: x.progress.reviewed,
        total: x.progress.total,
        outdated: x.progress.outdated,
        pending: x.pending,
        memoryMatches: x.memoryMatches,
      });
      const chosen = hub.languages.map((l) => l.language);
      return renderPage(
        reply,
        HubPage({
          t,
          user,
          csrfToken: reply.generateCsrf(),
          choices: translatable().map((tag) => ({
            tag,
            autonym: languageAutonym(tag),
            checked: chosen.includes(tag),
          })),
          other: chosen.filter((l) => !translatable().includes(l)).join(' '),
          languages: hub.languages.map((l) => ({
            tag: l.language,
            name: t.languageName(l.language),
            missing: {
              count: l.missing.count,
              posts: l.missing.posts.map((p) => ({
                title: p.title,
                sourceLanguage: p.sourceLanguage,
                href: editorHref(p.postId, l.language),
              })),
            },
            inProgress: l.inProgress.map(row),
            outdated: l.outdated.map(row),
            proposals: l.proposals.map(row),
          })),
          mine: hub.mine.map(row),
        }),
      );
    },
  );
  async function chooser(
    request: FastifyRequest<Params>,
    selected: string | null,
    other: string,
    error?: string,
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const { post, title, progress } = await translationOverview(deps, request.params.postId);
    const t = request.t;
    const choices = translatable()
      .filter((tag) => tag !== post.sourceLanguage)
      .map((tag) => ({
        tag,
        autonym: languageAutonym(tag),
        name: t.languageName(tag),
        completion: progress.get(tag) ?? null,
      }));
    return { user, post, title, t, choices, selected, other, error };
  }

  app.get<Params>(
    '/translate/:postId',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const c = await chooser(request, request.query.language ?? null, '');
      return renderPage(
        reply,
        ChooseLanguagePage({
          t: c.t,
          user: c.user,
          csrfToken: reply.generateCsrf(),
          postId: c.post.id,
          title: c.title,
          sourceLanguage: c.post.sourceLanguage,
          sourceName: c.t.languageName(c.post.sourceLanguage),
          choices: c.choices,
          selected: c.selected,
          other: c.other,
        }),
      );
    },
  );

  app.get<Params>(
    '/translate/:postId/start',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const other = (request.query.other ?? '').trim();
      const wanted = other || (request.query.language ?? '').trim();
      const { post } = await translationOverview(deps, request.params.postId);
      try {
        const language = chooseTargetLanguage(post, wanted);
        return reply.redirect(`/translate/${post.id}/${language}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const c = await chooser(request, request.query.language ?? null, other);
        reply.code(422);
        const message =
          wanted && wanted.toLowerCase() === post.sourceLanguage.toLowerCase()
            ? c.t.t('translate.choose.same')
            : c.t.t('translate.choose.invalid', { tag: wanted || '—' });
        return renderPage(
          reply,
          ChooseLanguagePage({
            t: c.t,
            user: c.user,
            csrfToken: reply.generateCsrf(),
            postId: post.id,
            title: c.title,
            sourceLanguage: post.sourceLanguage,
            sourceName: c.t.languageName(post.sourceLanguage),
            choices: c.choices,
            selected: c.selected,
            other,
            error: message,
          }),
        );
      }
    },
  );
}

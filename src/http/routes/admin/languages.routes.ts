/** Administration: the site's languages (add, edit, move, enable or disable for readers). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { languageAutonym } from '../../../domain/language.js';
import {
  addSiteLanguage,
  listSiteLanguages,
  moveSiteLanguage,
  setSiteLanguageReading,
  updateSiteLanguage,
} from '../../../services/admin/languages.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { LanguagesAdminPage } from '../../../views/pages/admin/languages.page.js';
import type { LanguagesAdminPageProps } from '../../../views/pages/admin/languages.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

type Body = Record<string, unknown>;
type TagParams = { Params: { tag: string } };

export async function adminLanguagesRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Pick<LanguagesAdminPageProps, 'added' | 'editing' | 'problems'> = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const { t } = request;
    const languages = await listSiteLanguages(deps, request.actor());
    return renderPage(
      reply,
      LanguagesAdminPage({
        t,
        user,
        csrfToken: reply.generateCsrf(),
        languages: languages.map((l) => ({
          tag: l.tag,
          name: t.languageName(l.tag),
          autonym: languageAutonym(l.tag),
          direction: l.direction,
          fallback: l.fallback.map((tag) => ({ tag, name: t.languageName(tag) })),
          reading: l.reading,
          translating: l.translating,
          isDefault: l.isDefault,
        })),
        ...extra,
      }),
    );
  }

  /** Runs a change; a refusal re-renders the page (422) with the problems named by field. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<unknown>,
    onRefusal: Pick<LanguagesAdminPageProps, 'added' | 'editing'> = {},
  ) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, { ...onRefusal, problems: error.problems });
    }
    return reply.redirect('/admin/languages', 303);
  }

  const admin = { config: { access: 'admin' as const } };

  app.get('/admin/languages', admin, (request, reply) => page(request, reply));

  app.post('/admin/languages', admin, (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const added = {
      tag: str(body.tag),
      direction: str(body.direction),
      fallback: str(body.fallback),
    };
    return change(request, reply, () => addSiteLanguage(deps, request.actor(), added), { added });
  });

  app.post<TagParams>('/admin/languages/:tag', admin, (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const tag = request.params.tag;
    return change(
      request,
      reply,
      () =>
        updateSiteLanguage(deps, request.actor(), tag, {
          direction: str(body.direction),
          fallback: str(body.fallback),
          translating: str(body.translating),
        }),
      { editing: tag },
    );
  });

  app.post<TagParams>('/admin/languages/:tag/move', admin, (request, reply) => {
    const body = (request.body ?? {}) as Body;
    return change(request, reply, () =>
      moveSiteLanguage(deps, request.actor(), request.params.tag, str(body.way)),
    );
  });

  app.post<TagParams>('/admin/languages/:tag/reading', admin, (request, reply) => {
    const body = (request.body ?? {}) as Body;
    return change(request, reply, () =>
      setSiteLanguageReading(deps, request.actor(), request.params.tag, str(body.reading) === 'on'),
    );
  });
}

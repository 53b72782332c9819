/** Administration: the site settings (one form). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { languageAutonym } from '../../../domain/language.js';
import {
  siteSettingsView,
  updateSiteSettings,
} from '../../../services/admin/site-settings.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { SettingsAdminPage } from '../../../views/pages/admin/settings.page.js';
import type { SettingsFormValues } from '../../../views/pages/admin/settings.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

export async function adminSettingsRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      typed?: SettingsFormValues;
      problems?: { field: string; message: string }[];
      notice?: string;
    } = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const { t } = request;
    const view = siteSettingsView(deps, request.actor());
    const v = view.values;
    return renderPage(
      reply,
      SettingsAdminPage({
        t,
        user,
        csrfToken: reply.generateCsrf(),
        values: extra.typed ?? {
          siteName: v.siteName,
          siteDescription: v.siteDescription,
          defaultLanguage: v.defaultLanguage,
          minCompletion: String(v.publication.minCompletion),
          requireReview: v.publication.requireReview,
          editorsAnyCompletion: v.publication.editorsAnyCompletion,
          translationEditsGoLive: v.translationEditsGoLive,
          translatorRoleAtSignUp: v.translatorRoleAtSignUp,
          commentsCloseAfterDays: String(v.commentsCloseAfterDays),
        },
        languages: view.languages.map((tag) => ({
          tag,
          name: t.languageName(tag),
          autonym: languageAutonym(tag),
        })),
        problems: extra.problems,
        notice: extra.notice,
      }),
    );
  }

  const admin = { config: { access: 'admin' as const } };

  app.get<{ Querystring: Record<string, unknown> }>('/admin/settings', admin, (request, reply) =>
    page(
      request,
      reply,
      str(request.query.saved) === '1' ? { notice: request.t.t('sitesettings.saved') } : {},
    ),
  );

  app.post('/admin/settings', admin, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const on = (key: string) => str(body[key]) === 'on';
    const typed: SettingsFormValues = {
      siteName: str(body.siteName),
      siteDescription: str(body.siteDescription),
      defaultLanguage: str(body.defaultLanguage),
      minCompletion: str(body.minCompletion),
      requireReview: on('requireReview'),
      editorsAnyCompletion: on('editorsAnyCompletion'),
      translationEditsGoLive: on('translationEditsGoLive'),
      translatorRoleAtSignUp: on('translatorRoleAtSignUp'),
      ...(body.commentsCloseAfterDays !== undefined
        ? { commentsCloseAfterDays: str(body.commentsCloseAfterDays) }
        : {}),
    };
    try {
      await updateSiteSettings(deps, request.actor(), {
        ...typed,
        requireReview: typed.requireReview,
        editorsAnyCompletion: typed.editorsAnyCompletion,
        translationEditsGoLive: typed.translationEditsGoLive,
        translatorRoleAtSignUp: typed.translatorRoleAtSignUp,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, { typed, problems: error.problems });
    }
    return reply.redirect('/admin/settings?saved=1', 303);
  });
}

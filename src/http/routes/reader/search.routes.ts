/** Full-text search of one language's published posts: GET /{lang}/search?q=…&page=… */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.js';
import { canonicalLanguageTag, languageAutonym } from '../../../domain/language.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { readerDeps } from '../../reader-deps.js';
import {
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  SEARCH_PAGE_SIZE,
  searchPosts,
} from '../../../services/reader/search.service.js';
import { parseInput } from '../../../services/validate.js';
import { SearchPage } from '../../../views/pages/search.page.js';
import { renderPage } from '../../render.js';
import { readerNavigation } from './navigation.js';
import { languageSwitchHref, searchHitPath } from '../../presenters/reader.presenter.js';

/** `q` may come repeated (`?q=a&q=b`): the first one counts; any text is a valid query. */
const searchQuery = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((q) => (Array.isArray(q) ? (q[0] ?? '') : (q ?? ''))),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export async function searchRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get<{ Params: { lang: string } }>(
    '/:lang/search',
    { config: { access: 'public' } },
    async (request, reply) => {
      const { lang } = request.params;
      const language = canonicalLanguageTag(lang);
      if (!language || !deps.settings.languages.includes(language)) throw new NotFoundError('Page');
      if (language !== lang)
        return reply.redirect(request.url.replace(`/${lang}/`, `/${language}/`), 301);
      const { q, page } = parseInput(searchQuery, request.query);
      const reading = readerDeps(deps, request);
      const [found, navigation] = await Promise.all([
        searchPosts(reading, { language, text: q, page }),
        readerNavigation(reading, reply, language),
      ]);
      const again = found.query ? `?q=${encodeURIComponent(found.query)}` : '';
      return renderPage(
        reply,
        SearchPage({
          t: request.t,
          user: request.user,
          csrfToken: request.user ? reply.generateCsrf() : '',
          siteName: deps.settings.siteName,
          language,
          query: found.query,
          shortened: found.shortened,
          maxQueryLength: MAX_QUERY_LENGTH,
          maxQueryTerms: MAX_QUERY_TERMS,
          total: found.total,
          page: found.page,
          pages: found.pages,
          perPage: SEARCH_PAGE_SIZE,
          results: found.results.map((r) => ({
            ...r,
            path: searchHitPath(r, language, deps.settings.languages),
          })),
          navigation,
          // The same search in another language.
          languageMenu: deps.settings.languages.map((tag) => ({
            tag,
            label: languageAutonym(tag),
            href:
              tag === language
                ? `/${tag}/search${again}`
                : languageSwitchHref(tag, `/${tag}/search${again}`),
            current: tag === language,
          })),
        }),
      );
    },
  );
}

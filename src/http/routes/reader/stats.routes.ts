/**
 * Public statistics: `/stats` (negotiates the language and redirects), `/{lang}/stats`,
 * `/{lang}/stats/posts?page=`, a volunteer's `/{lang}/people/{username}`, and the CSV files
 * `/stats.csv`, `/stats/history.csv`, `/stats/posts.csv` and
 * `/people/{username}/translations.csv`. The figures are computed by
 * services/stats (kept in memory, dropped by the change feed).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.js';
import { canonicalLanguageTag } from '../../../domain/language.js';
import type { Translator } from '../../../i18n/translator.js';
import { negotiateLanguage } from '../../../i18n/negotiate.js';
import {
  historyCsv,
  languagesCsv,
  postsCsv,
  volunteerCsv,
} from '../../../interchange/stats/csv.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { readerDeps } from '../../reader-deps.js';
import {
  CHART_MONTHS,
  postStatistics,
  siteStatistics,
  volunteerStatistics,
} from '../../../services/stats/statistics.service.js';
import type { PostStatistics } from '../../../services/stats/statistics.service.js';
import { parseInput } from '../../../services/validate.js';
import { PersonPage } from '../../../views/pages/person.page.js';
import { StatsPage, StatsPostsPage } from '../../../views/pages/stats.page.js';
import { LANGUAGE_COOKIE } from '../../plugins/i18n.js';
import { pageChrome } from '../../presenters/reader.presenter.js';
import { renderPage } from '../../render.js';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
/** User names are short; anything longer is not one. */
const personParams = z.object({ username: z.string().min(1).max(100) });
const CSV_PAGE = 1_000;

/** "Oct 2026" (axis) and "October 2026" in the interface language, from `YYYY-MM`. */
function monthLabels(t: Translator, month: string): { short: string; long: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const short = new Intl.DateTimeFormat(t.lang, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, m - 1, 15)));
  return { short, long: t.formatMonth(year, m) };
}

function sendCsv(reply: FastifyReply, name: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}

export async function statsRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const { settings } = deps;
  const access = { access: 'public' } as const;

  /** The site language of a prefix, or a NotFoundError. */
  const siteLanguage = (prefix: string): string => {
    const tag = canonicalLanguageTag(prefix);
    if (!tag || !settings.languages.includes(tag)) throw new NotFoundError('Page');
    return tag;
  };
  const chrome = (
    request: FastifyRequest,
    reply: FastifyReply,
    language: string,
    rest: string,
  ) => ({
    t: request.t,
    user: request.user,
    csrfToken: request.user ? reply.generateCsrf() : '',
    siteName: settings.siteName,
    language,
    languageMenu: pageChrome(settings, language, `/${language}${rest}`, (tag) => `/${tag}${rest}`)
      .languageMenu,
  });

  app.get('/stats', { config: access }, async (request, reply) => {
    const language = negotiateLanguage(
      {
        remembered: request.cookies[LANGUAGE_COOKIE],
        acceptLanguage: request.headers['accept-language'],
      },
      settings.languages,
      settings.defaultLanguage,
    );
    return reply
      .header('vary', 'Accept-Language, Cookie')
      .header('cache-control', 'private, no-cache')
      .redirect(`/${language}/stats`, 302);
  });

  app.get<{ Params: { lang: string } }>(
    '/:lang/stats',
    { config: access },
    async (request, reply) => {
      const language = siteLanguage(request.params.lang);
      if (language !== request.params.lang) return reply.redirect(`/${language}/stats`, 301);
      const stats = await siteStatistics(readerDeps(deps, request));
      const t = request.t;
      const months = stats.months.slice(-CHART_MONTHS);
      const from = stats.months.length - months.length;
      return renderPage(
        reply,
        StatsPage({
          ...chrome(request, reply, language, '/stats'),
          publishedPosts: stats.publishedPosts,
          languages: stats.languages,
          months: months.map((m) => monthLabels(t, m)),
          series: stats.series.map((s) => ({
            language: s.language,
            values: s.points.slice(from).map((p) => p.completion),
          })),
          csvHref: '/stats.csv',
          historyCsvHref: '/stats/history.csv',
          postsHref: `/${language}/stats/posts`,
        }),
      );
    },
  );

  app.get<{ Params: { lang: string } }>(
    '/:lang/stats/posts',
    { config: access },
    async (request, reply) => {
      const language = siteLanguage(request.params.lang);
      if (language !== request.params.lang)
        return reply.redirect(
          request.url.replace(`/${request.params.lang}/`, `/${language}/`),
          301,
        );
      const { page } = parseInput(pageQuery, request.query);
      const result = await postStatistics(readerDeps(deps, request), page);
      return renderPage(
        reply,
        StatsPostsPage({
          ...chrome(request, reply, language, '/stats/posts'),
          siteLanguages: settings.languages,
          posts: result.posts.map((p) => ({
            title: p.title,
            path: p.path,
            sourceLanguage: p.sourceLanguage,
            units: p.units,
            cells: new Map(p.languages.map((l) => [l.language, l])),
          })),
          page: result.page,
          pages: result.pages,
          pageHref: (n) => `/${language}/stats/posts?page=${n}`,
          csvHref: '/stats/posts.csv',
          statsHref: `/${language}/stats`,
        }),
      );
    },
  );

  app.get<{ Params: { lang: string; username: string } }>(
    '/:lang/people/:username',
    { config: access },
    async (request, reply) => {
      const language = siteLanguage(request.params.lang);
      const { username } = parseInput(personParams, request.params);
      if (language !== request.params.lang)
        return reply.redirect(
          request.url.replace(`/${request.params.lang}/`, `/${language}/`),
          301,
        );
      const person = await volunteerStatistics(readerDeps(deps, request), username);
      const t = request.t;
      const rest = `/people/${encodeURIComponent(person.username)}`;
      return renderPage(
        reply,
        PersonPage({
          ...chrome(request, reply, language, rest),
          displayName: person.displayName,
          bio: person.bio,
          postsHref: `/${language}/author/${encodeURIComponent(person.username)}`,
          months: person.months.map((m) => ({ ...m, ...monthLabels(t, m.month) })),
          languages: person.languages,
          totals: person.totals,
          csvHref: `/people/${encodeURIComponent(person.username)}/translations.csv`,
        }),
      );
    },
  );

  app.get('/stats.csv', { config: access }, async (request, reply) =>
    sendCsv(reply, 'stats.csv', languagesCsv(await siteStatistics(readerDeps(deps, request)))),
  );

  app.get('/stats/history.csv', { config: access }, async (request, reply) =>
    sendCsv(
      reply,
      'stats-history.csv',
      historyCsv(await siteStatistics(readerDeps(deps, request))),
    ),
  );

  app.get('/stats/posts.csv', { config: access }, async (request, reply) => {
    const posts: PostStatistics[] = [];
    for (let page = 1; ; page++) {
      const result = await postStatistics(readerDeps(deps, request), page, CSV_PAGE);
      posts.push(...result.posts);
      if (page >= result.pages) break;
    }
    return sendCsv(reply, 'stats-posts.csv', postsCsv(posts));
  });

  app.get<{ Params: { username: string } }>(
    '/people/:username/translations.csv',
    { config: access },
    async (request, reply) => {
      const { username } = parseInput(personParams, request.params);
      const person = await volunteerStatistics(readerDeps(deps, request), username);
      return sendCsv(reply, 'translations.csv', volunteerCsv(person));
    },
  );
}

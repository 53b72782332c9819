/**
 * Public pages, every one under a language prefix: home and archives (/{lang}/, author,
 * organization, tag, category, event, month), their later pages (`/{lang}/page/2`,
 * `/{lang}/tag/x/page/2`: paths, so a static export can write them as files; the older
 * `?page=2` answers 301 to them), post permalinks, plus `/` (negotiates the
 * reader's language and redirects), `/language/:tag` (remembers a switch) and media files.
 * `/` with a WordPress content parameter (`/?p=123`, `?page_id`, `?cat`, `?tag`, `?author`,
 * `?feed`) first looks for a redirect stored by an import: found → 301 to it; not found →
 * the home redirect as before (an unknown old id is not worth a 404 on the site's root).
 * Routes come from data: the prefix is checked against the site's languages on each request.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.js';
import { canonicalLanguageTag } from '../../../domain/language.js';
import { listingPagePath } from '../../../domain/post.js';
import { negotiateLanguage } from '../../../i18n/negotiate.js';
import { readerNavigation } from './navigation.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { readerDeps } from '../../reader-deps.js';
import { commentThread } from '../../../services/comments/thread.service.js';
import { getPublishedPost, readerPath } from '../../../services/posts/read-post.service.js';
import { archiveMonths, listPosts } from '../../../services/reader/listing.service.js';
import type { ListingFilter } from '../../../services/reader/listing.service.js';
import { parseInput } from '../../../services/validate.js';
import { ListingPage } from '../../../views/pages/listing.page.js';
import { PostPage } from '../../../views/pages/post.page.js';
import { redirectFor, sendRedirect } from '../../plugins/errors.js';
import { LANGUAGE_COOKIE } from '../../plugins/i18n.js';
import { presentThread } from '../../presenters/comments.presenter.js';
import { localizeBody } from '../../presenters/localize-body.js';
import { presentPost } from '../../presenters/post.presenter.js';
import {
  pageChrome,
  presentEntry,
  presentMissing,
  presentSubject,
  presentSubjectTexts,
  presentVersions,
} from '../../presenters/reader.presenter.js';
import { renderPage } from '../../render.js';
import { safeNext } from '../auth/auth.routes.js';

const PER_PAGE = 10;
const ONE_YEAR = 365 * 86_400;

const mediaTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.pdf': 'application/pdf',
};

/** WordPress query parameters naming content on `/` (`lang` alone names none). */
const OLD_CONTENT_PARAMETERS = ['p', 'page_id', 'cat', 'tag', 'author', 'feed'];

const MAX_PAGE = 100_000;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(MAX_PAGE).optional() });

/** The page number of a `/page/:page` path, in its one spelling (no sign, no zeros first); else null. */
function pathPage(param: string): number | null {
  if (!/^[1-9]\d*$/.test(param)) return null;
  const page = Number(param);
  return page <= MAX_PAGE ? page : null;
}

/** The archive a `/:lang/:kind/:slug` path names and its path after the language; null when none. */
function archiveOf(kind: string, slug: string): { filter: ListingFilter; rest: string } | null {
  const value = slug.normalize('NFC');
  const filters: Record<string, ListingFilter> = {
    author: { kind: 'author', username: value },
    organization: { kind: 'organization', slug: value },
    tag: { kind: 'tag', slug: value },
    category: { kind: 'category', slug: value },
    event: { kind: 'event', slug: value },
  };
  const filter = Object.hasOwn(filters, kind) ? filters[kind] : undefined;
  if (filter) return { filter, rest: `/${kind}/${encodeURIComponent(value)}` };
  // Otherwise /:lang/:yyyy/:mm is a monthly archive.
  if (!/^\d{4}$/.test(kind) || !/^\d{2}$/.test(slug)) return null;
  return {
    filter: { kind: 'month', year: Number(kind), month: Number(slug) },
    rest: `/${kind}/${slug}`,
  };
}

export async function readerRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const { settings } = deps;
  const reader = { access: 'public', pageCache: true } as const;

  /** The site language of a prefix, or a NotFoundError that the 404 page turns into a language chooser. */
  const siteLanguage = (prefix: string): string => {
    const tag = canonicalLanguageTag(prefix);
    if (!tag || !settings.languages.includes(tag))
      throw new NotFoundError(`Language section "${prefix}"`);
    return tag;
  };

  const csrfFor = (request: FastifyRequest, reply: FastifyReply) =>
    request.user ? reply.generateCsrf() : '';

  async function listing(
    request: FastifyRequest,
    reply: FastifyReply,
    prefix: string,
    filter: ListingFilter,
    rest: string,
    pathPageNumber?: number,
  ) {
    const language = siteLanguage(prefix);
    if (language !== prefix)
      return reply.redirect(request.url.replace(`/${prefix}`, `/${language}`), 301);
    const basePath = `/${language}${rest}`;
    // The query form of older links: one address per page, the path.
    const { page: queryPage } = parseInput(pageQuery, request.query);
    if (queryPage !== undefined || pathPageNumber === 1)
      return reply.redirect(listingPagePath(basePath, queryPage ?? 1, rest === ''), 301);
    const page = pathPageNumber ?? 1;
    const reading = readerDeps(deps, request);
    const [result, months, navigation] = await Promise.all([
      listPosts(reading, language, filter, page, PER_PAGE),
      archiveMonths(reading),
      readerNavigation(reading, reply, language),
    ]);
    if (page > result.pages) throw new NotFoundError('Page');
    reply.cacheKeys(result.cacheKeys);
    const t = request.t;
    return renderPage(
      reply,
      ListingPage({
        t,
        user: request.user,
        csrfToken: csrfFor(request, reply),
        siteName: settings.siteName,
        subject: presentSubject(result.subject, language),
        subjectTexts: presentSubjectTexts(result.subjectTexts),
        entries: result.entries.map((e) => presentEntry(t, language, e)),
        total: result.total,
        page: result.page,
        pages: result.pages,
        chrome: {
          ...pageChrome(settings, language, basePath, (tag) => `/${tag}${rest}${rest ? '' : '/'}`),
          navigation,
        },
        months: months.map((m) => ({
          ...m,
          href: `/${language}/${m.year}/${String(m.month).padStart(2, '0')}`,
        })),
      }),
    );
  }

  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const query: unknown = request.query;
    if (
      typeof query === 'object' &&
      query !== null &&
      OLD_CONTENT_PARAMETERS.some((name) => Object.hasOwn(query, name))
    ) {
      const target = await redirectFor(deps, request);
      if (target !== null) return sendRedirect(reply, target);
    }
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
      .redirect(`/${language}/`, 302);
  });

  app.get<{ Params: { tag: string }; Querystring: { next?: string } }>(
    '/language/:tag',
    { config: { access: 'public' } },
    async (request, reply) => {
      const language = siteLanguage(request.params.tag);
      reply.setCookie(LANGUAGE_COOKIE, language, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: ONE_YEAR,
      });
      const next = safeNext(request.query.next);
      return reply
        .header('cache-control', 'no-store')
        .redirect(next === '/' ? `/${language}/` : next, 303);
    },
  );

  app.get<{ Params: { lang: string } }>('/:lang', { config: reader }, (request, reply) =>
    listing(request, reply, request.params.lang, { kind: 'all' }, ''),
  );

  app.get<{ Params: { lang: string; page: string } }>(
    '/:lang/page/:page',
    { config: reader },
    (request, reply) => {
      const page = pathPage(request.params.page);
      if (page === null) throw new NotFoundError('Page');
      return listing(request, reply, request.params.lang, { kind: 'all' }, '', page);
    },
  );

  app.get<{ Params: { lang: string; kind: string; slug: string } }>(
    '/:lang/:kind/:slug',
    { config: reader },
    async (request, reply) => {
      const { lang, kind, slug } = request.params;
      const archive = archiveOf(kind, slug);
      if (!archive) throw new NotFoundError('Page');
      return listing(request, reply, lang, archive.filter, archive.rest);
    },
  );

  app.get<{ Params: { lang: string; kind: string; slug: string; page: string } }>(
    '/:lang/:kind/:slug/page/:page',
    { config: reader },
    async (request, reply) => {
      const { lang, kind, slug } = request.params;
      const archive = archiveOf(kind, slug);
      const page = pathPage(request.params.page);
      if (!archive || page === null) throw new NotFoundError('Page');
      return listing(request, reply, lang, archive.filter, archive.rest, page);
    },
  );

  app.get<{ Params: { lang: string; yyyy: string; mm: string; dd: string; slug: string } }>(
    '/:lang/:yyyy/:mm/:dd/:slug',
    { config: reader },
    async (request, reply) => {
      const { lang, yyyy, mm, dd, slug } = request.params;
      const language = canonicalLanguageTag(lang);
      if (!language || !/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm) || !/^\d{2}$/.test(dd))
        throw new NotFoundError('Post');
      if (language !== lang)
        return reply.redirect(request.url.replace(`/${lang}/`, `/${language}/`), 301);
      const reading = readerDeps(deps, request);
      const result = await getPublishedPost(
        reading,
        language,
        `${yyyy}-${mm}-${dd}`,
        slug.normalize('NFC'),
      );
      if ('redirect' in result) return reply.redirect(result.redirect, 301);
      const { view } = result;
      // The fallback page too: a translation's publication or an edit of the post drops it.
      reply.cacheKeys(view.cacheKeys);
      const t = request.t;
      const have = view.versions.map((v) => v.language);
      const translateHref = `/translate/${view.post.id}`;
      const missingHref = (tag: string) => `${translateHref}?language=${encodeURIComponent(tag)}`;
      // This language's thread; signed out, nothing personal (the page may be cached).
      const thread = await commentThread(
        reading,
        request.user ? request.actor() : null,
        view.post,
        language,
      );
      reply.cacheKeys(thread.cacheKeys);
      // Each language: its real version, else this original under that language's prefix.
      const inLanguage = (tag: string) =>
        view.versions.find((v) => v.language === tag)?.path ??
        readerPath(reading, view.post, tag, null);
      const navigation = await readerNavigation(reading, reply, language);
      return renderPage(
        reply,
        PostPage({
          t,
          user: request.user,
          csrfToken: csrfFor(request, reply),
          siteName: settings.siteName,
          // The directives' interface texts (video placeholders, attachment sizes) in `t`.
          post: { ...presentPost(view), bodyHtml: localizeBody(view.bodyHtml, t) },
          chrome: { ...pageChrome(settings, language, `/${language}`, inLanguage), navigation },
          versions: presentVersions(t, view.versions, language),
          missing: presentMissing(t, settings.languages, have, missingHref),
          translateHref,
          defaultLanguage: settings.defaultLanguage,
          fallback: view.fallback
            ? { language: view.fallback.language, translateHref: missingHref(language) }
            : null,
          comments: presentThread(thread, request.url.split('?')[0] ?? request.url),
        }),
      );
    },
  );

  app.get<{ Params: { '*': string } }>(
    '/media/*',
    { config: { access: 'public' } },
    async (request, reply) => {
      const key = request.params['*'];
      const type = mediaTypes[extname(key).toLowerCase()];
      let path: string | null = null;
      try {
        path = type ? deps.storage.localPath(key) : null;
      } catch {
        path = null;
      }
      const info = path ? await stat(path).catch(() => null) : null;
      if (!path || !type || !info?.isFile()) throw new NotFoundError('File');
      return reply
        .type(type)
        .header('content-length', info.size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(createReadStream(path));
    },
  );
}

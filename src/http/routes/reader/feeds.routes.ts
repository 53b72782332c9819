/**
 * Feeds and discovery: RSS 2.0 (`feed.xml`), Atom (`atom.xml`) and JSON Feed (`feed.json`) for
 * each language's home and every archive its pages link a feed from (tag, category, author,
 * organization, event, month: `/{lang}/{yyyy}/{mm}/feed.xml`), plus `/sitemap.xml` (with
 * hreflang alternates) and `/robots.txt`. All are public, kept by the page cache and dropped
 * from it by the same keys as the listings they mirror.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../domain/errors.js';
import { canonicalLanguageTag } from '../../../domain/language.js';
import { translator } from '../../../i18n/translator.js';
import { renderAtom, renderJsonFeed, renderRss } from '../../../interchange/feeds/feeds.js';
import type { FeedDocument } from '../../../interchange/feeds/feeds.js';
import { renderSitemap } from '../../../interchange/feeds/sitemap.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { readerDeps } from '../../reader-deps.js';
import { buildFeed, siteOrigin } from '../../../services/reader/feeds.service.js';
import type { FeedData, FeedFilter } from '../../../services/reader/feeds.service.js';
import { buildSitemap } from '../../../services/reader/sitemap.service.js';
import type { Translator } from '../../../i18n/translator.js';

const feedFiles = ['feed.xml', 'atom.xml', 'feed.json'] as const;
type FeedFile = (typeof feedFiles)[number];

const formats: Record<FeedFile, { type: string; render: (doc: FeedDocument) => string }> = {
  'feed.xml': { type: 'application/rss+xml; charset=utf-8', render: renderRss },
  'atom.xml': { type: 'application/atom+xml; charset=utf-8', render: renderAtom },
  'feed.json': { type: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
};

/** Private areas crawlers have no business in (reader pages all live under a language). */
const DISALLOWED = [
  '/write',
  '/admin',
  '/editorial',
  '/translate',
  '/signin',
  '/signup',
  '/password',
  '/language/',
];

/** Registers the feed, sitemap and robots.txt routes; register before readerRoutes. */
export async function feedRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const { settings } = deps;
  const reader = { access: 'public', pageCache: true } as const;

  async function sendFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    prefix: string,
    file: FeedFile,
    filter: FeedFilter,
  ) {
    const language = canonicalLanguageTag(prefix);
    if (!language || !settings.languages.includes(language))
      throw new NotFoundError(`Language section "${prefix}"`);
    if (language !== prefix)
      return reply.redirect(request.url.replace(`/${prefix}/`, `/${language}/`), 301);
    const data = await buildFeed(readerDeps(deps, request), language, filter);
    reply.cacheKeys(data.cacheKeys);
    const format = formats[file];
    return reply.type(format.type).send(format.render(feedDocument(settings.siteName, data)));
  }

  for (const file of feedFiles) {
    app.get<{ Params: { lang: string } }>(`/:lang/${file}`, { config: reader }, (request, reply) =>
      sendFeed(request, reply, request.params.lang, file, { kind: 'all' }),
    );
    // One route for every archive: `/:lang/:yyyy/:mm/feed.xml` has the same shape as
    // `/:lang/:kind/:slug/feed.xml`, so the router cannot tell a month from a tag.
    app.get<{ Params: { lang: string; kind: string; slug: string } }>(
      `/:lang/:kind/:slug/${file}`,
      { config: reader },
      (request, reply) => {
        const { lang, kind, slug } = request.params;
        const filter = archiveFilter(kind, slug);
        if (!filter) throw new NotFoundError('Feed');
        return sendFeed(request, reply, lang, file, filter);
      },
    );
  }

  app.get('/sitemap.xml', { config: reader }, async (request, reply) => {
    const sitemap = await buildSitemap(readerDeps(deps, request));
    reply.cacheKeys(sitemap.cacheKeys);
    return reply.type('application/xml; charset=utf-8').send(renderSitemap(sitemap.entries));
  });

  app.get('/robots.txt', { config: reader }, async (_request, reply) => {
    const lines = [
      'User-agent: *',
      'Allow: /',
      ...DISALLOWED.map((path) => `Disallow: ${path}`),
      '',
      `Sitemap: ${siteOrigin(deps)}/sitemap.xml`,
      '',
    ];
    // Tagged like the sitemap only so the page cache keeps it; it changes with the settings.
    reply.cacheKeys(['list:all']);
    return reply.type('text/plain; charset=utf-8').send(lines.join('\n'));
  });
}

/**
 * The archive a `/:lang/:kind/:slug` path names, read as the archive pages read theirs
 * (`/:lang/:yyyy/:mm` is a month), or null when it names none.
 */
function archiveFilter(kind: string, slug: string): FeedFilter | null {
  const value = slug.normalize('NFC');
  switch (kind) {
    case 'tag':
    case 'category':
    case 'organization':
    case 'event':
      return { kind, slug: value };
    case 'author':
      return { kind, username: value };
  }
  if (!/^\d{4}$/.test(kind) || !/^\d{2}$/.test(slug)) return null;
  return { kind: 'month', year: Number(kind), month: Number(slug) };
}

/** The feed's title and description in its own language (English until a catalog exists). */
function feedDocument(siteName: string, data: FeedData): FeedDocument {
  const { title, description } = feedText(translator(data.language), siteName, data);
  return {
    language: data.language,
    title,
    description,
    homeUrl: data.homeUrl,
    feedUrls: data.feedUrls,
    updated: data.updated,
    publisher: siteName,
    items: data.items,
  };
}

/** The feed catalog's title and description for the listing a feed mirrors. */
function feedText(
  t: Translator,
  siteName: string,
  data: FeedData,
): { title: string; description: string } {
  const { subject } = data;
  const catalogued = (key: string, name: string) => {
    const values = { site: siteName, name, language: t.languageName(data.language) };
    return {
      title: t.t(`feeds.title.${key}`, values),
      description: t.t(`feeds.description.${key}`, values),
    };
  };
  switch (subject.kind) {
    case 'all':
      return catalogued('all', '');
    case 'tag':
    case 'category':
      return catalogued(subject.kind, subject.term.name);
    case 'author':
      return catalogued('author', subject.person.displayName);
    case 'organization':
      return catalogued('organization', subject.organization.name);
    case 'event':
      return catalogued('event', subject.event.name);
    case 'month':
      return catalogued('month', t.formatMonth(subject.year, subject.month));
  }
}

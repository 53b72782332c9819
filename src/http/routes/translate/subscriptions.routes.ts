/**
 * The translation digest: the subscription page (signed-in; the form and a preview of the
 * digest it would send now) and the public per-language "needs translation" Atom feeds
 * (`/translate/needs/sw.atom`), kept by the page cache and dropped by the change feed.
 */
import type { FastifyInstance } from 'fastify';
import { newPostsSince } from '../../../domain/digest.js';
import { NotFoundError } from '../../../domain/errors.js';
import { canonicalLanguageTag, languageAutonym } from '../../../domain/language.js';
import { translator } from '../../../i18n/translator.js';
import type { Translator } from '../../../i18n/translator.js';
import { renderAtom } from '../../../interchange/feeds/feeds.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { buildDigest } from '../../../services/digest/build-digest.service.js';
import type { DigestItem } from '../../../services/digest/build-digest.service.js';
import { needsTranslationFeed } from '../../../services/digest/needs-feed.service.js';
import {
  digestSubscription,
  saveDigestSubscription,
} from '../../../services/digest/subscription.service.js';
import { SubscriptionsPage } from '../../../views/pages/translate/subscriptions.page.js';
import type { DigestPreviewItem } from '../../../views/pages/translate/subscriptions.page.js';
import { renderPage } from '../../render.js';

/** Form values as a list (one value or repeated fields), at most 200. */
const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 200)
    .flatMap((v) => v.split(/[\s,]+/))
    .filter(Boolean);

function itemDetail(t: Translator, item: DigestItem): string {
  const p = item.progress;
  if (!p) return t.t('digest.item.from', { language: t.languageName(item.sourceLanguage) });
  if (p.outdated > 0) return t.t('digest.item.outdated', { count: p.outdated });
  return t.t('digest.item.progress', { done: p.done, total: p.total });
}

export async function digestRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const translatable = () => deps.settings.translationLanguages ?? deps.settings.languages;

  app.get<{ Querystring: { saved?: string } }>(
    '/translate/subscriptions',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('access rule guarantees a user');
      const t = request.t;
      const actor = request.actor();
      const view = await digestSubscription(deps, actor);
      const now = deps.clock.now();
      const digest = await buildDigest(
        deps,
        actor,
        newPostsSince(view.frequency, view.lastSentAt, now),
      );
      const item = (i: DigestItem): DigestPreviewItem => ({
        title: i.title,
        sourceLanguage: i.sourceLanguage,
        href: i.path,
        detail: itemDetail(t, i),
      });
      const sections = (l: (typeof digest.languages)[number]) =>
        [
          { heading: t.t('digest.section.missing', { count: l.missing.length }), items: l.missing },
          {
            heading: t.t('digest.section.outdated', { count: l.outdated.length }),
            items: l.outdated,
          },
          {
            heading: t.t('digest.section.inProgress', { count: l.inProgress.length }),
            items: l.inProgress,
          },
          ...(l.review
            ? [
                {
                  heading: t.t('digest.section.review', { count: l.review.length }),
                  items: l.review,
                },
              ]
            : []),
        ]
          .filter((s) => s.items.length > 0)
          .map((s) => ({ heading: s.heading, items: s.items.map(item) }));
      return renderPage(
        reply,
        SubscriptionsPage({
          t,
          user,
          csrfToken: reply.generateCsrf(),
          saved: request.query.saved === '1',
          frequency: view.frequency,
          lastSent: view.lastSentAt
            ? t.t('digest.lastSent', { date: t.formatDate(view.lastSentAt, 'long') })
            : null,
          choices: translatable().map((tag) => ({
            tag,
            autonym: languageAutonym(tag),
            checked: view.languages.includes(tag),
          })),
          other: view.languages.filter((l) => !translatable().includes(l)).join(' '),
          organizations: view.organizations,
          tags: view.tags,
          authors: view.authors.map((a) => a.username).join(' '),
          preview: digest.languages.map((l) => ({
            tag: l.language,
            name: t.languageName(l.language),
            sections: sections(l),
          })),
          feeds: view.languages.map((tag) => ({
            href: `/translate/needs/${tag}.atom`,
            label: t.t('digest.feeds.link', { language: t.languageName(tag) }),
          })),
        }),
      );
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/translate/subscriptions',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const body = request.body;
      await saveDigestSubscription(deps, request.actor(), {
        frequency: typeof body.frequency === 'string' ? body.frequency : '',
        languages: asList(body.languages),
        organizations: asList(body.organizations),
        tags: asList(body.tags),
        authors: asList(body.authors),
      });
      return reply.redirect('/translate/subscriptions?saved=1', 303);
    },
  );

  app.get<{ Params: { file: string } }>(
    '/translate/needs/:file',
    { config: { access: 'public', pageCache: true } },
    async (request, reply) => {
      const match = /^([A-Za-z0-9-]{1,35})\.atom$/.exec(request.params.file);
      const language = match?.[1] ? canonicalLanguageTag(match[1]) : null;
      if (!language || !translatable().includes(language))
        throw new NotFoundError(`Feed "${request.params.file}"`);
      if (match?.[1] !== language) return reply.redirect(`/translate/needs/${language}.atom`, 301);
      const feed = await needsTranslationFeed(deps, language);
      const t = translator(language, deps.settings.languageFallbacks?.[language] ?? []);
      const base = deps.settings.publicUrl.replace(/\/+$/, '');
      const name = t.languageName(language);
      const self = `${base}/translate/needs/${language}.atom`;
      reply.cacheKeys(feed.cacheKeys);
      return reply.type('application/atom+xml; charset=utf-8').send(
        renderAtom({
          language: t.lang,
          title: t.t('digest.feed.title', { language: name }),
          description: t.t('digest.feed.description', {
            language: name,
            site: deps.settings.siteName,
          }),
          homeUrl: `${base}/translate`,
          feedUrls: { rss: self, atom: self, json: self },
          updated: feed.updated,
          publisher: deps.settings.siteName,
          items: feed.entries.map((entry) => {
            const summary =
              entry.kind === 'missing'
                ? t.t('digest.feed.missing', {
                    language: name,
                    source: t.languageName(entry.sourceLanguage),
                  })
                : t.t('digest.feed.outdated', { count: entry.outdated, language: name });
            return {
              id: entry.url,
              url: entry.url,
              title: entry.title,
              summary,
              contentHtml: `<p>${escapeHtml(summary)}</p>`,
              language: entry.sourceLanguage,
              publishedAt: entry.publishedAt,
              updatedAt: entry.updatedAt,
              authors: entry.authors,
              categories: [],
            };
          }),
        }),
      );
    },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

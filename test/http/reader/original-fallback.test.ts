/**
 * Every published post readable under every site language's prefix (issue 9): `/ar/…/<original
 * slug>` of a post with no published Arabic translation shows the original (its own lang/dir on
 * the article) inside the Arabic interface, says in Arabic that it is not translated yet and
 * invites translating it, points its canonical at the original and lists only real versions as
 * alternates; a published translation redirects there; a wrong date redirects within the
 * prefix; unknown, draft and unpublished posts and sections the site does not offer stay 404.
 * Listings and search results under a prefix link into it; the sitemap lists originals and
 * published translations only; the page cache drops the page when a translation is published
 * or the post is edited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/roles.js';
import { formatSize, localizeBody } from '../../../src/http/presenters/localize-body.js';
import { translator } from '../../../src/i18n/translator.js';
import { markdownFormat } from '../../../src/interchange/markdown/index.js';
import type { MediaInfo } from '../../../src/services/ports.js';
import { savePost } from '../../../src/services/posts/save-post.service.js';
import { publishPost, unpublishPost } from '../../../src/services/posts/workflow.service.js';
import { loadEditor } from '../../../src/services/translation/open-translation.service.js';
import { reviewTarget } from '../../../src/services/translation/review-target.service.js';
import { saveTarget } from '../../../src/services/translation/save-target.service.js';
import type { PostRecord } from '../../../src/services/repositories.js';
import { buildUser, startTestApp } from '../../support/app.js';
import type { TestContext } from '../../support/app.js';
import { engines } from '../../support/databases.js';
import { at, cards, pathOf, read, writePost } from './reader-support.js';

const ORIGIN = 'http://localhost:3000';
const ar = translator('ar');
const ARABIC = ar.languageName('ar');

/** `/{lang}/yyyy/mm/dd/slug` of a post's original under another prefix. */
const under = (lang: string, post: PostRecord) =>
  pathOf(post).replace(`/${post.sourceLanguage}/`, `/${lang}/`);

describe.each(engines())('originals under every language prefix on $name', (engine) => {
  let ctx: TestContext;
  let editor: Actor;
  let volunteer: Actor;
  let reviewer: Actor;
  /** English, never translated. */
  let harvest: PostRecord;
  /** English, with a published Spanish translation. */
  let bridges: PostRecord;
  /** Spanish and English originals sharing a slug, published on different days. */
  let sharedEs: PostRecord;
  let sharedEn: PostRecord;
  let spanishPath: string;

  let editorName: string;

  const actor = async (roles: Parameters<typeof buildUser>[1], name: string) => {
    const user = await buildUser(ctx.deps, roles, { displayName: name });
    if (name === 'Edna Editor') editorName = user.username;
    return { id: user.id, roles: user.roles };
  };

  /** Translates every unit into `language` and has a reviewer approve them (which publishes). */
  async function publishTranslationOf(post: PostRecord, language: string, prefix: string) {
    const data = await loadEditor(ctx.deps, volunteer, post.id, language);
    for (const unit of data.units)
      await saveTarget(ctx.deps, volunteer, {
        postId: post.id,
        language,
        unitId: unit.unitId,
        text: `${prefix} ${unit.source}`,
        version: unit.target?.version ?? 0,
        sourceRevision: unit.sourceRevision,
      });
    for (const unit of (await loadEditor(ctx.deps, reviewer, post.id, language)).units)
      await reviewTarget(ctx.deps, reviewer, {
        postId: post.id,
        language,
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      });
    const translation = await ctx.deps.store.translations.findTranslation(post.id, language);
    expect(translation?.status).toBe('published');
    return pathOf({ ...post, sourceLanguage: language, slug: translation!.slug });
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editor = await actor(['editor'], 'Edna Editor');
    volunteer = await actor(['reader', 'translator'], 'Vera Volunteer');
    reviewer = await actor(['reviewer'], 'Rita Reviewer');
    harvest = await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title: 'Harvest notes',
      slug: 'harvest-notes',
      body:
        'The community garden harvested pumpkins.\n\n' +
        '::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" start="2:12:30" title="Harvest day"}\n',
      tags: ['Gardens'],
      publishedAt: '2026-04-02T09:00:00.000Z',
    });
    bridges = await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title: 'Building bridges',
      slug: 'building-bridges',
      body: 'Two chapters met in Nairobi.',
      publishedAt: '2026-04-05T09:00:00.000Z',
    });
    sharedEs = await writePost(ctx.deps, editor, editor, {
      language: 'es',
      title: 'Encuentro',
      slug: 'encuentro',
      publishedAt: '2026-04-07T09:00:00.000Z',
    });
    sharedEn = await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title: 'Encounter',
      slug: 'encuentro',
      publishedAt: '2026-04-08T09:00:00.000Z',
    });
    spanishPath = await publishTranslationOf(bridges, 'es', 'ES');
  });
  afterAll(() => ctx.close());

  describe('an untranslated original under /ar/', () => {
    it('is the original inside the Arabic interface, with the Arabic notice and invitation', async () => {
      const res = await read(ctx.app, under('ar', harvest));
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toMatch(/<html lang="ar" dir="rtl">/);
      expect(html).toContain('<article class="post" lang="en" dir="ltr">');
      expect(html).toContain('<h1>Harvest notes</h1>');
      expect(html).toContain('The community garden harvested pumpkins.');
      // The chrome speaks Arabic: the header, the byline, "Translate this post", the invitation.
      expect(html).toContain(ar.t('reader.post.translate'));
      expect(html).toContain(ar.t('reader.invite.title'));
      expect(html).toContain(ar.t('common.search.label'));
      expect(html).not.toContain('Translate this post');
      expect(html).not.toContain('Can you help translate this article?');
      // The notice, in Arabic, inviting a translation into Arabic.
      const notice = /<aside class="translation-banner fallback-notice"[\s\S]*?<\/aside>/.exec(
        html,
      )?.[0];
      expect(notice).toBeDefined();
      expect(notice).toContain('lang="ar" dir="rtl"');
      expect(notice).toContain(ar.t('fallback.notice.title', { language: ARABIC }));
      expect(notice).toContain(
        ar.t('fallback.notice.text', { language: ARABIC, original: ar.languageName('en') }),
      );
      expect(notice).toContain(`href="/translate/${harvest.id}?language=ar"`);
      expect(notice).toContain(ar.t('fallback.notice.translate', { language: ARABIC }));
      // The video placeholder's interface texts too, marked with the interface language.
      expect(html).toContain(
        `lang="ar" dir="rtl">${ar.t('embed.playFrom', { start: '2:12:30' })}</a>`,
      );
      expect(html).toContain(ar.t('embed.notice', { source: 'YouTube (youtube.com)' }));
      expect(html).toContain(ar.t('embed.meta', { provider: 'YouTube', start: '2:12:30' }));
      expect(html).not.toContain('Play video');
      expect(html).not.toContain('Playing loads the video');
      // Archive links stay in the reader's language.
      expect(html).toContain('href="/ar/tag/gardens"');
    });

    it('is canonical at the original and lists only real versions as alternates', async () => {
      const html = (await read(ctx.app, under('ar', harvest))).body;
      expect(html).toContain(`<link rel="canonical" href="${ORIGIN}${pathOf(harvest)}"/>`);
      const alternates = [
        ...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g),
      ];
      expect(alternates.map((a) => [a[1], a[2]])).toEqual([
        ['en', `${ORIGIN}${pathOf(harvest)}`],
        ['x-default', `${ORIGIN}${pathOf(harvest)}`],
      ]);
    });

    it('switches language to each real version, or to the original under that prefix', async () => {
      const html = (await read(ctx.app, under('ar', bridges))).body;
      const menu = (tag: string) =>
        new RegExp(`<a href="([^"]+)" lang="${tag}" hreflang="${tag}" dir="auto"`).exec(html)?.[1];
      expect(menu('ar')).toBe(under('ar', bridges));
      expect(menu('en')).toBe(`/language/en?next=${encodeURIComponent(pathOf(bridges))}`);
      expect(menu('es')).toBe(`/language/es?next=${encodeURIComponent(spanishPath)}`);
      expect(menu('sw')).toBe(`/language/sw?next=${encodeURIComponent(under('sw', bridges))}`);
      // Alternates: the original and the Spanish translation, never a fallback page.
      const hreflangs = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)"/g)].map(
        (a) => a[1],
      );
      expect(hreflangs).toEqual(['en', 'es', 'x-default']);
    });

    it('redirects a wrong date to the right one under the same prefix', async () => {
      const wrong = `/ar/2020/01/01/${harvest.slug}`;
      const res = await read(ctx.app, wrong);
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(under('ar', harvest));
    });

    it('tells originals sharing a slug apart by their date', async () => {
      const es = await read(ctx.app, under('ar', sharedEs));
      expect(es.statusCode).toBe(200);
      expect(es.body).toContain('<article class="post" lang="es" dir="ltr">');
      expect(es.body).toContain('<h1>Encuentro</h1>');
      const en = await read(ctx.app, under('ar', sharedEn));
      expect(en.statusCode).toBe(200);
      expect(en.body).toContain('<h1>Encounter</h1>');
      // Under /es/ the Spanish original itself, and the English one as a fallback.
      expect((await read(ctx.app, under('es', sharedEn))).body).toContain('<h1>Encounter</h1>');
      expect((await read(ctx.app, pathOf(sharedEs))).body).not.toContain('fallback-notice');
    });
  });

  describe('a post with a published translation', () => {
    it('redirects its original slug under that language to the translation', async () => {
      const res = await read(ctx.app, under('es', bridges));
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(spanishPath);
      // A wrong date too, straight to the translation.
      const wrong = await read(ctx.app, `/es/2020/01/01/${bridges.slug}`);
      expect(wrong.statusCode).toBe(301);
      expect(wrong.headers.location).toBe(spanishPath);
    });

    it('shows the translation itself without a fallback notice', async () => {
      const res = await read(ctx.app, spanishPath);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/<html lang="es" dir="ltr">/);
      expect(res.body).not.toContain('fallback-notice');
    });
  });

  describe('what stays not found', () => {
    it('answers 404 for unknown, draft and unpublished posts and unoffered sections', async () => {
      expect((await read(ctx.app, '/ar/2026/04/02/no-such-post')).statusCode).toBe(404);
      const draft = await writePost(ctx.deps, editor, editor, {
        language: 'en',
        title: 'Secret draft',
        slug: 'secret-draft',
      });
      expect((await read(ctx.app, `/ar/2026/04/02/${draft.slug}`)).statusCode).toBe(404);
      const gone = await writePost(ctx.deps, editor, editor, {
        language: 'en',
        title: 'Withdrawn piece',
        slug: 'withdrawn-piece',
        publishedAt: '2026-04-03T09:00:00.000Z',
      });
      expect((await read(ctx.app, under('ar', gone))).statusCode).toBe(200);
      await unpublishPost(ctx.deps, editor, gone.id);
      expect((await read(ctx.app, under('ar', gone))).statusCode).toBe(404);
      // French is not one of this site's languages.
      expect((await read(ctx.app, under('fr', harvest))).statusCode).toBe(404);
    });
  });

  describe('listings under a prefix', () => {
    it('link each post into the reader’s language, keeping the original’s lang/dir', async () => {
      const home = cards((await read(ctx.app, '/ar/')).body);
      const card = (title: string) => home.find((c) => c.title === title);
      expect(card('Harvest notes')).toMatchObject({
        href: under('ar', harvest),
        lang: 'en',
        dir: 'ltr',
        badge: ar.t('reader.badge.language', { language: ar.languageName('en') }),
      });
      expect(card('Encuentro')?.href).toBe(under('ar', sharedEs));
      expect(card('Building bridges')?.href).toBe(under('ar', bridges));
      const spanish = cards((await read(ctx.app, '/es/')).body);
      expect(spanish.find((c) => c.href === spanishPath)?.lang).toBe('es');
      expect(spanish.find((c) => c.title === 'Harvest notes')?.href).toBe(under('es', harvest));
      expect(spanish.find((c) => c.title === 'Encuentro')?.href).toBe(pathOf(sharedEs));
      // Archives too: tag, author and month pages.
      for (const url of ['/ar/tag/gardens', `/ar/author/${editorName}`, '/ar/2026/04']) {
        const found = cards((await read(ctx.app, url)).body).find(
          (c) => c.title === 'Harvest notes',
        );
        expect(found?.href, url).toBe(under('ar', harvest));
      }
    });

    it('link search results into the reader’s language', async () => {
      const html = (await read(ctx.app, '/ar/search?q=pumpkins')).body;
      expect(html).toContain(`<a href="${under('ar', harvest)}">Harvest notes</a>`);
      expect(html).not.toContain(`href="${pathOf(harvest)}"`);
    });
  });

  it('keeps fallback pages out of the sitemap, which lists originals and translations', async () => {
    const xml = (await read(ctx.app, '/sitemap.xml', { accept: 'application/xml' })).body;
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const post of [harvest, bridges, sharedEs, sharedEn])
      expect(locs).toContain(`${ORIGIN}${pathOf(post)}`);
    expect(locs).toContain(`${ORIGIN}${encodeURI(decodeURI(spanishPath))}`);
    for (const lang of ['ar', 'es', 'sw', 'de'])
      expect(locs).not.toContain(`${ORIGIN}${under(lang, harvest)}`);
    expect(locs.filter((l) => l?.includes('/ar/2026/'))).toEqual([]);
  });

  describe('the page cache', () => {
    it('drops the fallback page when the post is edited and republished', async () => {
      const url = under('ar', harvest);
      expect((await read(ctx.app, url)).statusCode).toBe(200);
      const cached = await read(ctx.app, url);
      expect(cached.headers['x-cache']).toBe('HIT');
      const post = await ctx.deps.store.posts.findById(harvest.id);
      await savePost(ctx.deps, editor, harvest.id, post!.currentRevision, {
        language: 'en',
        title: 'Harvest notes, revised',
        slug: 'harvest-notes',
        body: 'The community garden harvested pumpkins and beans.',
        tags: ['Gardens'],
      });
      await publishPost(at(ctx.deps, '2026-04-10T09:00:00.000Z'), editor, harvest.id);
      const fresh = await read(ctx.app, url);
      expect(fresh.headers['x-cache']).toBe('MISS');
      expect(fresh.body).toContain('<h1>Harvest notes, revised</h1>');
    });

    it('drops the fallback page when a translation into its language is published', async () => {
      const url = under('sw', harvest);
      expect((await read(ctx.app, url)).statusCode).toBe(200);
      expect((await read(ctx.app, url)).headers['x-cache']).toBe('HIT');
      const swahili = await publishTranslationOf(harvest, 'sw', 'SW');
      const after = await read(ctx.app, url);
      expect(after.statusCode).toBe(301);
      expect(after.headers.location).toBe(swahili);
    });
  });
});

describe('directive labels in the interface language', () => {
  // Parsing starts the format's threads (the suites above closed it with their apps).
  afterAll(() => markdownFormat.close());
  const playbook: MediaInfo = {
    id: 'pdf1',
    kind: 'document',
    url: '/media/pdf1/playbook.pdf',
    mime: 'application/pdf',
    size: 2_400_000,
    filename: 'playbook.pdf',
    width: null,
    height: null,
    alt: '',
    variants: [],
  };
  const render = async (markdown: string) =>
    markdownFormat.render(await markdownFormat.parse(markdown), {
      media: (id) => (id === playbook.id ? playbook : undefined),
    });

  it('says an attachment’s type and size in the reader’s language, and keeps English for feeds', async () => {
    const html = await render('::attachment[The playbook]{media="pdf1"}');
    expect(html).toContain('>PDF, 2.4 MB</span>');
    const arabic = localizeBody(html, ar);
    const size = formatSize(ar, 2_400_000);
    expect(size).not.toBe('2.4 MB');
    expect(arabic).toContain(
      `lang="ar" dir="rtl">${ar.t('embed.attachment', { type: 'PDF', size })}</span>`,
    );
    // The author's label is content: untouched.
    expect(arabic).toContain('>The playbook</a>');
    expect(localizeBody(html, translator('en'))).toContain('>PDF, 2.4 MB</span>');
  });

  it('never rewrites post text that merely looks like a mark', async () => {
    const html = await render(
      'Write `<span data-l10n="play">x</span>` to see <span data-l10n="play">y</span>.',
    );
    expect(localizeBody(html, ar)).toBe(html);
  });
});

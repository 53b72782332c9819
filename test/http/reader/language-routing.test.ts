/**
 * Language in the URL (issue #3): `/` negotiates the reader's language from a remembered
 * choice, then Accept-Language (q-values honoured, only site languages), then the default;
 * `/language/:tag` remembers a switch and only redirects on-site; unknown language sections
 * answer 404 with a page in the reader's language linking to every home; the Arabic home is
 * right-to-left and pagination uses the language's plural forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/translator.js';
import type { UserRecord } from '../../../src/services/repositories.js';
import { buildUser, startTestApp } from '../../support/app.js';
import type { TestContext } from '../../support/app.js';
import { engines } from '../../support/databases.js';
import { cards, read, writePost } from './reader-support.js';

const SITE_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'];

describe.each(engines())('language routing on $name', (engine) => {
  let ctx: TestContext;
  let editor: UserRecord;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Edna Editor' });
    // Eleven published posts: one more than a listing page holds.
    for (let i = 1; i <= 11; i++) {
      await writePost(ctx.deps, editor, editor, {
        language: 'en',
        title: `Routing post ${i}`,
        slug: `routing-post-${i}`,
        publishedAt: `2026-03-${String(i).padStart(2, '0')}T08:00:00.000Z`,
      });
    }
  });
  afterAll(() => ctx.close());

  const root = (headers: Record<string, string>) => read(ctx.app, '/', headers);

  describe('/ negotiates the reader’s language', () => {
    it('follows Accept-Language and says the answer varies with it', async () => {
      const res = await root({ 'accept-language': 'es' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/es/');
      expect(String(res.headers.vary)).toMatch(/Accept-Language/i);
      // The redirect is per reader: no shared cache may keep it.
      expect(String(res.headers['cache-control'])).toContain('private');
    });

    it('skips languages the site does not offer', async () => {
      const res = await root({ 'accept-language': 'pt-BR, ar;q=0.5' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/ar/');
    });

    it('honours q-values rather than header order', async () => {
      expect(
        (await root({ 'accept-language': 'de;q=0.2, sw;q=0.9, es;q=0.5' })).headers.location,
      ).toBe('/sw/');
      expect((await root({ 'accept-language': 'es;q=0.1, de' })).headers.location).toBe('/de/');
    });

    it('matches a regional or script variant to the site language', async () => {
      expect((await root({ 'accept-language': 'es-AR, en;q=0.3' })).headers.location).toBe('/es/');
      expect((await root({ 'accept-language': 'sr-Cyrl-RS' })).headers.location).toBe('/sr-Cyrl/');
    });

    it('reaches the Cyrillic Serbian section from sr and sr-RS (their likely script)', async () => {
      expect((await root({ 'accept-language': 'sr' })).headers.location).toBe('/sr-Cyrl/');
      expect((await root({ 'accept-language': 'sr-RS, en;q=0.5' })).headers.location).toBe(
        '/sr-Cyrl/',
      );
      // Montenegro's likely script is Latin: not this section.
      expect((await root({ 'accept-language': 'sr-ME' })).headers.location).toBe('/en/');
    });

    it('falls back to the default language', async () => {
      const none = await root({});
      expect(none.statusCode).toBe(302);
      expect(none.headers.location).toBe('/en/');
      expect((await root({ 'accept-language': 'pt-BR, fr;q=0.8' })).headers.location).toBe('/en/');
    });
  });

  describe('a remembered choice', () => {
    it('is set by /language/:tag and wins over Accept-Language; switching back works', async () => {
      const choose = await read(ctx.app, '/language/en?next=/en/');
      expect(choose.statusCode).toBe(303);
      expect(choose.headers.location).toBe('/en/');
      const cookie = choose.cookies.find((c) => c.name === 'pp_lang');
      expect(cookie?.value).toBe('en');
      expect(cookie?.path).toBe('/');
      expect(cookie?.httpOnly).toBe(true);

      const remembered = await root({ 'accept-language': 'es', cookie: 'pp_lang=en' });
      expect(remembered.statusCode).toBe(302);
      expect(remembered.headers.location).toBe('/en/');

      const back = await read(ctx.app, '/language/es?next=/es/', { cookie: 'pp_lang=en' });
      expect(back.statusCode).toBe(303);
      expect(back.headers.location).toBe('/es/');
      const switched = back.cookies.find((c) => c.name === 'pp_lang');
      expect(switched?.value).toBe('es');
      const home = await root({ 'accept-language': 'en', cookie: `pp_lang=${switched?.value}` });
      expect(home.headers.location).toBe('/es/');
    });

    it('keeps an on-site next, canonicalises the tag, and refuses unknown languages', async () => {
      const next = await read(
        ctx.app,
        `/language/ar?next=${encodeURIComponent('/ar/tag/x?page=2')}`,
      );
      expect(next.headers.location).toBe('/ar/tag/x?page=2');
      const upper = await read(ctx.app, '/language/SR-cyrl');
      expect(upper.statusCode).toBe(303);
      expect(upper.headers.location).toBe('/sr-Cyrl/');
      expect(upper.cookies.find((c) => c.name === 'pp_lang')?.value).toBe('sr-Cyrl');
      const unknown = await read(ctx.app, '/language/xx?next=/en/');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.cookies.find((c) => c.name === 'pp_lang')).toBeUndefined();
    });

    it('ignores a remembered language the site does not offer', async () => {
      const res = await root({ 'accept-language': 'de', cookie: 'pp_lang=xx' });
      expect(res.headers.location).toBe('/de/');
    });

    it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'evil.example'])(
      'never redirects off-site (next=%s)',
      async (next) => {
        const res = await read(ctx.app, `/language/es?next=${encodeURIComponent(next)}`);
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/es/');
      },
    );
  });

  describe('language sections', () => {
    it.each(['/xx/', '/klingon/tag/foo', '/xx/2026/03', '/xx/2026/03/01/routing-post-1'])(
      'answers 404 for %s in the reader’s language, linking to every home',
      async (url) => {
        const res = await read(ctx.app, url, { 'accept-language': 'es' });
        expect(res.statusCode).toBe(404);
        const es = translator('es');
        expect(res.body).toContain('<html lang="es" dir="ltr">');
        expect(res.body).toContain(`<h1>${es.t('errors.title.404')}</h1>`);
        expect(res.body).toContain(es.t('errors.notFound.message'));
        expect(res.body).toContain(es.t('errors.notFound.otherLanguages'));
        expect(res.body).not.toContain(translator('en').t('errors.title.404'));
        for (const tag of SITE_LANGUAGES) expect(res.body).toContain(`href="/${tag}/"`);
      },
    );

    it('speaks English on the 404 page to an English reader', async () => {
      const res = await read(ctx.app, '/xx/', { 'accept-language': 'en' });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain(`<h1>${translator('en').t('errors.title.404')}</h1>`);
    });

    it('redirects a non-canonical language prefix permanently', async () => {
      const home = await read(ctx.app, '/EN/');
      expect(home.statusCode).toBe(301);
      expect(home.headers.location).toBe('/en/');
      const archive = await read(ctx.app, '/SR-CYRL/2026/03');
      expect(archive.statusCode).toBe(301);
      expect(archive.headers.location).toBe('/sr-Cyrl/2026/03');
    });

    it('renders the Arabic home right to left, in Arabic', async () => {
      const res = await read(ctx.app, '/ar/');
      expect(res.statusCode).toBe(200);
      const ar = translator('ar');
      expect(res.body).toContain('<html lang="ar" dir="rtl">');
      expect(res.body).toContain(
        `<h1 id="listing-title" class="page-title">${ar.t('reader.home.title')}</h1>`,
      );
      expect(res.body).toContain(ar.t('reader.listing.count', { count: 11 }));
      // The English posts keep their own language and direction inside the RTL page.
      const first = cards(res.body)[0];
      expect(first).toMatchObject({ lang: 'en', dir: 'ltr' });
      expect(first?.badge).toBe(ar.t('reader.badge.language', { language: ar.languageName('en') }));
      expect(res.body).not.toContain(translator('en').t('reader.home.title'));
    });

    it('paginates with the right plural forms in Arabic and English', async () => {
      const ar = translator('ar');
      const status = ar.t('reader.pagination.status', { page: 1, pages: 2 });
      // "Page 1 of two pages": the dual, not the generic "of {pages}" form.
      expect(status).toContain('صفحتين');
      const arabic = await read(ctx.app, '/ar/');
      expect(arabic.body).toContain(`<span>${status}</span>`);
      expect(cards(arabic.body)).toHaveLength(10);
      expect(arabic.body).toContain('href="/ar/page/2" rel="next"');

      const page2 = await read(ctx.app, '/ar/page/2');
      expect(page2.statusCode).toBe(200);
      expect(page2.body).toContain(
        `<span>${ar.t('reader.pagination.status', { page: 2, pages: 2 })}</span>`,
      );
      expect(cards(page2.body).map((c) => c.title)).toEqual(['Routing post 1']);

      const english = await read(ctx.app, '/en/');
      expect(english.body).toContain('<span>Page 1 of 2</span>');
      expect(english.body).toContain('<p class="meta">11 posts</p>');
      const english2 = await read(ctx.app, '/en/page/2');
      expect(english2.body).toContain('<span>Page 2 of 2</span>');
      expect(english2.body).toContain('href="/en/" rel="prev"');
      expect(english2.body).toContain(
        '<link rel="canonical" href="http://localhost:3000/en/page/2"/>',
      );
      expect((await read(ctx.app, '/en/page/3')).statusCode).toBe(404);
      expect((await read(ctx.app, '/en/page/02')).statusCode).toBe(404);
      // The query form of older links and page 1 by path lead to the one address of the page.
      for (const [from, to] of [
        ['/en/?page=2', '/en/page/2'],
        ['/en?page=1', '/en/'],
        ['/en/page/1', '/en/'],
        ['/ar/2026/10?page=2', '/ar/2026/10/page/2'],
        ['/en/tag/x?page=3', '/en/tag/x/page/3'],
        ['/en/tag/x/page/1', '/en/tag/x'],
      ]) {
        const moved = await read(ctx.app, from ?? '');
        expect([from, moved.statusCode, moved.headers.location]).toEqual([from, 301, to]);
      }
    });
  });
});

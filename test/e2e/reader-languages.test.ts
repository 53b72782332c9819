/**
 * Issue #3, acceptance items 1 and 2, in a real browser (Debian's Chromium via playwright-core):
 *
 * 1. A reader whose browser asks for Spanish lands on `/es/`, switches to English through the
 *    language menu, comes back to `/` later and stays in English, and can switch back.
 * 2. An Arabic page renders right-to-left (screenshots in test-results/screens/), with the
 *    right plural forms in its pagination.
 * 3. axe-core reports no serious or critical violations on the home, post, archive and search
 *    pages in English and Arabic.
 *
 * Without Chromium the suite is skipped with a loud warning, except in CI (CI=true), where a
 * missing browser fails the run.
 */
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/translator.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { buildUser } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import {
  DESKTOP,
  PHONE,
  SCREENS,
  SKIP_BROWSER,
  TIMEOUT,
  clickAndLoad,
  describeAxe,
  publishedPost,
  seriousAxeViolations,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the reader language test');

const es = translator('es');
const en = translator('en');
const ar = translator('ar');

/** Opens the header language menu and follows the link to `label`, ending on `url`. */
async function switchLanguage(page: Page, label: string, url: string): Promise<void> {
  const menu = page.locator('nav.language-menu');
  await menu.locator('summary').click();
  const link = menu.getByRole('link', { name: label, exact: true });
  await link.waitFor({ state: 'visible' });
  await clickAndLoad(page, link, url);
  expect(page.url()).toBe(url);
}

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

describe.skipIf(SKIP_BROWSER)('reader languages in Chromium', () => {
  let app: BrowserApp;
  let ctx: TestContext;
  let browser: Browser;
  let base = '';
  let author: UserRecord;
  let editor: UserRecord;
  let englishPost = '';
  let arabicPost = '';
  const contexts: BrowserContext[] = [];

  async function newContext(
    options: Parameters<Browser['newContext']>[0] = {},
  ): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: DESKTOP, ...options });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context;
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ ctx, browser, base } = app);
    author = await buildUser(ctx.deps, ['author'], { displayName: 'Amina Haddad' });
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Lucía Ferreyra' });

    // 12 posts: the listings have two pages of 10. The first is the English post the tests open.
    englishPost = await publishedPost(ctx, author, editor, {
      language: 'en',
      title: 'Translation sprint in Nairobi',
      body: 'Volunteers met for three days to translate articles about glaciers and rivers.\n',
      authorIds: [author.id],
      tags: ['Translation'],
    });
    arabicPost = await publishedPost(ctx, author, editor, {
      language: 'ar',
      title: 'ورشة الترجمة في القاهرة',
      body: 'اجتمع المتطوعون ثلاثة أيام لترجمة مقالات عن الأنهار والجبال في مكتبة القاهرة.\n',
      authorIds: [author.id],
      tags: ['ترجمة'],
    });
    for (let i = 3; i <= 12; i++) {
      await publishedPost(ctx, author, editor, {
        language: i % 2 === 0 ? 'en' : 'es',
        title: i % 2 === 0 ? `Community update number ${i}` : `Noticias de la comunidad ${i}`,
        body:
          i % 2 === 0
            ? `Update ${i}: glaciers, rivers and more translations.\n`
            : `Noticia ${i}: glaciares, ríos y más traducciones.\n`,
        authorIds: [author.id],
        tags: i % 2 === 0 ? ['Translation'] : [],
      });
    }
  }, TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await app?.close();
  }, TIMEOUT);

  it(
    'a reader with Accept-Language: es lands on /es/, switches to English, stays in English on a later visit, and switches back',
    async () => {
      const context = await newContext({
        locale: 'es-ES',
        extraHTTPHeaders: { 'Accept-Language': 'es-ES,es;q=0.9' },
      });
      const page = await context.newPage();

      await page.goto(`${base}/`);
      expect(page.url()).toBe(`${base}/es/`);
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      expect(await h1(page)).toBe(es.t('reader.home.title'));

      // The menu shows the current language and, once opened, the others by their own names.
      const summary = page.locator('nav.language-menu summary');
      expect((await summary.innerText()).trim()).toBe('español');
      await switchLanguage(page, 'English', `${base}/en/`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await h1(page)).toBe(en.t('reader.home.title'));
      expect(
        (await context.cookies()).find((c) => c.name === 'pp_lang')?.value,
        'the choice is remembered in the pp_lang cookie',
      ).toBe('en');

      // Later, the same browser (cookie kept, still asking for Spanish) stays in English.
      await page.goto(`${base}/`);
      expect(page.url()).toBe(`${base}/en/`);
      expect(await h1(page)).toBe(en.t('reader.home.title'));

      await switchLanguage(page, 'español', `${base}/es/`);
      expect(await h1(page)).toBe(es.t('reader.home.title'));
      await page.goto(`${base}/`);
      expect(page.url()).toBe(`${base}/es/`);

      // On a post page the menu goes to the post's version in that language, or to the post
      // read under that language's prefix (issue 9); either way the choice is remembered.
      await page.goto(`${base}${englishPost}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.locator('h1', { hasText: 'Translation sprint in Nairobi' }).waitFor();
      await switchLanguage(page, 'العربية', `${base}${englishPost.replace(/^\/en\//, '/ar/')}`);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await h1(page)).toBe('Translation sprint in Nairobi');
      expect(
        (await context.cookies()).find((c) => c.name === 'pp_lang')?.value,
        'a switch on a post page is remembered too',
      ).toBe('ar');
      await page.goto(`${base}${arabicPost}`);
      await page.locator('h1', { hasText: 'ورشة الترجمة في القاهرة' }).waitFor();
      await switchLanguage(page, 'English', `${base}${arabicPost.replace(/^\/ar\//, '/en/')}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.goto(`${base}/`);
      expect(page.url()).toBe(`${base}/en/`);
    },
    TIMEOUT,
  );

  it(
    'an Arabic page renders right-to-left, and its pagination plural forms are right',
    async () => {
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(`${base}/ar/`);
      await page.waitForLoadState('load');

      const doc = await page.evaluate(() => ({
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
        mainDirection: getComputedStyle(document.querySelector('main')!).direction,
      }));
      expect(doc).toEqual({ dir: 'rtl', lang: 'ar', mainDirection: 'rtl' });

      // The layout mirrors: the site name sits at the right, the navigation to its left.
      const siteName = await page.locator('.site-header .site-name').boundingBox();
      const nav = await page.locator('.site-header > nav').first().boundingBox();
      expect(siteName && nav, 'site name and navigation are visible').toBeTruthy();
      expect(siteName!.x, 'the site name is right of the navigation').toBeGreaterThan(nav!.x);
      expect(siteName!.x + siteName!.width).toBeGreaterThan(DESKTOP.width * 0.75);

      const status = page.locator('nav.pagination > :nth-child(2)');
      const arabicStatus = ar.t('reader.pagination.status', { page: 1, pages: 2 });
      expect(arabicStatus).not.toBe(en.t('reader.pagination.status', { page: 1, pages: 2 }));
      expect(arabicStatus).toBe('الصفحة 1 من صفحتين'); // the dual form, not "1 من 2 صفحات"
      expect((await status.innerText()).trim()).toBe(arabicStatus);
      expect((await page.locator('.listing > .meta').innerText()).trim()).toBe(
        ar.t('reader.listing.count', { count: 12 }),
      );

      await screenshot(page, { path: resolve(SCREENS, 'home-ar-desktop.png'), fullPage: true });
      await clickAndLoad(page, page.locator('nav.pagination a[rel="next"]'), `${base}/ar/page/2`);
      expect((await page.locator('nav.pagination > :nth-child(2)').innerText()).trim()).toBe(
        ar.t('reader.pagination.status', { page: 2, pages: 2 }),
      );
      expect(await page.locator('.post-list > li').count()).toBe(2);

      // Screenshots for people, and no sideways scrolling on a phone.
      for (const lang of ['ar', 'en']) {
        await page.setViewportSize(DESKTOP);
        await page.goto(`${base}/${lang}/`);
        await page.waitForLoadState('load');
        await screenshot(page, {
          path: resolve(SCREENS, `home-${lang}-desktop.png`),
          fullPage: true,
        });
        await page.setViewportSize(PHONE);
        await screenshot(page, {
          path: resolve(SCREENS, `home-${lang}-phone.png`),
          fullPage: true,
        });
        const width = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        expect(
          width.scroll,
          `/${lang}/ scrolls sideways on a phone (${width.scroll}px wide in ${width.inner}px)`,
        ).toBeLessThanOrEqual(width.inner);
      }
      // The language menu opened on a phone, in Arabic: every language can be seen and tapped.
      // (In an RTL page an overflow to the right is clipped, not scrollable, so scrollWidth
      // alone would not notice a menu that leaves the screen.)
      await page.goto(`${base}/ar/`);
      await page.locator('nav.language-menu summary').click();
      await page.locator('nav.language-menu li a').first().waitFor({ state: 'visible' });
      await screenshot(page, { path: resolve(SCREENS, 'home-ar-phone-menu.png') });
      const offscreen = await page.locator('nav.language-menu li a').evaluateAll((links) =>
        links
          .map((a) => ({ text: a.textContent, box: a.getBoundingClientRect() }))
          .filter(({ box }) => box.left < 0 || box.right > window.innerWidth)
          .map(({ text, box }) => `${text} (${Math.round(box.left)}..${Math.round(box.right)})`),
      );
      expect(offscreen, 'language menu entries outside a phone screen').toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'axe-core reports no serious or critical violations on home, post, archive and search pages in English and Arabic',
    async () => {
      // The site's CSP (script-src 'self') would refuse the injected axe script.
      const context = await newContext({ bypassCSP: true });
      const page = await context.newPage();
      const pages = [
        '/en/',
        '/ar/',
        englishPost,
        arabicPost,
        '/en/tag/translation',
        `/ar/tag/${encodeURIComponent('ترجمة')}`,
        englishPost.replace(/^\/en\/(\d{4})\/(\d{2})\/.*$/, '/en/$1/$2'),
        englishPost.replace(/^\/en\/(\d{4})\/(\d{2})\/.*$/, '/ar/$1/$2'),
        '/en/search?q=glaciers',
        `/ar/search?q=${encodeURIComponent('الأنهار')}`,
      ];
      const report: string[] = [];
      for (const path of pages) {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status(), path).toBe(200);
        await page.waitForLoadState('load');
        if (path.includes('/search')) {
          expect(await page.locator('.search-results > li').count(), path).toBeGreaterThan(0);
          // The snippet is prose: its marked word sits on a line with the words around it.
          const mark = page.locator('.search-results .snippet mark').first();
          const box = await mark.boundingBox();
          const snippet = await page.locator('.search-results .snippet').first().boundingBox();
          expect(box, path).not.toBeNull();
          expect(snippet, path).not.toBeNull();
          expect(box!.width, path).toBeLessThan(snippet!.width / 2);
        }
        const problems = await seriousAxeViolations(page);
        if (problems.length > 0) report.push(`${path}\n${describeAxe(problems)}`);
        if (path === '/en/' || path === '/ar/') {
          // Once more with the language menu open, so its entries are checked too.
          await page.locator('nav.language-menu summary').click();
          await page.locator('nav.language-menu li a').first().waitFor({ state: 'visible' });
          const open = await seriousAxeViolations(page);
          if (open.length > 0) report.push(`${path} (menu open)\n${describeAxe(open)}`);
        }
      }
      expect(
        report,
        `axe-core found serious/critical violations:\n\n${report.join('\n\n')}`,
      ).toEqual([]);
    },
    TIMEOUT,
  );
});

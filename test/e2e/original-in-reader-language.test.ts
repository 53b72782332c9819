/**
 * Issue 9, acceptance item 1, in a real browser (Debian's Chromium via playwright-core), at
 * 1280 px and 390 px: an Arabic reader browses `/ar/`, opens an English post nobody has
 * translated yet and reads it at `/ar/…/<original slug>`: the page is Arabic and right to left
 * (html lang="ar" dir="rtl"), the post keeps its own lang="en" dir="ltr", the notice and the
 * invitation speak Arabic, and no English interface text appears outside the original's
 * content. Screenshots go to a temporary directory (asserted to exist) and to
 * test-results/screens/ for people to look at.
 *
 * The English check: every text node of the page whose language (nearest `lang`) is not
 * English must not contain any English catalog message that differs from its Arabic
 * translation (messages with arguments are checked by their literal parts of two words or
 * more); text marked English may only be inside the post's article or be a language's own name
 * in a language link (`hreflang`).
 */
import { copyFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalogs.js';
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

warnIfNoChromium('the original-in-reader-language test');

const ar = translator('ar');
const TITLE = 'Seed library opens in Kampala';

/** English interface texts that Arabic says differently: whole messages and literal parts. */
function englishInterfaceTexts(): { whole: Set<string>; parts: string[] } {
  const en = catalogs.en ?? {};
  const arabic = catalogs.ar ?? {};
  const whole = new Set<string>();
  const parts = new Set<string>();
  for (const [key, value] of Object.entries(en)) {
    if (arabic[key] === value) continue;
    if (!value.includes('{')) whole.add(value.trim());
    // Literal runs between ICU arguments ("Translate it into", "so you are reading the original").
    for (const run of value.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)) {
      const text = run.replace(/[#'’]/g, ' ').trim();
      if (text.split(/\s+/).length >= 2 && /[A-Za-z]{3}/.test(text)) parts.add(text);
    }
  }
  return { whole, parts: [...parts] };
}

interface TextNode {
  text: string;
  lang: string;
  inArticle: boolean;
  inLanguageLink: boolean;
}

/** Every visible-document text node with the language it is marked with. */
function textNodes(page: Page): Promise<TextNode[]> {
  return page.evaluate(() => {
    const found: { text: string; lang: string; inArticle: boolean; inLanguageLink: boolean }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!parent || text === '' || parent.closest('script, style, template')) continue;
      found.push({
        text,
        lang: parent.closest('[lang]')?.getAttribute('lang') ?? '',
        inArticle: parent.closest('article.post') !== null,
        inLanguageLink: parent.closest('a[hreflang]') !== null,
      });
    }
    return found;
  });
}

describe.skipIf(SKIP_BROWSER)('an original read in the reader’s language, in Chromium', () => {
  let app: BrowserApp;
  let ctx: TestContext;
  let browser: Browser;
  let base = '';
  let author: UserRecord;
  let editor: UserRecord;
  let postPath = '';
  const contexts: BrowserContext[] = [];
  const shots = mkdtempSync(join(tmpdir(), 'polyphony-fallback-'));

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ ctx, browser, base } = app);
    author = await buildUser(ctx.deps, ['author'], { displayName: 'Grace Namutebi' });
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Lucía Ferreyra' });
    postPath = await publishedPost(ctx, author, editor, {
      language: 'en',
      title: TITLE,
      excerpt: 'Farmers share seeds of twenty local bean varieties.',
      body:
        'Farmers from three districts brought seeds of twenty local bean varieties to the new library.\n\n' +
        '## How to borrow\n\nAnyone may borrow a handful and return twice as many after harvest.\n\n' +
        '::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" start="2:12:30" title="Opening day"}\n',
      authorIds: [author.id],
      tags: ['Seeds'],
    });
  }, TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await app?.close();
  }, TIMEOUT);

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(
      `at ${viewport.width} px: Arabic chrome around the English original, no English interface text`,
      async () => {
        const context = await browser.newContext({
          viewport,
          locale: 'ar',
          extraHTTPHeaders: { 'Accept-Language': 'ar' },
          bypassCSP: true,
        });
        context.setDefaultTimeout(20_000);
        contexts.push(context);
        const page = await context.newPage();

        // The Arabic home lists the English post, in English, linked under /ar/.
        await page.goto(`${base}/`);
        expect(page.url()).toBe(`${base}/ar/`);
        const card = page.locator('.post-card-text', { hasText: TITLE });
        expect(await card.getAttribute('lang')).toBe('en');
        expect(await card.getAttribute('dir')).toBe('ltr');
        const fallbackPath = postPath.replace(/^\/en\//, '/ar/');
        const link = card.getByRole('link', { name: TITLE });
        expect(await link.getAttribute('href')).toBe(fallbackPath);
        await clickAndLoad(page, link, `${base}${fallbackPath}`);

        // The page is Arabic; the article is the English original.
        const html = page.locator('html');
        expect(await html.getAttribute('lang')).toBe('ar');
        expect(await html.getAttribute('dir')).toBe('rtl');
        const article = page.locator('article.post');
        expect(await article.getAttribute('lang')).toBe('en');
        expect(await article.getAttribute('dir')).toBe('ltr');
        expect((await article.locator('h1').innerText()).trim()).toBe(TITLE);
        expect(await page.locator('.post-body').innerText()).toContain(
          'twenty local bean varieties',
        );
        // Computed direction: the article reads left to right, the page right to left.
        expect(await article.evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
        expect(await page.locator('body').evaluate((e) => getComputedStyle(e).direction)).toBe(
          'rtl',
        );

        // The notice and the invitation, in Arabic.
        const language = ar.languageName('ar');
        const notice = page.locator('.fallback-notice');
        await notice.waitFor({ state: 'visible' });
        expect(await notice.getAttribute('lang')).toBe('ar');
        expect(await notice.getAttribute('dir')).toBe('rtl');
        expect(await notice.innerText()).toContain(ar.t('fallback.notice.title', { language }));
        const translate = notice.getByRole('link', {
          name: ar.t('fallback.notice.translate', { language }),
        });
        expect(await translate.getAttribute('href')).toMatch(/^\/translate\/[^/?]+\?language=ar$/);
        const invitation = page.locator('aside.invitation');
        expect(await invitation.getAttribute('lang')).toBe('ar');
        expect(await invitation.innerText()).toContain(ar.t('reader.invite.title'));
        expect(await page.locator('a.translate-link').innerText()).toBe(
          ar.t('reader.post.translate'),
        );

        // The video placeholder inside the English post speaks Arabic, marked so.
        const play = article.locator('a.embed-play');
        expect((await play.innerText()).trim()).toBe(ar.t('embed.playFrom', { start: '2:12:30' }));
        expect(await play.getAttribute('lang')).toBe('ar');
        expect(await play.getAttribute('dir')).toBe('rtl');
        expect(await article.locator('.embed-notice').getAttribute('lang')).toBe('ar');

        // No English interface text outside the original's content.
        const nodes = await textNodes(page);
        const { whole, parts } = englishInterfaceTexts();
        const problems: string[] = [];
        for (const node of nodes) {
          if (node.lang === 'en') {
            if (!node.inArticle && !node.inLanguageLink)
              problems.push(`English-marked text outside the post: "${node.text}"`);
            continue;
          }
          if (whole.has(node.text)) problems.push(`English interface text: "${node.text}"`);
          for (const part of parts)
            if (node.text.includes(part))
              problems.push(`English interface words "${part}" in "${node.text}"`);
        }
        expect(problems).toEqual([]);
        // The check saw the chrome: Arabic text outside the article, and the English content.
        expect(nodes.some((n) => n.lang === 'ar' && !n.inArticle)).toBe(true);
        expect(nodes.some((n) => n.lang === 'en' && n.inArticle && n.text === TITLE)).toBe(true);

        // Control: the same comparison finds the English interface on the English original.
        const english = await browser.newPage({ viewport });
        await english.goto(`${base}${postPath}`);
        const englishTexts = (await textNodes(english)).filter((n) => whole.has(n.text));
        expect(englishTexts.length).toBeGreaterThan(3);
        await english.close();

        const problemsAxe = await seriousAxeViolations(page);
        expect(problemsAxe, describeAxe(problemsAxe)).toEqual([]);

        const file = join(shots, `original-in-arabic-${name}.png`);
        await screenshot(page, { path: file, fullPage: true });
        expect(existsSync(file)).toBe(true);
        expect(statSync(file).size).toBeGreaterThan(10_000);
        copyFileSync(file, resolve(SCREENS, `original-in-arabic-${name}.png`));
      },
      TIMEOUT,
    );
  }
});

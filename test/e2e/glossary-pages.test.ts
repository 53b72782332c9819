/**
 * The glossary page in Chromium: a reviewer imports a CSV with malformed rows through the
 * form and reads the report, adds a term, and the page has no serious accessibility
 * problem; screenshots in English and in Arabic (right to left), at phone and desktop
 * widths, go to test-results/screens/glossary-*.png for people to look at.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseGlossaryCsv } from '../../src/interchange/glossary/index.js';
import { importGlossary } from '../../src/services/glossary/import-glossary.service.js';
import { buildUser } from '../support/app.js';
import {
  actor,
  clickAndLoad,
  describeAxe,
  DESKTOP,
  PHONE,
  SCREENS,
  seriousAxeViolations,
  signIn,
  SKIP_BROWSER,
  startBrowserApp,
  TIMEOUT,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the glossary pages');
const FIXTURES = resolve(import.meta.dirname, '../fixtures/glossary');

describe.skipIf(SKIP_BROWSER)('the glossary page in Chromium', () => {
  let app: BrowserApp;
  let reviewerName = '';

  beforeAll(async () => {
    app = await startBrowserApp();
    const reviewer = await buildUser(app.ctx.deps, ['translator', 'reviewer'], {
      displayName: 'Lucía Fernández',
    });
    reviewerName = reviewer.username;
    const file = parseGlossaryCsv(readFileSync(resolve(FIXTURES, 'en-es.csv')), {
      sourceLanguage: 'en',
      targetLanguage: 'es',
    });
    await importGlossary(app.ctx.deps, actor(reviewer), { from: 'en', to: 'es', file });
  }, TIMEOUT);
  afterAll(() => app?.close());

  /** A context signed in as the reviewer (CSP bypassed so axe-core can be injected). */
  async function reviewerPage(viewport: { width: number; height: number }, lang = 'en') {
    const context = await app.browser.newContext({ viewport, locale: 'en-US', bypassCSP: true });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await signIn(page, app.base, reviewerName);
    if (lang !== 'en') await context.addCookies([{ name: 'pp_lang', value: lang, url: app.base }]);
    return { context, page };
  }

  /** The whole page, and its first screen at full resolution. */
  const shoot = async (page: Page, name: string) => {
    await screenshot(page, { path: resolve(SCREENS, `glossary-${name}.png`), fullPage: true });
    await screenshot(page, { path: resolve(SCREENS, `glossary-${name}-first-screen.png`) });
  };

  it(
    'imports a CSV through the form, shows the report by line, adds a term',
    async () => {
      const { context, page } = await reviewerPage(DESKTOP);
      const url = `${app.base}/translate/glossary?from=en&to=es`;
      await page.goto(url);
      await expect.poll(() => page.locator('.glossary-term').count()).toBe(4);
      await page.setInputFiles('#glossary-file', resolve(FIXTURES, 'malformed.csv'));
      // The import answers the POST with the report page (no redirect).
      await Promise.all([
        page.waitForURL(`${app.base}/translate/glossary/import`),
        page.getByRole('button', { name: 'Import', exact: true }).click(),
      ]);
      const report = page.locator('.glossary-report');
      await expect.poll(() => report.textContent()).toContain('Line 5');
      expect(await report.textContent()).toContain('Line 13');
      await shoot(page, 'import-report-en-desktop');

      await page.goto(url);
      await page.fill('#add-term', 'facilitator');
      await page.fill('#add-translation', 'facilitador');
      await clickAndLoad(page, page.getByRole('button', { name: 'Add the term' }), /notice=added/);
      expect(await page.locator('.notice').textContent()).toContain('Added “facilitator”.');
      const problems = await seriousAxeViolations(page);
      expect(problems, describeAxe(problems)).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'reads well in English and in Arabic, at phone and desktop widths',
    async () => {
      for (const lang of ['en', 'ar'] as const) {
        for (const [width, viewport] of [
          ['phone', PHONE],
          ['desktop', DESKTOP],
        ] as const) {
          const { context, page } = await reviewerPage(viewport, lang);
          await page.goto(`${app.base}/translate/glossary?from=en&to=es`);
          expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
          // Nothing wider than the screen.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${lang} ${width}`).toBeLessThanOrEqual(0);
          await shoot(page, `${lang}-${width}`);
          if (lang === 'ar' && width === 'desktop') {
            const problems = await seriousAxeViolations(page);
            expect(problems, describeAxe(problems)).toEqual([]);
          }
          await context.close();
        }
      }
    },
    TIMEOUT,
  );
});

/**
 * Issue #9, acceptance item 4, in a real browser (Debian's Chromium via playwright-core): an
 * administrator adds pt-BR (typed `pt-br`, at 1280 px) and yo (at 390 px) from
 * /admin/languages; readers' language menu then lists them by their CLDR names; hiding yo from
 * readers takes it out of the menu (and /yo/ is a 404); /admin/audit lists each action.
 * Screenshots of the page in English and Arabic at both widths go to test-results/screens/.
 *
 * Without Chromium the suite is skipped with a loud warning, except in CI (CI=true), where a
 * missing browser fails the run.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySiteSettings } from '../../src/services/admin/site-settings.service.js';
import { buildUser } from '../support/app.js';
import {
  DESKTOP,
  PHONE,
  SCREENS,
  SKIP_BROWSER,
  TIMEOUT,
  clickAndLoad,
  describeAxe,
  seriousAxeViolations,
  signIn,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the site languages administration test');

describe.skipIf(SKIP_BROWSER)('site languages administration in Chromium', () => {
  let app: BrowserApp;
  let adminName = '';

  beforeAll(async () => {
    app = await startBrowserApp();
    await applySiteSettings(app.ctx.deps);
    adminName = (await buildUser(app.ctx.deps, ['admin'])).username;
  }, TIMEOUT);
  afterAll(() => app?.close());

  async function adminPage(viewport: { width: number; height: number }, lang = 'en') {
    const context = await app.browser.newContext({ viewport, locale: 'en-US', bypassCSP: true });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await signIn(page, app.base, adminName);
    if (lang !== 'en') await context.addCookies([{ name: 'pp_lang', value: lang, url: app.base }]);
    return { context, page };
  }

  const shoot = (page: Page, name: string) =>
    screenshot(page, { path: resolve(SCREENS, `admin-languages-${name}.png`), fullPage: true });

  async function addLanguage(page: Page, typed: string) {
    const url = `${app.base}/admin/languages`;
    await page.goto(url);
    await page.fill('#tag', typed);
    await clickAndLoad(page, page.getByRole('button', { name: 'Add the language' }), url);
  }

  /** The labels of the readers' language menu on the English home page. */
  async function menuLabels(page: Page): Promise<string[]> {
    await page.goto(`${app.base}/en/`);
    const menu = page.locator('nav.language-menu');
    await menu.locator('summary').click();
    return (await menu.getByRole('link').allInnerTexts()).map((s) => s.trim());
  }

  it(
    'adds pt-BR at 1280 px and yo at 390 px; readers see them by their CLDR names',
    async () => {
      const desktop = await adminPage(DESKTOP);
      await addLanguage(desktop.page, 'pt-br');
      const row = desktop.page.locator('tr[data-language="pt-BR"]');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain('Brazilian Portuguese');
      expect(await row.locator('[lang="pt-BR"]').innerText()).toBe('português (Brasil)');
      await shoot(desktop.page, 'en-desktop');
      const problems = await seriousAxeViolations(desktop.page);
      expect(problems, describeAxe(problems)).toEqual([]);

      const phone = await adminPage(PHONE);
      await addLanguage(phone.page, 'yo');
      expect(await phone.page.locator('tr[data-language="yo"] [lang="yo"]').innerText()).toBe(
        'Èdè Yorùbá',
      );
      await shoot(phone.page, 'en-phone');

      const labels = await menuLabels(phone.page);
      expect(labels).toContain('português (Brasil)');
      expect(labels).toContain('Èdè Yorùbá');
      await phone.context.close();
      await desktop.context.close();
    },
    TIMEOUT,
  );

  it(
    'hiding yo from readers takes it out of the menu, and the audit log lists every action',
    async () => {
      const { context, page } = await adminPage(PHONE);
      const url = `${app.base}/admin/languages`;
      await page.goto(url);
      await clickAndLoad(page, page.getByRole('button', { name: 'Hide Yoruba from readers' }), url);
      expect(await page.locator('tr[data-language="yo"]').getAttribute('data-reading')).toBe('off');
      const labels = await menuLabels(page);
      expect(labels).toContain('português (Brasil)');
      expect(labels).not.toContain('Èdè Yorùbá');
      const yo = await page.goto(`${app.base}/yo/`);
      expect(yo?.status()).toBe(404);

      await page.goto(`${app.base}/admin/audit?action=language.`);
      const actions = await page
        .locator('tr[data-action]')
        .evaluateAll((rows) =>
          rows.map(
            (r) =>
              `${r.getAttribute('data-action')} ${r.querySelectorAll('td')[3]?.textContent ?? ''}`,
          ),
        );
      expect(actions).toEqual(['language.disable yo', 'language.add yo', 'language.add pt-BR']);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'reads right to left in Arabic at both widths',
    async () => {
      for (const [viewport, name] of [
        [DESKTOP, 'ar-desktop'],
        [PHONE, 'ar-phone'],
      ] as const) {
        const { context, page } = await adminPage(viewport, 'ar');
        await page.goto(`${app.base}/admin/languages`);
        expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
        expect(await page.locator('h1').innerText()).toBe('لغات الموقع');
        await shoot(page, name);
        await page.goto(`${app.base}/admin/settings`);
        expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
        await screenshot(page, {
          path: resolve(SCREENS, `admin-settings-${name}.png`),
          fullPage: true,
        });
        await context.close();
      }
    },
    TIMEOUT,
  );
});

/**
 * Journey: an administrator imports a WordPress site from the admin pages in Chromium. The
 * upload form queues the export; while the import runner works, the open run page follows it
 * without a reload (the bar, the status, the report's lines as they come); when the run ends
 * the page shows it done, with its totals and translation groups, in English and Arabic, at
 * desktop and phone widths (screenshots in test-results/screens/import-*.png), and axe finds no
 * serious or critical violation.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNextImport } from '../../src/services/import/import-runs.service.js';
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
  signedInPage,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the WordPress import journey');

const FIXTURE = join(import.meta.dirname, '../fixtures/wxr/site.xml');

describe.skipIf(SKIP_BROWSER)('importing a WordPress site in Chromium', () => {
  let app: BrowserApp;
  let admin: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    app = await startBrowserApp();
    app.ctx.deps.settings.languages = ['en', 'es', 'fr', 'ar'];
    admin = await buildUser(app.ctx.deps, ['admin'], { displayName: 'Amani Otieno' });
  }, TIMEOUT);
  afterAll(() => app?.close());

  it(
    'uploads, follows the run live, and shows the finished report',
    async () => {
      const { context, page } = await signedInPage(app, admin);
      await page.goto(`${app.base}/admin`);
      await clickAndLoad(
        page,
        page.getByRole('link', { name: 'Import from WordPress' }),
        `${app.base}/admin/import`,
      );
      await page.setInputFiles('#file', FIXTURE);
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await page.waitForURL(/\/admin\/import\/[0-9a-f-]+$/);
      await expect
        .poll(() => page.locator('#import-status').innerText())
        .toContain('Waiting to start');
      expect(await page.locator('#import-lines tr').count()).toBe(0);

      // The runner starts and is stopped after the first pass (a deploy): the open page shows
      // the lines stored so far and the run as importing, without being loaded again.
      const stop = new AbortController();
      stop.abort();
      const paused = await runNextImport(app.ctx.deps, 'e2e-runner', { signal: stop.signal });
      expect(paused?.status).toBe('running');
      await expect
        .poll(() => page.locator('#import-lines tr').count(), { timeout: 15_000 })
        .toBe(paused!.writtenLines);
      expect(await page.locator('#import-status').innerText()).toContain('Importing');
      expect(await page.locator('#import-bar').getAttribute('value')).not.toBeNull();
      await screenshot(page, { path: resolve(SCREENS, 'import-running-en-desktop.png') });

      // The next runner resumes it to the end: the page reloads itself and shows it done.
      const done = await runNextImport(app.ctx.deps, 'e2e-runner-2');
      expect(done?.status).toBe('done');
      await expect
        .poll(() => page.locator('#import-status').innerText(), { timeout: 15_000 })
        .toContain('Done');
      expect(await page.locator('#import-bar').getAttribute('value')).toBe('100');
      await expect(page.getByRole('heading', { name: 'Translation groups' }).count()).resolves.toBe(
        1,
      );
      expect(await page.locator('#import-lines tr').count()).toBe(
        Math.min(200, done!.writtenLines),
      );
      const url = page.url();
      await context.close();

      for (const lang of ['en', 'ar']) {
        for (const [width, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          const signed = await signedInPage(app, admin, viewport);
          await signed.context.addCookies([{ name: 'pp_lang', value: lang, url: app.base }]);
          await signed.page.goto(url);
          expect(await signed.page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
          await screenshot(signed.page, {
            path: resolve(SCREENS, `import-done-${lang}-${width}.png`),
            fullPage: true,
          });
          await signed.context.close();
        }
      }
    },
    TIMEOUT,
  );

  it(
    'has no serious or critical accessibility violation on the run page',
    async () => {
      const context = await app.browser.newContext({
        viewport: DESKTOP,
        locale: 'en-US',
        bypassCSP: true,
      });
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      await signIn(page, app.base, admin.username);
      const [run] = await app.ctx.deps.store.importRuns.list(1);
      await page.goto(`${app.base}/admin/import/${run!.id}`);
      const problems = await seriousAxeViolations(page);
      expect(problems, describeAxe(problems)).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );
});

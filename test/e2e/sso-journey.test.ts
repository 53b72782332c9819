/**
 * Issue 10's acceptance in a real browser (Debian's Chromium via playwright-core, SQLite):
 * people sign in through the in-test OpenID provider (oidc-provider, its own login and consent
 * pages) as `Милица` and as `مريم`, and their names display unchanged; a local account links a
 * provider account from /account and unlinks it; a forged `state` is refused. The site's CSP
 * is left on (no bypassCSP), so the redirects to the provider are what a reader's browser does.
 * Screenshots (English and Arabic, 390 and 1280 px) go to test-results/screens/.
 *
 * Without Chromium the suite is skipped with a loud warning, except in CI (CI=true), where a
 * missing browser fails the run.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProvider } from '../../src/services/sso/providers.service.js';
import { buildUser } from '../support/app.js';
import { authorizeInBrowser } from './sso-browser.js';
import {
  DESKTOP,
  PHONE,
  SCREENS,
  SKIP_BROWSER,
  TIMEOUT,
  actor,
  signIn,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';
import { startTestProvider } from '../http/sso-provider.js';
import type { TestProvider } from '../http/sso-provider.js';

warnIfNoChromium('the single sign-on journey');

const SLUG = 'test-id';

describe.skipIf(SKIP_BROWSER)('single sign-on in Chromium', () => {
  let app: BrowserApp;
  let idp: TestProvider;

  beforeAll(async () => {
    app = await startBrowserApp();
    // Redirect URIs are built from the public URL: here, where the browser reaches the app.
    app.ctx.deps.settings.publicUrl = app.base;
    idp = await startTestProvider([`${app.base}/signin/${SLUG}/callback`]);
    const admin = await buildUser(app.ctx.deps, ['admin']);
    await addProvider(app.ctx.deps, actor(admin), {
      kind: 'oidc',
      slug: SLUG,
      label: 'Test ID',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scopes: 'openid profile email',
      enabled: true,
      newUserRole: 'reader',
    });
  }, TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  async function newPage(viewport = DESKTOP, lang = 'en') {
    const context = await app.browser.newContext({ viewport, locale: 'en-US' });
    context.setDefaultTimeout(30_000);
    if (lang !== 'en') await context.addCookies([{ name: 'pp_lang', value: lang, url: app.base }]);
    return { context, page: await context.newPage() };
  }

  const shoot = (page: Page, name: string) =>
    screenshot(page, { path: resolve(SCREENS, `sso-${name}.png`), fullPage: true });

  /** From the sign-in page through the provider's pages as `login`; back at the site. */
  async function signInThroughProvider(page: Page, login: string, shotName?: string) {
    await page.goto(`${app.base}/signin`);
    if (shotName) await shoot(page, shotName);
    await page.locator('.sso-buttons a', { hasText: 'Test ID' }).click();
    await authorizeInBrowser(page, idp.issuer, login);
    await page.waitForURL((url) => url.origin === app.base && !url.pathname.includes('/callback'));
  }

  it(
    'signs in as Милица and as مريم; the names display unchanged',
    async () => {
      const { context, page } = await newPage(DESKTOP);
      await signInThroughProvider(page, 'sub-milica', 'signin-en-desktop');
      const header = page.locator('.site-header');
      await header.getByRole('button', { name: /Sign out/ }).waitFor();
      await page.goto(`${app.base}/account`);
      expect(await page.inputValue('#displayName')).toBe('Милица');
      expect(await page.locator('.site-header').innerText()).toContain('Милица');
      await shoot(page, 'account-milica-en-desktop');
      await context.close();

      const arabic = await newPage(PHONE, 'ar');
      await signInThroughProvider(arabic.page, 'sub-maryam', 'signin-ar-phone');
      await arabic.page.goto(`${app.base}/account`);
      expect(await arabic.page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await arabic.page.inputValue('#displayName')).toBe('مريم');
      expect(await arabic.page.locator('.site-header').innerText()).toContain('مريم');
      await shoot(arabic.page, 'account-maryam-ar-phone');
      await arabic.context.close();

      const milica = await app.ctx.deps.store.users.findByUsername('Милица');
      const maryam = await app.ctx.deps.store.users.findByUsername('مريم');
      expect(milica?.displayName).toBe('Милица');
      expect(maryam?.displayName).toBe('مريم');
    },
    TIMEOUT,
  );

  it(
    'links a provider account to a local account and unlinks it',
    async () => {
      const local = await buildUser(app.ctx.deps, ['reader'], { username: 'ana_local' });
      const { context, page } = await newPage(DESKTOP);
      await signIn(page, app.base, local.username);
      await page.goto(`${app.base}/account`);
      await page.getByRole('button', { name: /^Link .*Test ID/ }).click();
      await authorizeInBrowser(page, idp.issuer, 'sub-linker');
      await page.waitForURL(`${app.base}/account?sso=linked`);
      expect(await page.locator('.notice').first().innerText()).toContain('The account is linked');
      expect(await page.locator('.sso-accounts').innerText()).toContain('Linker');
      await shoot(page, 'account-linked-en-desktop');

      // Another browser signing in with the provider account opens the local account.
      const other = await newPage(PHONE);
      await signInThroughProvider(other.page, 'sub-linker');
      await other.page.goto(`${app.base}/account`);
      expect(await other.page.inputValue('#displayName')).toBe(local.displayName);
      await other.context.close();

      await page.getByRole('button', { name: /^Unlink .*Test ID/ }).click();
      await page.waitForURL(`${app.base}/account?sso=unlinked`);
      expect(await page.locator('.notice').first().innerText()).toContain('unlinked');
      expect(await app.ctx.deps.store.signIn.identitiesOf(local.id)).toEqual([]);
      await context.close();

      const arabic = await newPage(DESKTOP);
      await signIn(arabic.page, app.base, local.username);
      await arabic.context.addCookies([{ name: 'pp_lang', value: 'ar', url: app.base }]);
      await arabic.page.goto(`${app.base}/account`);
      expect(await arabic.page.getAttribute('html', 'dir')).toBe('rtl');
      await shoot(arabic.page, 'account-ar-desktop');
      await arabic.context.close();
    },
    TIMEOUT,
  );

  it(
    'refuses a forged state',
    async () => {
      const { context, page } = await newPage(PHONE);
      await page.goto(`${app.base}/signin`);
      await page.locator('.sso-buttons a', { hasText: 'Test ID' }).click();
      await page.waitForURL((url) => url.origin === idp.issuer);
      const before = await app.ctx.deps.store.users.count();
      const response = await page.goto(
        `${app.base}/signin/${SLUG}/callback?code=forged-code&state=forged-state`,
      );
      expect(response?.status()).toBe(400);
      expect(await page.locator('[role="alert"]').innerText()).toContain('not valid');
      expect(await app.ctx.deps.store.users.count()).toBe(before);
      await shoot(page, 'forged-en-phone');
      await context.close();
    },
    TIMEOUT,
  );
});

/**
 * The browser's part at the in-test OpenID provider (test/http/sso-provider.ts): its login
 * form (the login is the account id; any password) and its consent page, clicked through
 * until the provider sends the browser back to the site.
 */
import type { Page } from 'playwright-core';

export async function authorizeInBrowser(page: Page, issuer: string, login: string): Promise<void> {
  const atProvider = () => new URL(page.url()).origin === issuer;
  await page.waitForURL((url) => url.origin === issuer);
  for (let step = 0; step < 4 && atProvider(); step += 1) {
    await page.waitForLoadState('domcontentloaded');
    if (!atProvider()) break;
    const loginField = page.locator('input[name="login"]');
    if ((await loginField.count()) > 0) {
      await loginField.fill(login);
      await page.fill('input[name="password"]', 'any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
    } else {
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.waitForURL(
      (url) =>
        url.href !== '' && (url.origin !== issuer || url.pathname.startsWith('/interaction/')),
    );
    await page.waitForLoadState('domcontentloaded');
  }
}

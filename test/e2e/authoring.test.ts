/**
 * Issue 9 in Chromium, on a desktop and a 390 px phone: the co-author picker suggests people as
 * the author types (the datalist filled from /write/people), adds more inputs on demand and
 * saves the byline in the order typed; the editor's media panel inserts a figure directive into
 * the body at the cursor. Screenshots go to test-results/screens/.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadMedia } from '../../src/services/media/upload-media.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { buildUser } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { pngBytes } from '../http/http-helpers.js';
import {
  DESKTOP,
  PHONE,
  SCREENS,
  SKIP_BROWSER,
  TIMEOUT,
  actor,
  clickAndLoad,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the authoring test');

async function signIn(page: Page, base: string, login: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.fill('#login', login);
  await page.fill('#password', 'correct horse battery');
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }), `${base}/en/`);
}

describe.skipIf(SKIP_BROWSER)('authoring in Chromium', () => {
  let app: BrowserApp;
  let ctx: TestContext;
  let author: UserRecord;
  let coAuthor: UserRecord;
  let mediaId = '';

  beforeAll(async () => {
    app = await startBrowserApp();
    ctx = app.ctx;
    author = await buildUser(ctx.deps, ['author'], { displayName: 'Valentina Ríos' });
    coAuthor = await buildUser(ctx.deps, ['author'], {
      username: 'juma_mwangi',
      displayName: 'Juma Mwangi',
    });
    for (let i = 0; i < 30; i++)
      await buildUser(ctx.deps, ['author'], {
        username: `jumper_${i}`,
        displayName: `Jumper ${i}`,
      });
    const media = await uploadMedia(ctx.deps, actor(author), {
      filename: 'workshop.png',
      data: await pngBytes(1200, 800),
      expect: 'image',
      alt: 'Volunteers at the workshop',
    });
    mediaId = media.id;
  }, TIMEOUT);
  afterAll(() => app?.close());

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(
      `picks a co-author by typing and inserts media at the cursor (${label})`,
      async () => {
        const context = await app.browser.newContext({ viewport, locale: 'en-US' });
        const page = await context.newPage();
        try {
          await signIn(page, app.base, author.username);
          await page.goto(`${app.base}/write/new`);
          await page.fill('#title', `Picked in the browser (${label})`);

          // Typing part of the display name fills the suggestions (at most 20 of 31 "ju…").
          const second = page.locator('#authorNames-2');
          await second.click();
          await second.pressSequentially('Jum', { delay: 30 });
          const options = page.locator('#authorNames-options option');
          await expect
            .poll(() =>
              options.evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value)),
            )
            .toContain('juma_mwangi');
          expect(await options.count()).toBeLessThanOrEqual(20);
          expect(await options.first().getAttribute('label')).toBeTruthy();
          await second.fill('juma_mwangi');

          // "Add another author" appends an input, focused, keyboard-reachable.
          const inputs = page.locator('input[name="authorNames"]');
          const before = await inputs.count();
          await page.getByRole('button', { name: 'Add another author' }).click();
          expect(await inputs.count()).toBe(before + 1);
          await expect
            .poll(() => page.evaluate(() => document.activeElement?.id))
            .toBe(`authorNames-${before + 1}`);
          await page.getByLabel(`Author ${before + 1}`, { exact: true }).waitFor();

          // Insert a figure between the two paragraphs, where the cursor is.
          const body = page.locator('#body');
          await body.fill('First paragraph.\nSecond paragraph.');
          await body.evaluate((el) => {
            const area = el as HTMLTextAreaElement;
            area.focus();
            area.setSelectionRange(16, 16); // right after "First paragraph."
          });
          await page.locator('.insert-media summary').click();
          await page.getByRole('button', { name: 'Insert workshop.png at the cursor' }).click();
          const text = await body.inputValue();
          expect(text).toBe(
            `First paragraph.\n\n:::figure{media="${mediaId}" alt="Volunteers at the workshop"}\nCaption\n:::\n\nSecond paragraph.`,
          );
          await page.getByRole('status').filter({ hasText: 'Inserted into the text.' }).waitFor();
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('body');
          await screenshot(page, {
            path: resolve(SCREENS, `authoring-editor-${label}.png`),
            fullPage: true,
          });

          await clickAndLoad(
            page,
            page.locator('button[name="intent"][value="save"]'),
            /\/write\/[^/?]+\?saved=1$/,
          );
          const postId = /\/write\/([^/?]+)/.exec(page.url())?.[1] ?? '';
          const post = await ctx.deps.store.posts.findById(postId);
          const revision = await ctx.deps.store.posts.revision(postId, post!.currentRevision);
          expect(revision?.metadata.authorIds).toEqual([author.id, coAuthor.id]);
          expect(revision?.bodyMarkdown).toContain(`:::figure{media="${mediaId}"`);

          await page.goto(`${app.base}/media`);
          await screenshot(page, {
            path: resolve(SCREENS, `authoring-media-${label}.png`),
            fullPage: true,
          });
        } finally {
          await context.close();
        }
      },
      TIMEOUT,
    );
  }
});

/**
 * Issue #2, acceptance item 3, in a real browser (Debian's Chromium driven by playwright-core):
 * an author signs in, uploads an image, writes a post with a co-author, a figure and a video
 * embed and submits it; an editor publishes it; the post shows on the home page; and a reader's
 * browser makes no third-party request until the video's play link is clicked.
 *
 * Screenshots for people to look at go to test-results/screens/ (gitignored).
 *
 * Without Chromium the suite is skipped with a loud warning, except in CI (CI=true), where a
 * missing browser fails the run.
 */
import { resolve } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/services/admin/admin.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { buildUser } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import {
  DESKTOP,
  PHONE,
  SCREENS,
  SKIP_BROWSER,
  TIMEOUT,
  actor,
  clickAndLoad,
  publishedPost,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

const PASSWORD = 'correct horse battery';

warnIfNoChromium('the browser journey test');

async function signIn(page: Page, base: string, login: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.fill('#login', login);
  await page.fill('#password', PASSWORD);
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }), `${base}/en/`);
}

async function signOut(page: Page, base: string): Promise<void> {
  await clickAndLoad(
    page,
    page.locator('.site-header').getByRole('button', { name: /Sign out/ }),
    `${base}/en/`,
  );
  await page.locator('.site-header').getByRole('link', { name: 'Sign in' }).waitFor();
}

describe.skipIf(SKIP_BROWSER)('publish journey in Chromium', () => {
  let app: BrowserApp;
  let ctx: TestContext;
  let browser: Browser;
  let base = '';
  let author: UserRecord;
  let coAuthor: UserRecord;
  let editor: UserRecord;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ ctx, browser, base } = app);

    author = await buildUser(ctx.deps, ['author'], { displayName: 'Valentina Ríos' });
    coAuthor = await buildUser(ctx.deps, ['author'], { displayName: 'Juma Mwangi' });
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Milica Jović' });
    const admin = await buildUser(ctx.deps, ['admin'], { displayName: 'Site Admin' });
    await createOrganization(ctx.deps, actor(admin), {
      name: 'Wikimedia Kenya',
      kind: 'chapter',
      country: 'KE',
    });
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it(
    'author writes and submits, editor publishes, reader sees it with no third-party request until play',
    async () => {
      const title = 'Wikimedia Kenya and Argentina: a workshop in Nairobi';
      const staff = await browser.newContext({ viewport: DESKTOP });
      staff.setDefaultTimeout(30_000);
      const page = await staff.newPage();

      // 1. The author signs in.
      await signIn(page, base, author.username);
      await page
        .locator('.site-header')
        .getByRole('button', { name: /Sign out/ })
        .waitFor();

      // 2. Uploads an image in the media library and reads its id from the snippet.
      const png = await sharp({
        create: { width: 1200, height: 800, channels: 3, background: '#3366aa' },
      })
        .png()
        .toBuffer();
      await page.goto(`${base}/media`);
      await page.setInputFiles('#file', {
        name: 'nairobi.png',
        mimeType: 'image/png',
        buffer: png,
      });
      await clickAndLoad(page, page.getByRole('button', { name: 'Upload' }), /\/media\?uploaded=/);
      await page.getByRole('status').filter({ hasText: 'Uploaded nairobi.png' }).waitFor();
      const snippet = await page
        .locator('.media-item', { hasText: 'nairobi.png' })
        .locator('.directive-snippet textarea')
        .inputValue();
      const mediaId = /:::figure\{media="([^"]+)"/.exec(snippet)?.[1];
      expect(mediaId, snippet).toBeTruthy();

      // 3. Writes the post: co-author, organization, figure, video, featured image.
      await page.goto(`${base}/write/new`);
      await page.fill('#title', title);
      await page.fill('#language', 'en');
      const body = [
        'Twenty-four volunteers from two chapters met for three days to plan joint translation sprints.',
        '',
        `:::figure{media="${mediaId}" alt="Participants at the workshop"}`,
        'The workshop in Nairobi',
        ':::',
        '',
        '::video{url="https://www.youtube.com/watch?v=AbCdEfGhIjK" start="2:12:30" title="Session recording"}',
        '',
      ].join('\n');
      await page.fill('#body', body);
      const authorInputs = page.locator('input[name="authorNames"]');
      expect(await authorInputs.nth(0).inputValue()).toBe(author.username);
      await authorInputs.nth(1).fill(coAuthor.username);
      await page.locator('input[name="organizationNames"]').first().fill('Wikimedia Kenya');
      await page.fill('#tags', 'workshop, translation');
      await page.selectOption('#featuredMediaId', mediaId!);
      await page.fill('#featuredAlt', 'Volunteers around a table in Nairobi');
      await clickAndLoad(
        page,
        page.locator('button[name="intent"][value="save"]'),
        /\/write\/[^/?]+\?saved=1$/,
      );
      await page.getByText('Saved as revision 1.').waitFor();
      const postId = /\/write\/([^/?]+)/.exec(page.url())?.[1];
      expect(postId).toBeTruthy();
      await screenshot(page, { path: resolve(SCREENS, 'write-desktop.png'), fullPage: true });

      await clickAndLoad(
        page,
        page
          .getByRole('group', { name: 'Workflow' })
          .getByRole('button', { name: 'Submit for review' }),
        `${base}/write/${postId}`,
      );
      await page.locator('.page-head .badge', { hasText: 'Waiting for review' }).waitFor();

      // 4. The author signs out; the editor signs in and publishes from the review queue.
      await signOut(page, base);
      await signIn(page, base, editor.username);
      await page.goto(`${base}/editorial`);
      const queued = page.locator('.post-table').first().getByRole('link', { name: title });
      await queued.waitFor();
      await clickAndLoad(page, queued, `${base}/write/${postId}`);
      await clickAndLoad(
        page,
        page.locator('.publish-form').getByRole('button', { name: 'Publish', exact: true }),
        `${base}/write/${postId}`,
      );
      await page.locator('.page-head .badge', { hasText: 'Published' }).waitFor();
      await staff.close();

      // 5. A reader (fresh context, not signed in) records every request.
      const reader = await browser.newContext({ viewport: DESKTOP });
      reader.setDefaultTimeout(30_000);
      const requests: { url: string; afterClick: boolean }[] = [];
      let clicked = false;
      reader.on('request', (r: Request) => requests.push({ url: r.url(), afterClick: clicked }));
      const rp = await reader.newPage();
      await rp.goto(`${base}/`);
      const card = rp.locator('.post-card').getByRole('link', { name: title });
      await card.waitFor();
      await clickAndLoad(rp, card, /^http:\/\/127\.0\.0\.1:\d+\/en\/\d{4}\/\d{2}\/\d{2}\/[^/]+$/);
      await rp.waitForLoadState('load');
      await rp.getByRole('heading', { level: 1, name: title }).waitFor();
      const byline = await rp.locator('.post-header .byline').innerText();
      expect(byline).toContain('Valentina Ríos');
      expect(byline).toContain('Juma Mwangi');
      expect(byline).toContain('Wikimedia Kenya');
      const figureImg = rp.locator('.post-body figure img[alt="Participants at the workshop"]');
      await figureImg.scrollIntoViewIfNeeded();
      await expect
        .poll(
          () => figureImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
          { timeout: 30_000 },
        )
        .toBe(true);
      expect(await rp.locator('.post-body figcaption').innerText()).toContain(
        'The workshop in Nairobi',
      );
      const video = rp.locator('figure.embed-video');
      await video.waitFor();
      expect(await video.innerText()).toContain('2:12:30');
      expect(await video.locator('iframe').count()).toBe(0);

      // Scroll to the end so lazy images would load too, then check: only our own origin so far.
      await rp.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await rp.waitForLoadState('networkidle');
      expect(requests.length).toBeGreaterThan(3);
      const thirdParty = requests.filter((r) => !r.url.startsWith(`${base}/`));
      expect(
        thirdParty,
        `third-party requests before any click: ${thirdParty.map((r) => r.url).join(', ')}`,
      ).toEqual([]);
      // The script by its fingerprinted address (src/http/plugins/assets.ts).
      expect(
        requests.some((r) =>
          new RegExp(`^${base}/assets/build/embed\\.[\\w-]{10}\\.js$`).test(r.url),
        ),
      ).toBe(true);

      await rp.evaluate(() => window.scrollTo(0, 0));
      await screenshot(rp, { path: resolve(SCREENS, 'post-desktop.png'), fullPage: true });
      await rp.setViewportSize(PHONE);
      await screenshot(rp, { path: resolve(SCREENS, 'post-phone.png'), fullPage: true });
      const phoneOverflow = await rp.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(phoneOverflow, 'the post page scrolls sideways on a phone').toBeLessThanOrEqual(0);
      await rp.setViewportSize(DESKTOP);

      // The reader presses play: only now may a video host be contacted (kept offline here).
      await reader.route(/youtube|ytimg|googlevideo|vimeo/, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<html><body>player</body></html>',
        }),
      );
      const nocookieRequest = rp.waitForEvent('request', {
        predicate: (r) => r.url().startsWith('https://www.youtube-nocookie.com/'),
        timeout: 30_000,
      });
      clicked = true;
      await video.locator('.embed-play').click();
      const iframe = video.locator('iframe.embed-frame');
      await iframe.waitFor();
      const src = (await iframe.getAttribute('src')) ?? '';
      expect(src.startsWith('https://www.youtube-nocookie.com/embed/AbCdEfGhIjK'), src).toBe(true);
      expect(new URL(src).searchParams.get('start')).toBe('7950');
      await nocookieRequest;
      expect(rp.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/en\//); // the link did not navigate away
      const nocookie = requests.filter((r) => r.url.includes('youtube-nocookie.com'));
      expect(nocookie.length).toBeGreaterThan(0);
      expect(nocookie.every((r) => r.afterClick)).toBe(true);
      expect(requests.filter((r) => !r.afterClick && !r.url.startsWith(`${base}/`))).toEqual([]);
      await reader.close();
    },
    TIMEOUT,
  );

  it(
    'renders an Arabic post right-to-left at desktop and phone widths',
    async () => {
      const path = await publishedPost(ctx, author, editor, {
        language: 'ar',
        title: 'مرحبا بالعالم',
        body: 'هذه مقالة قصيرة عن ورشة العمل في نيروبي، شارك فيها متطوعون من Wikimedia ومن مجموعات أخرى، وتحدثوا عن ترجمة المقالات إلى لغات كثيرة.\n',
        authorIds: [author.id, coAuthor.id],
      });

      const reader = await browser.newContext({ viewport: DESKTOP });
      reader.setDefaultTimeout(30_000);
      const rp = await reader.newPage();
      const response = await rp.goto(`${base}${path}`);
      expect(response?.status()).toBe(200);
      await rp.getByRole('heading', { level: 1, name: 'مرحبا بالعالم' }).waitFor();
      expect(await rp.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await rp.locator('html').getAttribute('lang')).toBe('ar');
      expect(await rp.locator('html[dir="rtl"]').count()).toBe(1);
      expect(await rp.locator('.post-body').innerText()).toContain('Wikimedia');
      await screenshot(rp, { path: resolve(SCREENS, 'post-ar-desktop.png'), fullPage: true });
      await rp.setViewportSize(PHONE);
      await screenshot(rp, { path: resolve(SCREENS, 'post-ar-phone.png'), fullPage: true });
      const overflow = await rp.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'the Arabic post page scrolls sideways on a phone').toBeLessThanOrEqual(0);
      await reader.close();
    },
    TIMEOUT,
  );
});

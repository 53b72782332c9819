/**
 * Comments in Chromium (SQLite): a signed-in reader writes a comment and a reply and sees
 * them in the thread; axe-core finds no serious or critical violation on a post page with
 * comments (a reply, a tombstone, the form) in English and in Arabic (right to left), signed
 * in and signed out. Screenshots at desktop and phone widths go to
 * test-results/screens/comments-*.png.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComment } from '../../src/services/comments/create-comment.service.js';
import { deleteComment } from '../../src/services/comments/manage-comment.service.js';
import { decideComment } from '../../src/services/comments/moderation.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { buildUser } from '../support/app.js';
import {
  actor,
  clickAndLoad,
  describeAxe,
  DESKTOP,
  PHONE,
  publishedPost,
  SCREENS,
  seriousAxeViolations,
  signedInPage,
  signIn,
  SKIP_BROWSER,
  startBrowserApp,
  TIMEOUT,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('comments');

describe.skipIf(SKIP_BROWSER)('comments in Chromium', () => {
  let app: BrowserApp;
  let reader: UserRecord;
  let path = '';
  let postId = '';

  beforeAll(async () => {
    app = await startBrowserApp();
    const deps = app.ctx.deps;
    const editor = await buildUser(deps, ['editor'], { displayName: 'Amani Otieno' });
    const author = await buildUser(deps, ['author'], { displayName: 'Fatima Al-Sayed' });
    reader = await buildUser(deps, ['reader'], { displayName: 'Lucía Fernández' });
    const other = await buildUser(deps, ['reader'], { displayName: 'فاطمة الزهراء' });
    path = await publishedPost(app.ctx, author, editor, {
      language: 'en',
      title: 'Meeting in Nairobi',
      body: 'We met at the library and planned three edit-a-thons.',
    });
    const post = await deps.store.posts.findBySlug('en', 'meeting-in-nairobi');
    postId = post?.id ?? '';
    const write = async (user: UserRecord, language: string, body: string, parentId?: string) => {
      const result = await createComment(
        deps,
        actor(user),
        { postId, language, body, ...(parentId ? { parentId } : {}) },
        '192.0.2.1',
      );
      if (result.discarded) throw new Error('unexpected honeypot');
      if (result.status === 'pending')
        await decideComment(deps, actor(editor), result.commentId, 'approve');
      return result.commentId;
    };
    // The reader has written before (approved): their comments now publish at once.
    await write(reader, 'en', 'Thanks for the **notes**! See <https://example.org/agenda>.');
    const gone = await write(other, 'en', 'A comment its author deleted.');
    await write(editor, 'en', 'The reply stays under the deleted comment.', gone);
    await deleteComment(deps, actor(other), gone);
    const ar = await write(other, 'ar', 'شكرًا على هذه الملاحظات، سأحضر الورشة القادمة.');
    await write(editor, 'ar', 'أهلًا بك! نراك هناك.', ar);
  }, TIMEOUT);
  afterAll(() => app?.close());

  it(
    'lets a signed-in reader post a comment and a reply and see them',
    async () => {
      const { context, page } = await signedInPage(app, reader);
      await page.goto(`${app.base}${path}`);
      await page.getByLabel('Your comment', { exact: true }).fill('I can bring *two* laptops.');
      await clickAndLoad(
        page,
        page.getByRole('button', { name: 'Post comment' }),
        `${app.base}${path}`,
      );
      const mine = page.locator('.comment', { hasText: 'I can bring two laptops.' });
      await mine.waitFor();
      expect(await mine.locator('em').textContent()).toBe('two');

      const first = page.locator('.comment-list > li', { hasText: 'Thanks for the notes!' });
      await first.locator('summary', { hasText: 'Reply' }).click();
      await first.getByRole('textbox').fill('Replying to myself: the agenda is up.');
      await clickAndLoad(
        page,
        first.getByRole('button', { name: 'Post reply' }),
        `${app.base}${path}`,
      );
      const reply = page
        .locator('.comment-list > li', { hasText: 'Thanks for the notes!' })
        .locator('.comment-replies .comment', { hasText: 'Replying to myself' });
      await reply.waitFor();
      expect(await reply.count()).toBe(1);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'has no serious or critical axe violations with comments, in English and Arabic',
    async () => {
      const report: string[] = [];
      for (const lang of ['en', 'ar']) {
        const url = `${app.base}/${lang}${path.slice(3)}`;
        for (const signedIn of [true, false]) {
          for (const [width, viewport] of [
            ['desktop', DESKTOP],
            ['phone', PHONE],
          ] as const) {
            const context = await app.browser.newContext({
              viewport,
              locale: 'en-US',
              // The site's CSP (script-src 'self') would refuse the injected axe script.
              bypassCSP: true,
            });
            context.setDefaultTimeout(30_000);
            const page = await context.newPage();
            if (signedIn) await signIn(page, app.base, reader.username);
            const response = await page.goto(url);
            expect(response?.status(), url).toBe(200);
            await page.locator('#comments').waitFor();
            expect(await page.locator('#comments').getAttribute('dir')).toBe(
              lang === 'ar' ? 'rtl' : 'ltr',
            );
            const who = signedIn ? 'reader' : 'visitor';
            await screenshot(page, {
              path: resolve(SCREENS, `comments-${lang}-${who}-${width}.png`),
              fullPage: true,
            });
            if (width === 'desktop') {
              const problems = await seriousAxeViolations(page);
              if (problems.length > 0) report.push(`${lang} ${who}\n${describeAxe(problems)}`);
            }
            await context.close();
          }
        }
      }
      expect(
        report,
        `axe-core found serious/critical violations:\n\n${report.join('\n\n')}`,
      ).toEqual([]);
    },
    TIMEOUT * 2,
  );
});

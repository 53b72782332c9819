/**
 * Notifications acceptance in a real browser (Debian's Chromium driven by playwright-core) with
 * a real SMTP server (smtp-server on a loopback port), the app on SQLite:
 *
 * A translator whose browser speaks Spanish signs in (so Spanish becomes the language of their
 * mail) and translates a post. A reviewer sends one unit back with a comment. The translator
 * sees the bell's count rise, opens the notification and lands on that unit in the editor.
 * The e-mail job delivers one message to the SMTP server, in Spanish, with working RFC 8058
 * `List-Unsubscribe` / `List-Unsubscribe-Post` headers: the one-click POST to that address,
 * with no session, unsubscribes them; the same token altered to name another person does not.
 *
 * Screenshots go to test-results/screens/notifications-*.png (gitignored): the list and the
 * settings in English and Arabic (right to left), at desktop and phone widths.
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/integrations/mail/smtp-mailer.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { isOptedOut } from '../../src/services/notifications/unsubscribe.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { reviewTarget } from '../../src/services/translation/review-target.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { buildUser } from '../support/app.js';
import {
  DESKTOP,
  PHONE,
  SCREENS,
  SKIP_BROWSER,
  TIMEOUT,
  actor,
  publishedPost,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the notifications journey test');

const COMMENT = 'El verbo no concuerda con el sujeto; revisa la segunda frase.';

describe.skipIf(SKIP_BROWSER)('notifications in Chromium with a real SMTP server', () => {
  let app: BrowserApp;
  let base = '';
  let smtp: SMTPServer;
  const received: Buffer[] = [];
  let translator: UserRecord;
  let reviewer: UserRecord;
  let bystander: UserRecord;
  let postId = '';
  let unitId = '';

  /** Signs in through the form in a browser context speaking `locale`. */
  async function signedIn(user: UserRecord, locale: string, viewport = DESKTOP): Promise<Page> {
    const context = await app.browser.newContext({ viewport, locale });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${base}/signin`);
    await page.fill('#login', user.username);
    await page.fill('#password', 'correct horse battery');
    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/signin'),
      page.locator('main form[action="/signin"] button[type="submit"]').click(),
    ]);
    await page.locator('.site-header form[action="/signout"]').waitFor();
    return page;
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream: SMTPServerDataStream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', done));
    const port = (smtp.server.address() as AddressInfo).port;
    app = await startBrowserApp();
    base = app.base;
    const { deps } = app.ctx;
    // The app as deployed: mail over SMTP, links to where it listens.
    deps.mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'Polyphony <site@example.org>');
    deps.settings.publicUrl = base;
    const author = await buildUser(deps, ['author']);
    const editor = await buildUser(deps, ['editor']);
    translator = await buildUser(deps, ['reader', 'translator'], { displayName: 'Vera Volunteer' });
    reviewer = await buildUser(deps, ['reviewer'], { displayName: 'Rita Reviewer' });
    bystander = await buildUser(deps, ['reader']);
    await publishedPost(app.ctx, author, editor, {
      language: 'en',
      title: 'A shared playbook',
      excerpt: 'How six communities wrote one.',
      body: 'The first paragraph.\n\nThe second paragraph, with two sentences. It ends here.',
    });
    const [post] = await deps.store.posts.listForAuthor(author.id);
    postId = post?.post.id ?? '';
    // Mail queued by the set-up (the author's "published") is not what this journey is about.
    await runDueJobs(deps);
    received.length = 0;
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((done) => smtp?.close(done));
  });

  it(
    'a unit sent back raises the bell, opens on the unit, and mails the translator in Spanish with one-click unsubscribe',
    async () => {
      const { deps } = app.ctx;
      const page = await signedIn(translator, 'es-ES');
      expect(await deps.store.notifications.interfaceLanguage(translator.id)).toBe('es');
      const bell = page.locator('.site-header a.notification-bell');
      await expect(bell.getAttribute('aria-label')).resolves.toBe('Notificaciones');

      const data = await loadEditor(deps, actor(translator), postId, 'es');
      for (const unit of data.units)
        await saveTarget(deps, actor(translator), {
          postId,
          language: 'es',
          unitId: unit.unitId,
          text: `ES ${unit.source}`,
          version: 0,
          sourceRevision: unit.sourceRevision,
        });
      const target = (await loadEditor(deps, actor(reviewer), postId, 'es')).units.find(
        (u) => u.kind === 'paragraph',
      );
      if (!target?.target) throw new Error('a translated paragraph');
      unitId = target.unitId;
      await reviewTarget(deps, actor(reviewer), {
        postId,
        language: 'es',
        unitId,
        version: target.target.version,
        action: 'send_back',
        comment: COMMENT,
      });

      await page.reload();
      await expect(bell.getAttribute('aria-label')).resolves.toBe('Notificaciones, 1 sin leer');
      await expect(bell.locator('.notification-count').textContent()).resolves.toBe('1');
      await Promise.all([page.waitForURL(`${base}/notifications`), bell.click()]);
      const item = page.locator('.notification-list li.notification.unread');
      await expect(item.count()).resolves.toBe(1);
      await expect(item.textContent()).resolves.toContain('Rita Reviewer devolvió tu traducción');
      await expect(item.textContent()).resolves.toContain(COMMENT);
      await Promise.all([
        page.waitForURL((url) => url.pathname === `/translate/${postId}/es`),
        item.locator('a.notification-link').click(),
      ]);
      expect(new URL(page.url()).hash).toBe(`#unit-${unitId}`);
      await page.locator(`section.unit[id="unit-${unitId}"]`).waitFor();
      await expect(bell.getAttribute('aria-label')).resolves.toBe('Notificaciones');

      // The job: one message at the SMTP server, run twice.
      await runDueJobs(deps);
      await runDueJobs(deps);
      expect(received).toHaveLength(1);
      const mail = await simpleParser(received[0] ?? Buffer.alloc(0));
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(translator.email);
      expect(mail.subject).toBe(
        'Polyphony: Rita Reviewer devolvió tu traducción de un segmento de «A shared playbook» (español)',
      );
      expect(mail.text).toContain('Hola, Vera Volunteer:');
      expect(mail.text).toContain(`> ${COMMENT}`);
      // The raw header lines (mailparser folds List-* headers into its own `list` object).
      const line = (key: string) =>
        (mail.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n[ \t]+/g, ' ');
      expect(line('list-unsubscribe-post')).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      const link = /^List-Unsubscribe: <([^>]+)>$/.exec(line('list-unsubscribe'))?.[1] ?? '';
      expect(link).toMatch(new RegExp(`^${base}/unsubscribe/notifications\\.`));
      expect(mail.text).toContain(link);

      // Forged for another person (their id, this MAC): refused, nothing recorded.
      const token = link.slice(`${base}/unsubscribe/`.length);
      const [scope, , mac] = token.split('.');
      const forged = `${base}/unsubscribe/${scope}.${Buffer.from(bystander.id).toString('base64url')}.${mac}`;
      const oneClickPost = (url: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
      expect((await oneClickPost(forged)).status).toBe(404);
      expect(await isOptedOut(deps.store, bystander.id, 'notifications')).toBe(false);
      // The link opened in a browser only asks; nothing changes until the button.
      const anonymous = await app.browser.newPage({ locale: 'en-US' });
      await anonymous.goto(link);
      await anonymous.getByRole('button', { name: 'Unsubscribe' }).waitFor();
      expect(await isOptedOut(deps.store, translator.id, 'notifications')).toBe(false);
      await anonymous.close();
      // The mail client's one-click POST, without any session.
      expect((await oneClickPost(link)).status).toBe(200);
      expect(await isOptedOut(deps.store, translator.id, 'notifications')).toBe(true);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'shows the list and the settings in English and Arabic at desktop and phone widths',
    async () => {
      for (const [lang, locale] of [
        ['en', 'en-US'],
        ['ar', 'ar'],
      ] as const) {
        for (const [name, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          const page = await signedIn(translator, locale, viewport);
          await page.goto(`${base}/${lang}/`);
          await page.goto(`${base}/notifications`);
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          await page.locator('.notification-list').waitFor();
          await screenshot(page, {
            path: resolve(SCREENS, `notifications-list-${lang}-${name}.png`),
            fullPage: true,
          });
          await page.goto(`${base}/notifications/settings`);
          await page.locator('.notification-opted-out').waitFor();
          await screenshot(page, {
            path: resolve(SCREENS, `notifications-settings-${lang}-${name}.png`),
            fullPage: true,
          });
          await page.context().close();
        }
      }
    },
    TIMEOUT,
  );
});

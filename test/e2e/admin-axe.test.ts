/**
 * The administration pages in Chromium: axe-core reports no serious or critical violation on
 * /admin, /admin/users, /admin/taxonomy, /admin/organizations (and one organization), /account
 * and /media (the media library), in English and in Arabic (right to left). Screenshots at desktop and phone widths go to
 * test-results/screens/admin-*.png for people to look at.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setReviewLanguages, suspendUser } from '../../src/services/admin/users.service.js';
import { createEvent, createTerm } from '../../src/services/admin/taxonomy.service.js';
import { createOrganization } from '../../src/services/admin/admin.service.js';
import { addMember, setLogo } from '../../src/services/admin/organizations.service.js';
import { uploadMedia } from '../../src/services/media/upload-media.service.js';
import { pngBytes } from '../http/http-helpers.js';
import { buildUser } from '../support/app.js';
import {
  actor,
  describeAxe,
  DESKTOP,
  PHONE,
  publishedPost,
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

warnIfNoChromium('the administration pages');

const PAGES = [
  '/admin',
  '/admin/users',
  '/admin/taxonomy',
  '/admin/import',
  '/admin/organizations',
  '/admin/organizations/wmke',
  '/account',
  '/media',
];

describe.skipIf(SKIP_BROWSER)('the administration pages in Chromium', () => {
  let app: BrowserApp;
  let adminName = '';

  beforeAll(async () => {
    app = await startBrowserApp();
    const deps = app.ctx.deps;
    const admin = await buildUser(deps, ['admin'], { displayName: 'Amani Otieno' });
    adminName = admin.username;
    const author = await buildUser(deps, ['author'], { displayName: 'Fatima Al-Sayed' });
    const reviewer = await buildUser(deps, ['reviewer'], { displayName: 'Lucía Fernández' });
    const vandal = await buildUser(deps, ['translator'], { displayName: 'Spam Account' });
    await setReviewLanguages(deps, actor(admin), reviewer.id, ['es']);
    await suspendUser(deps, actor(admin), vandal.id, 'Spam in the Swahili translations');
    await createTerm(deps, actor(admin), {
      kind: 'category',
      name: 'Community',
      description: 'News from the chapters',
    });
    await createTerm(deps, actor(admin), { kind: 'tag', name: 'edit-a-thon' });
    await createOrganization(deps, actor(admin), {
      name: 'Wikimedia Kenya',
      slug: 'wmke',
      kind: 'chapter',
      country: 'KE',
      description: 'Edit-a-thons in Nairobi and Mombasa.',
    });
    await addMember(deps, actor(admin), 'wmke', { username: author.username, role: 'coordinator' });
    const logo = await uploadMedia(deps, actor(admin), {
      filename: 'wmke-logo.png',
      data: await pngBytes(320, 160),
      expect: 'image',
      alt: 'Wikimedia Kenya logo',
    });
    await setLogo(deps, actor(admin), 'wmke', logo.id);
    await createEvent(deps, actor(admin), {
      name: 'Nairobi edit-a-thon',
      startsOn: '2026-06-01',
      location: 'Nairobi',
    });
    await publishedPost(app.ctx, author, admin, {
      language: 'en',
      title: 'Meeting in Nairobi',
      body: 'Bring water.',
      categories: ['Community', 'Events'],
      tags: ['edit-a-thon'],
    });
  }, TIMEOUT);
  afterAll(() => app?.close());

  it(
    'has no serious or critical violations in English and Arabic; screenshots at two widths',
    async () => {
      const report: string[] = [];
      for (const lang of ['en', 'ar']) {
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
          await signIn(page, app.base, adminName);
          await context.addCookies([{ name: 'pp_lang', value: lang, url: app.base }]);
          for (const path of PAGES) {
            const response = await page.goto(`${app.base}${path}`);
            expect(response?.status(), `${lang} ${path}`).toBe(200);
            expect(await page.getAttribute('html', 'lang'), `${lang} ${path}`).toBe(lang);
            const name = `admin-${path.replace(/^\//, '').replaceAll('/', '-')}-${lang}-${width}`;
            await screenshot(page, { path: resolve(SCREENS, `${name}.png`), fullPage: true });
            if (width === 'desktop') {
              const problems = await seriousAxeViolations(page);
              if (problems.length > 0) report.push(`${lang} ${path}\n${describeAxe(problems)}`);
            }
          }
          await context.close();
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

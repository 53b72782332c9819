/**
 * Issue #4 (translation) acceptance in a real browser (Debian's Chromium driven by
 * playwright-core), against the app on SQLite:
 *
 * 1. A volunteer opens a post like the demo's, clicks "Translate this post", picks Spanish and
 *    translates every unit (codes typed with Alt+number, the link moved to the end), saving with
 *    Ctrl+Enter, blur and the idle autosave; leaves and returns: nothing is lost. A reviewer
 *    approves every unit; the translation publishes itself, shows in the switcher at 100 % and
 *    its link points where the original's does.
 * 2. The author changes one paragraph and fixes a typo in another, which the editor flags as
 *    minor when publishing: exactly one unit becomes outdated, with a diff in the editor and a
 *    mark on the reader page. Reverting the paragraph clears it.
 * 3. Two volunteers save the same unit from the same version: the second gets the conflict view
 *    with both texts, keeps their own ("Keep mine"), and the history holds both.
 * 4. The editor for Arabic is right-to-left; screenshots at desktop and phone widths.
 *
 * Screenshots for people to look at go to test-results/screens/translate-*.png (gitignored).
 * Without Chromium the suite is skipped with a loud warning, except in CI (CI=true).
 */
import { resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromShorthand } from '../../src/client/translate/shorthand.js';
import { postPath } from '../../src/domain/post.js';
import { slugify } from '../../src/domain/slug.js';
import { translator } from '../../src/i18n/translator.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import type {
  PostRecord,
  TranslationRecord,
  UnitRecord,
  UserRecord,
} from '../../src/services/repositories.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
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
  signedInPage,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the translation journey test');

const LINK = 'https://example.org/session';
const PARAGRAPH = 'Bring a laptop and a charger.';
const CHANGED_PARAGRAPH = 'Bring a laptop, a charger and a friend who speaks two languages.';
const TYPO = 'Everyone is welcome, no experience neded.';
const FIXED = 'Everyone is welcome, no experience needed.';

/** The post's Markdown body with the second and third paragraphs given. */
const body = (second: string, third: string): string =>
  [
    `Join [the session](${LINK}) at **2:12:30** today.`,
    '',
    second,
    '',
    third,
    '',
    '- Share a photo',
    '- Write a short report',
    '',
  ].join('\n');

/**
 * The Spanish the volunteer types (the editor's shorthand), by a fragment of each unit's source.
 * In the source, `**2:12:30**` is bold {2} (times stay text, never codes); {1} is the link,
 * moved to the end.
 */
const SPANISH = {
  title: 'Únete a la sesión de traducción',
  excerpt: 'Una tarde para traducir juntos, en cualquier idioma.',
  link: 'Únete hoy a las {2}2:12:30{/2} a {1}la sesión{/1}.',
  laptop: 'Trae un portátil y un cargador.',
  welcome: 'Todos son bienvenidos, no hace falta experiencia.',
  photo: 'Comparte una foto',
  report: 'Escribe un informe breve',
} as const;
type Key = keyof typeof SPANISH;

const SOURCE_FRAGMENT: Record<Key, string> = {
  title: 'Join the translation session',
  excerpt: 'An afternoon',
  link: 'Join <pc id="1">the session</pc>',
  laptop: 'Bring a laptop',
  welcome: 'Everyone is welcome',
  photo: 'Share a photo',
  report: 'Write a short report',
};

describe.skipIf(SKIP_BROWSER)('translation journey in Chromium', () => {
  let app: BrowserApp;
  let ctx: TestContext;
  let base = '';
  let author: UserRecord;
  let editor: UserRecord;
  let volunteer: UserRecord;
  let reviewer: UserRecord;
  let post: PostRecord;
  let originalPath = '';
  /** Unit ids by key (they survive source revisions: the alignment keeps them). */
  const ids = {} as Record<Key, string>;
  /** The volunteer's browser, kept across the tests. */
  let volunteerContext: BrowserContext;
  let vp: Page;

  const editorUrl = (language: string) => `${base}/translate/${post.id}/${language}`;
  const row = (page: Page, key: Key): Locator =>
    page.locator(`section.unit[id="unit-${ids[key]}"]`);
  const textarea = (page: Page, key: Key): Locator =>
    page.locator(`textarea[id="unit-${ids[key]}-text"]`);

  async function units(): Promise<UnitRecord[]> {
    const revision = await ctx.deps.store.translations.latestUnitRevision(post.id);
    if (revision === null) throw new Error('the post has no units');
    return ctx.deps.store.translations.units(post.id, revision);
  }

  async function translation(language: string): Promise<TranslationRecord> {
    const found = await ctx.deps.store.translations.findTranslation(post.id, language);
    if (!found) throw new Error(`no ${language} translation`);
    return found;
  }

  /** The stored target of each unit of a translation, by key. */
  async function targetsByKey(language: string) {
    const t = await translation(language);
    const targets = await ctx.deps.store.translations.targets([t.id]);
    return Object.fromEntries(
      (Object.keys(ids) as Key[]).map((key) => [
        key,
        targets.find((target) => target.unitId === ids[key]) ?? null,
      ]),
    ) as Record<Key, (typeof targets)[number] | null>;
  }

  async function waitSaved(page: Page, key: Key): Promise<void> {
    await row(page, key).locator('.unit-status.status-saved').waitFor();
  }

  /** The author saves a new body in the post editor (browser). */
  async function authorSavesBody(markdown: string, revision: number): Promise<void> {
    const { context, page } = await signedInPage(app, author);
    await page.goto(`${base}/write/${post.id}`);
    await page.fill('#body', markdown);
    await clickAndLoad(
      page,
      page.locator('button[name="intent"][value="save"]'),
      `${base}/write/${post.id}?saved=1`,
    );
    await page.getByText(`Saved as revision ${revision}.`).waitFor();
    await context.close();
  }

  /**
   * The editor publishes the latest revision from the post editor, ticking "minor" for the
   * pending change whose text contains `minorText` (if given). Returns the pending changes'
   * texts as the publish form listed them.
   */
  async function editorPublishes(minorText?: string): Promise<string[]> {
    const { context, page } = await signedInPage(app, editor);
    await page.goto(`${base}/write/${post.id}`);
    const changes = page.locator('.publish-form .pending-changes li');
    // Server-rendered: the list (possibly empty) is there once the publish form is.
    await page.locator('.publish-form').waitFor();
    const listed = await changes.allInnerTexts();
    if (minorText !== undefined) {
      await changes
        .filter({ hasText: minorText })
        .getByLabel('Minor (typo fix: keep translations)')
        .check();
    }
    await clickAndLoad(
      page,
      page.locator('.publish-form').getByRole('button', { name: 'Publish latest changes' }),
      `${base}/write/${post.id}`,
    );
    await page.locator('.page-head .badge', { hasText: 'Published' }).waitFor();
    await context.close();
    return listed;
  }

  async function readerPage(path: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await app.browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    return { context, page };
  }

  async function spanishPath(): Promise<string> {
    const es = await translation('es');
    return postPath({ language: 'es', slug: es.slug, publishedAt: post.publishedAt });
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ ctx, base } = app);
    author = await buildUser(ctx.deps, ['author'], { displayName: 'Valentina Ríos' });
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Milica Jović' });
    volunteer = await buildUser(ctx.deps, ['reader', 'translator'], {
      displayName: 'Lucía Pérez',
    });
    reviewer = await buildUser(ctx.deps, ['reviewer'], { displayName: 'Amina Yusuf' });

    const created = await createPost(ctx.deps, actor(author), {
      language: 'en',
      title: SOURCE_FRAGMENT.title,
      excerpt: 'An afternoon of translating together, in any language.',
      body: body(PARAGRAPH, TYPO),
      authorIds: [author.id],
    });
    post = await publishPost(ctx.deps, actor(editor), created.id);
    originalPath = postPath({
      language: post.sourceLanguage,
      slug: post.slug,
      publishedAt: post.publishedAt,
    });
    const all = await units();
    expect(all).toHaveLength(7);
    for (const key of Object.keys(SOURCE_FRAGMENT) as Key[]) {
      const unit = all.find((u) => u.source.includes(SOURCE_FRAGMENT[key]));
      if (!unit) throw new Error(`no unit for ${key}: ${all.map((u) => u.source).join(' | ')}`);
      ids[key] = unit.unitId;
    }
    // The link and the bold time; the time itself stays text, not a code.
    expect(Object.keys(all.find((u) => u.unitId === ids.link)?.codes ?? {})).toEqual(['1', '2']);

    ({ context: volunteerContext, page: vp } = await signedInPage(app, volunteer));
  }, TIMEOUT);

  afterAll(async () => {
    await volunteerContext?.close();
    await app?.close();
  }, TIMEOUT);

  it(
    'a volunteer translates into Spanish, nothing is lost, a reviewer approves and it is published',
    async () => {
      // "Translate this post" on the post page → the chooser → español → the editor.
      await vp.goto(`${base}${originalPath}`);
      await clickAndLoad(
        vp,
        vp.getByRole('link', { name: 'Translate this post' }),
        `${base}/translate/${post.id}`,
      );
      await vp.getByRole('radio', { name: /español/ }).check();
      await clickAndLoad(
        vp,
        vp.getByRole('button', { name: 'Start translating' }),
        editorUrl('es'),
      );
      await vp.getByRole('heading', { level: 1, name: /into Spanish/ }).waitFor();
      expect(await vp.locator('section.unit').count()).toBe(7);

      // Title and excerpt: typed, saved with Ctrl+Enter (save and go to the next one).
      for (const key of ['title', 'excerpt'] as const) {
        await textarea(vp, key).fill(SPANISH[key]);
        await textarea(vp, key).press('Control+Enter');
        await waitSaved(vp, key);
      }
      // Ctrl+Enter moved the focus to the next untranslated unit: the link paragraph.
      await expect
        .poll(() => textarea(vp, 'link').evaluate((el) => el === document.activeElement))
        .toBe(true);

      // The link paragraph: codes inserted with Alt+number, the link moved to the end.
      const link = textarea(vp, 'link');
      await vp.keyboard.type('Únete hoy a las ');
      await vp.keyboard.press('Alt+Digit2');
      await vp.keyboard.type('2:12:30');
      await vp.keyboard.press('Control+End');
      await vp.keyboard.type(' a ');
      await vp.keyboard.press('Alt+Digit1');
      await vp.keyboard.type('la sesión');
      await vp.keyboard.press('Control+End');
      await vp.keyboard.type('.');
      expect(await link.inputValue()).toBe(SPANISH.link);
      await link.press('Control+Enter');
      await waitSaved(vp, 'link');

      // Saved on blur (Tab) and with Ctrl+Enter.
      await textarea(vp, 'laptop').fill(SPANISH.laptop);
      await textarea(vp, 'laptop').press('Tab');
      await waitSaved(vp, 'laptop');
      await textarea(vp, 'welcome').fill(SPANISH.welcome);
      await textarea(vp, 'welcome').press('Control+Enter');
      await waitSaved(vp, 'welcome');
      await textarea(vp, 'photo').fill(SPANISH.photo);
      await textarea(vp, 'photo').press('Tab');
      await waitSaved(vp, 'photo');
      // The last one is left in focus: the idle autosave (1.5 s) saves it.
      await textarea(vp, 'report').fill(SPANISH.report);
      await waitSaved(vp, 'report');
      expect(await textarea(vp, 'report').evaluate((el) => el === document.activeElement)).toBe(
        true,
      );

      // Everything is in the database, as tagged text with the codes where they were typed.
      await expect
        .poll(async () => {
          const targets = await targetsByKey('es');
          return Object.fromEntries(
            Object.entries(targets).map(([k, t]) => [k, t ? `${t.state}: ${t.text}` : null]),
          );
        })
        .toEqual(
          Object.fromEntries(
            Object.entries(SPANISH).map(([k, text]) => [k, `translated: ${fromShorthand(text)}`]),
          ),
        );
      expect((await targetsByKey('es')).link?.text).toBe(
        'Únete hoy a las <pc id="2">2:12:30</pc> a <pc id="1">la sesión</pc>.',
      );
      await vp.locator('.editor-progress', { hasText: '7 of 7 translated, 0 reviewed' }).waitFor();
      // (Scrolled to the top: the toolbar sticks to the top of the window.)
      await vp.evaluate(() => window.scrollTo(0, 0));
      await screenshot(vp, { path: resolve(SCREENS, 'translate-es-desktop.png'), fullPage: true });

      // Leaves (to the original) and comes back: every text is still there.
      await clickAndLoad(
        vp,
        vp.getByRole('link', { name: 'Read the original' }),
        `${base}${originalPath}`,
      );
      await vp.goto(editorUrl('es'));
      for (const key of Object.keys(SPANISH) as Key[]) {
        expect(await textarea(vp, key).inputValue(), key).toBe(SPANISH[key]);
        expect(await row(vp, key).locator('.state-badge').innerText(), key).toBe('translated');
      }

      // A reviewer approves every unit; the last approval publishes the translation.
      const { context: rc, page: rp } = await signedInPage(app, reviewer);
      await rp.goto(editorUrl('es'));
      for (const key of Object.keys(SPANISH) as Key[]) {
        expect(await textarea(rp, key).inputValue(), key).toBe(SPANISH[key]);
        await row(rp, key).getByRole('button', { name: 'Approve', exact: true }).click();
        await row(rp, key).locator('.state-badge.state-reviewed').waitFor();
      }
      await rp.locator('.editor-progress', { hasText: '7 of 7 translated, 7 reviewed' }).waitFor();
      await expect.poll(async () => (await translation('es')).status).toBe('published');
      const targets = await targetsByKey('es');
      expect(Object.values(targets).map((t) => [t?.state, t?.reviewedBy])).toEqual(
        Object.keys(SPANISH).map(() => ['reviewed', reviewer.id]),
      );
      await rc.close();

      // The Spanish version: Spanish text, the link at the end of the sentence, bold time.
      const esPath = await spanishPath();
      // The slug comes from the Spanish title.
      expect(esPath).toBe(
        postPath({ language: 'es', slug: slugify(SPANISH.title), publishedAt: post.publishedAt }),
      );
      const es = await readerPage(esPath);
      await es.page.getByRole('heading', { level: 1, name: SPANISH.title }).waitFor();
      expect(await es.page.locator('html').getAttribute('lang')).toBe('es');
      const sentence = es.page.locator('.post-body p', { hasText: 'la sesión' });
      expect(await sentence.count()).toBe(1);
      const shape = await sentence.evaluate((p) => ({
        text: p.textContent,
        last: p.lastElementChild?.tagName,
        tail: p.lastChild?.textContent,
        html: p.innerHTML,
      }));
      expect(shape.text).toBe('Únete hoy a las 2:12:30 a la sesión.');
      expect(shape.last).toBe('A');
      expect(shape.tail).toBe('.');
      expect(shape.html).toContain('<strong>2:12:30</strong>');
      expect(shape.html).toMatch(
        /<a href="https:\/\/example\.org\/session"[^>]*>la sesión<\/a>\.$/,
      );
      const esBody = await es.page.locator('.post-body').innerText();
      for (const key of ['laptop', 'welcome', 'photo', 'report'] as const)
        expect(esBody).toContain(SPANISH[key]);
      expect(await es.page.locator('.translation-outdated').count()).toBe(0);
      await es.context.close();

      // The original: same link target; its switcher lists español at 100 %.
      const en = await readerPage(originalPath);
      expect(
        await en.page.locator('.post-body a', { hasText: 'the session' }).getAttribute('href'),
      ).toBe(LINK);
      const t = translator('en');
      const spanish = en.page.locator('nav.versions li', { hasText: 'español' });
      expect(await spanish.count()).toBe(1);
      expect(await spanish.getByRole('link').getAttribute('href')).toBe(esPath);
      expect(await spanish.locator('.meta').innerText()).toBe(
        t.t('reader.post.completion', { percent: t.formatPercent(1) }),
      );
      await en.context.close();
    },
    TIMEOUT,
  );

  it(
    'a changed paragraph outdates exactly one unit (a minor typo fix does not); reverting clears it',
    async () => {
      // The author changes one paragraph and fixes a typo in another; the editor flags the fix.
      await authorSavesBody(body(CHANGED_PARAGRAPH, FIXED), 2);
      const listed = await editorPublishes('needed');
      expect(listed).toHaveLength(2);
      expect(await runDueJobs(ctx.deps)).toBeGreaterThanOrEqual(1);

      let targets = await targetsByKey('es');
      expect(targets.laptop?.state).toBe('outdated');
      expect(targets.welcome?.state).toBe('reviewed');
      expect(Object.values(targets).filter((target) => target?.state === 'outdated')).toHaveLength(
        1,
      );

      // The volunteer's editor: exactly one outdated row, with the diff of that change.
      await vp.goto(editorUrl('es'));
      const outdated = vp.locator('section.unit.state-outdated');
      expect(await outdated.count()).toBe(1);
      expect(await outdated.getAttribute('id')).toBe(`unit-${ids.laptop}`);
      const diff = outdated.locator('.outdated-diff .unit-diff');
      expect(await diff.locator('del').count()).toBeGreaterThan(0);
      expect(await diff.locator('ins').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('friend')]),
      );
      expect(await textarea(vp, 'laptop').inputValue()).toBe(SPANISH.laptop);
      expect(await row(vp, 'welcome').locator('.state-badge').innerText()).toBe('reviewed');
      await vp.locator('.editor-progress', { hasText: '1 outdated' }).waitFor();
      await screenshot(vp, {
        path: resolve(SCREENS, 'translate-es-outdated-desktop.png'),
        fullPage: true,
      });

      // The reader page marks that one part, and the banner says so.
      const esPath = await spanishPath();
      const es = await readerPage(esPath);
      const marked = es.page.locator('.translation-outdated');
      expect(await marked.count()).toBe(1);
      expect(await marked.innerText()).toBe(SPANISH.laptop);
      const banner = es.page.locator('.translation-banner');
      expect(await banner.getAttribute('class')).toContain('outdated');
      const bannerLang = (await banner.getAttribute('lang')) ?? 'en';
      expect(await banner.innerText()).toContain(
        translator(bannerLang).t('reader.translation.outdated', { count: 1 }),
      );
      expect(await es.page.locator('.post-body').innerText()).toContain(SPANISH.welcome);
      await screenshot(es.page, {
        path: resolve(SCREENS, 'translate-reader-es-outdated-desktop.png'),
        fullPage: true,
      });
      await es.context.close();

      // Reverting the paragraph (the typo stays fixed) restores the translation.
      await authorSavesBody(body(PARAGRAPH, FIXED), 3);
      // An exact revert restores the translation, so the publish panel offers nothing.
      expect(await editorPublishes()).toHaveLength(0);
      expect(await runDueJobs(ctx.deps)).toBeGreaterThanOrEqual(1);
      targets = await targetsByKey('es');
      expect(targets.laptop?.state).toBe('reviewed');

      await vp.goto(editorUrl('es'));
      await vp.locator('.editor-progress', { hasText: '7 of 7 translated, 7 reviewed' }).waitFor();
      expect(await vp.locator('section.unit.state-outdated').count()).toBe(0);
      expect(await vp.locator('.outdated-diff').count()).toBe(0);
      const again = await readerPage(esPath);
      expect(await again.page.locator('.translation-outdated').count()).toBe(0);
      expect(await again.page.locator('.translation-banner.outdated').count()).toBe(0);
      expect(await again.page.locator('.post-body').innerText()).toContain(SPANISH.laptop);
      await again.context.close();
    },
    TIMEOUT,
  );

  it(
    'two browsers save the same unit from the same version: the second sees both texts, nothing is lost',
    async () => {
      const first = await buildUser(ctx.deps, ['reader', 'translator'], {
        displayName: 'Jonas Weber',
      });
      const second = await buildUser(ctx.deps, ['reader', 'translator'], {
        displayName: 'Greta Vogel',
      });
      const a = await signedInPage(app, first);
      const b = await signedInPage(app, second);
      await a.page.goto(editorUrl('de'));
      await b.page.goto(editorUrl('de'));
      const theirs = 'Gemeinsam übersetzen: die Sitzung';
      const yours = 'Zusammen übersetzen: die Übersetzungssitzung';

      // Both have the unit at version 0; the first saves (blur) …
      await textarea(a.page, 'title').fill(theirs);
      await textarea(a.page, 'title').press('Tab');
      await waitSaved(a.page, 'title');
      // … then the second, from the same version: the conflict view with both texts.
      await textarea(b.page, 'title').fill(yours);
      await textarea(b.page, 'title').press('Tab');
      const conflict = row(b.page, 'title').locator('.conflict');
      await conflict.waitFor();
      expect(await row(b.page, 'title').locator('.unit-status').innerText()).toBe('Conflict');
      expect(
        await conflict.locator('figure', { hasText: 'Theirs (saved)' }).locator('pre').innerText(),
      ).toBe(theirs);
      expect(
        await conflict
          .locator('figure', { hasText: 'Yours (not saved)' })
          .locator('pre')
          .innerText(),
      ).toBe(yours);
      expect(await textarea(b.page, 'title').inputValue()).toBe(yours);
      await screenshot(b.page, {
        path: resolve(SCREENS, 'translate-conflict-desktop.png'),
        fullPage: true,
      });

      // "Keep mine" saves the second text on top of the first.
      await conflict.getByRole('button', { name: 'Keep mine' }).click();
      await waitSaved(b.page, 'title');
      expect(await conflict.count()).toBe(0);

      const de = await translation('de');
      await expect
        .poll(async () => (await ctx.deps.store.translations.target(de.id, ids.title))?.text)
        .toBe(yours);
      const stored = await ctx.deps.store.translations.target(de.id, ids.title);
      expect(stored?.translatedBy).toBe(second.id);
      expect(stored?.version).toBe(2);
      const history = await ctx.deps.store.translations.history(de.id, ids.title);
      const texts = history.map((h) => h.text);
      expect(texts).toContain(theirs);
      expect(texts).toContain(yours);
      expect(history.some((h) => h.text === theirs && h.userId === first.id)).toBe(true);
      expect(history.some((h) => h.text === yours && h.userId === second.id)).toBe(true);

      // The first volunteer, reloading, sees the kept text.
      await a.page.goto(editorUrl('de'));
      expect(await textarea(a.page, 'title').inputValue()).toBe(yours);
      await a.context.close();
      await b.context.close();
    },
    TIMEOUT,
  );

  it(
    'the Arabic editor is right-to-left, keeps codes as typed, and fits a phone',
    async () => {
      await vp.setViewportSize(DESKTOP);
      await vp.goto(editorUrl('ar'));
      await vp.getByRole('heading', { level: 1, name: /into Arabic/ }).waitFor();
      const areas = vp.locator('section.unit textarea[id$="-text"]');
      expect(await areas.count()).toBe(7);
      expect(
        await areas.evaluateAll((list) =>
          list.map((el): [string | null, string | null] => [
            el.getAttribute('dir'),
            el.getAttribute('lang'),
          ]),
        ),
      ).toEqual(Array.from({ length: 7 }, () => ['rtl', 'ar']));

      // Codes typed with Alt+number in right-to-left text are saved in the right order.
      const link = textarea(vp, 'link');
      await link.click();
      await vp.keyboard.type('انضموا إلى ');
      await vp.keyboard.press('Alt+Digit1');
      await vp.keyboard.type('الجلسة');
      await vp.keyboard.press('Control+End');
      await vp.keyboard.type(' اليوم في ');
      await vp.keyboard.press('Alt+Digit2');
      await vp.keyboard.type('2:12:30');
      await vp.keyboard.press('Control+End');
      await vp.keyboard.type('.');
      await link.press('Control+Enter');
      await waitSaved(vp, 'link');
      const ar = await translation('ar');
      await expect
        .poll(async () => (await ctx.deps.store.translations.target(ar.id, ids.link))?.text)
        .toBe('انضموا إلى <pc id="1">الجلسة</pc> اليوم في <pc id="2">2:12:30</pc>.');
      await textarea(vp, 'title').fill('انضموا إلى جلسة الترجمة');
      await textarea(vp, 'title').press('Tab');
      await waitSaved(vp, 'title');

      await vp.evaluate(() => window.scrollTo(0, 0));
      await screenshot(vp, { path: resolve(SCREENS, 'translate-ar-desktop.png'), fullPage: true });
      await vp.setViewportSize(PHONE);
      await screenshot(vp, { path: resolve(SCREENS, 'translate-ar-phone.png'), fullPage: true });
      const overflow = await vp.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'the Arabic editor scrolls sideways on a phone').toBeLessThanOrEqual(0);
      await vp.setViewportSize(DESKTOP);
    },
    TIMEOUT,
  );
});

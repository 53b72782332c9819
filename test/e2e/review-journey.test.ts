/**
 * Issue #7 acceptance 3 in a real browser (Debian's Chromium driven by playwright-core),
 * against the app on SQLite with the demo site:
 *
 * - The test publishes a Spanish translation of the demo post (every unit translated and
 *   reviewed). A volunteer changes a reviewed sentence in the editor: it becomes a proposal;
 *   readers still see the reviewed sentence. A second reviewer accepts it in their editor;
 *   readers see the new one.
 * - A `reader`-only account sees the editor read-only, and its save (sent by hand) is refused.
 * - A translation made against a source that changed while the editor was open is kept as
 *   outdated, with the change shown.
 * - The proposal view for an Arabic translation, right to left, at desktop and phone widths.
 *
 * Screenshots go to test-results/screens/review-*.png (gitignored). Without Chromium the
 * suite is skipped with a loud warning, except in CI (CI=true).
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { postPath } from '../../src/domain/post.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { seedDemo } from '../../src/services/demo/seed-demo.service.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { PostRecord, UserRecord } from '../../src/services/repositories.js';
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
  signedInPage,
  startBrowserApp,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the review-gated translation journey test');

const SENTENCE = 'This post tells how it happened, what we learned, and where to find the result.';
const REVIEWED =
  'Este artículo cuenta cómo ocurrió, qué aprendimos y dónde encontrar el resultado.';
const PROPOSED = 'Aquí contamos cómo pasó, qué aprendimos y dónde está el resultado.';
/** The sentence after the author's edit (similar enough to stay the same unit). */
const CHANGED = 'This post tells how it happened, what we learned, and where to find the playbook.';

describe.skipIf(SKIP_BROWSER)('review-gated translations in Chromium', () => {
  let app: BrowserApp;
  let base = '';
  let post: PostRecord;
  let volunteer: UserRecord;
  let reviewer: UserRecord;
  let secondReviewer: UserRecord;
  let unitId = '';

  const editorUrl = (language: string) => `${base}/translate/${post.id}/${language}`;
  const row = (page: Page) => page.locator(`section.unit[id="unit-${unitId}"]`);
  const textarea = (page: Page) => page.locator(`textarea[id="unit-${unitId}-text"]`);

  /** Translates every unit of the demo post into `language` and has it reviewed: published. */
  async function publishTranslation(language: string, prefix: string): Promise<void> {
    const { deps } = app.ctx;
    const data = await loadEditor(deps, actor(volunteer), post.id, language);
    for (const unit of data.units) {
      await saveTarget(deps, actor(volunteer), {
        postId: post.id,
        language,
        unitId: unit.unitId,
        text: unit.source === SENTENCE && language === 'es' ? REVIEWED : `${prefix} ${unit.source}`,
        version: 0,
        sourceRevision: unit.sourceRevision,
      });
    }
    for (const unit of (await loadEditor(deps, actor(reviewer), post.id, language)).units) {
      await reviewTarget(deps, actor(reviewer), {
        postId: post.id,
        language,
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      });
    }
    const translation = await deps.store.translations.findTranslation(post.id, language);
    expect(translation?.status).toBe('published');
  }

  async function spanishPath(): Promise<string> {
    const es = await app.ctx.deps.store.translations.findTranslation(post.id, 'es');
    return postPath({ language: 'es', slug: es!.slug, publishedAt: post.publishedAt });
  }

  /** What a signed-out reader sees of the sentence on the Spanish page. */
  async function readerSees(): Promise<string> {
    const context = await app.browser.newContext({ viewport: DESKTOP, locale: 'es-ES' });
    const page = await context.newPage();
    const response = await page.goto(`${base}${await spanishPath()}`);
    expect(response?.status()).toBe(200);
    const body = await page.locator('.post-body').innerText();
    await context.close();
    return body;
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    base = app.base;
    const { deps } = app.ctx;
    deps.settings.maxUploadBytes = 20 * 1_048_576; // the demo's PDF and images
    // The joint post untranslated: this journey translates it into Spanish itself.
    const demo = await seedDemo(
      deps,
      { ...(await loadDemoAssets()), translations: undefined },
      {
        adminPassword: 'correct horse battery',
      },
    );
    const slug = demo.featuredPostPath.split('/').at(-1)!;
    post = (await deps.store.posts.findBySlug('en', slug))!;
    volunteer = await buildUser(deps, ['reader', 'translator'], { displayName: 'Lucía Pérez' });
    reviewer = await buildUser(deps, ['reviewer'], { displayName: 'Amina Yusuf' });
    secondReviewer = await buildUser(deps, ['reviewer'], { displayName: 'Jonas Weber' });
    const revision = await deps.store.translations.latestUnitRevision(post.id);
    const unit = (await deps.store.translations.units(post.id, revision!)).find(
      (u) => u.source === SENTENCE,
    );
    if (!unit) throw new Error('the demo post lost its sentence');
    unitId = unit.unitId;
    await publishTranslation('es', 'ES');
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it(
    'a change to a reviewed sentence waits for a second reviewer; then readers see it',
    async () => {
      expect(await readerSees()).toContain(REVIEWED);

      // The volunteer changes the reviewed sentence: a proposal, readers keep the reviewed one.
      const { context, page } = await signedInPage(app, volunteer);
      await page.goto(editorUrl('es'));
      await page.getByText('This translation is published: your changes are proposals').waitFor();
      expect(await textarea(page).inputValue()).toBe(REVIEWED);
      expect(await row(page).locator('.state-badge').innerText()).toBe('reviewed');
      await textarea(page).fill(PROPOSED);
      await textarea(page).press('Control+Enter');
      await row(page).locator('.unit-status.status-pending').waitFor();
      expect(await row(page).locator('.unit-status').innerText()).toBe('Waiting for review');
      await screenshot(page, { path: resolve(SCREENS, 'review-proposed-desktop.png') });
      // Reloading keeps the volunteer's own proposal in their box.
      await page.goto(editorUrl('es'));
      expect(await textarea(page).inputValue()).toBe(PROPOSED);
      await context.close();

      const before = await readerSees();
      expect(before).toContain(REVIEWED);
      expect(before).not.toContain(PROPOSED);

      // The second reviewer sees the proposal with its diff and accepts it.
      const second = await signedInPage(app, secondReviewer);
      await second.page.goto(editorUrl('es'));
      const proposal = row(second.page).locator('.candidates .candidate');
      await proposal.waitFor();
      expect(await proposal.locator('.hint').innerText()).toContain('Lucía Pérez');
      expect(await proposal.locator('ins').count()).toBeGreaterThan(0);
      expect(await proposal.locator('del').count()).toBeGreaterThan(0);
      await row(second.page).scrollIntoViewIfNeeded();
      await screenshot(second.page, { path: resolve(SCREENS, 'review-candidate-desktop.png') });
      await proposal.getByRole('button', { name: 'Accept' }).click();
      await row(second.page).locator('.candidates').waitFor({ state: 'detached' });
      expect(await textarea(second.page).inputValue()).toBe(PROPOSED);
      await second.context.close();

      const after = await readerSees();
      expect(after).toContain(PROPOSED);
      expect(after).not.toContain(REVIEWED);
      const translation = await app.ctx.deps.store.translations.findTranslation(post.id, 'es');
      const target = await app.ctx.deps.store.translations.target(translation!.id, unitId);
      expect(target).toMatchObject({
        text: PROPOSED,
        state: 'reviewed',
        translatedBy: volunteer.id,
        reviewedBy: secondReviewer.id,
      });
    },
    TIMEOUT,
  );

  it(
    "a reader-only account's editor is read-only and its save is refused",
    async () => {
      const reader = await buildUser(app.ctx.deps, ['reader'], { displayName: 'Rea Der' });
      const { context, page } = await signedInPage(app, reader);
      await page.goto(editorUrl('es'));
      await page.getByText('saving needs the translator role').waitFor();
      expect(await textarea(page).getAttribute('readonly')).not.toBeNull();
      expect(await page.getByRole('button', { name: 'Save and next' }).count()).toBe(0);
      // Sent by hand, with a valid session and CSRF token, the save is still refused.
      const status = await page.evaluate(
        async ({ url, unit }) => {
          const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content');
          const response = await fetch(`${url}/units/${unit}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' },
            body: JSON.stringify({ text: 'vandalismo', version: 3, sourceRevision: 1 }),
          });
          return response.status;
        },
        { url: `/api/translate/${post.id}/es`, unit: unitId },
      );
      expect(status).toBe(403);
      await context.close();
      expect(await readerSees()).not.toContain('vandalismo');
    },
    TIMEOUT,
  );

  it(
    'a translation made while the source changed is kept outdated, with the change shown',
    async () => {
      const { deps } = app.ctx;
      const { context, page } = await signedInPage(app, volunteer);
      await page.goto(editorUrl('de'));
      await textarea(page).waitFor();
      // While the editor is open, the source sentence changes and is published.
      const editor = (await deps.store.users.findByUsername('amani'))!;
      const current = (await deps.store.posts.findById(post.id))!;
      const revision = (await deps.store.posts.revision(post.id, current.currentRevision))!;
      await savePost(deps, actor(editor), post.id, current.currentRevision, {
        language: 'en',
        title: revision.title,
        excerpt: revision.excerpt,
        body: revision.bodyMarkdown.replace(SENTENCE, CHANGED),
        authorIds: revision.metadata.authorIds,
        organizationIds: revision.metadata.organizationIds,
        tags: revision.metadata.tags,
        categories: revision.metadata.categories,
        eventIds: revision.metadata.eventIds,
        ...(revision.featuredMediaId ? { featuredMediaId: revision.featuredMediaId } : {}),
        featuredAlt: revision.featuredAlt,
      });
      await publishPost(deps, actor(editor), post.id);
      await runDueJobs(deps);

      await textarea(page).fill('Dieser Beitrag erzählt, wie es geschah.');
      await textarea(page).press('Control+Enter');
      await row(page).locator('.state-badge.state-outdated').waitFor();
      const diff = row(page).locator('.outdated-diff');
      await diff.getByText('The original changed while you were translating').waitFor();
      expect(await diff.locator('ins').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('playbook')]),
      );
      expect(await row(page).locator('.source-text').innerText()).toBe(CHANGED);
      await screenshot(page, { path: resolve(SCREENS, 'review-source-changed-desktop.png') });
      await context.close();
      const de = await deps.store.translations.findTranslation(post.id, 'de');
      const target = await deps.store.translations.target(de!.id, unitId);
      expect(target).toMatchObject({ state: 'outdated', baseSource: SENTENCE });
    },
    TIMEOUT,
  );

  it(
    'the proposal view works right to left, at desktop and phone widths',
    async () => {
      await publishTranslation('ar', 'عربي');
      const { deps } = app.ctx;
      const data = await loadEditor(deps, actor(volunteer), post.id, 'ar');
      const unit = data.units.find((u) => u.unitId === unitId)!;
      await saveTarget(deps, actor(volunteer), {
        postId: post.id,
        language: 'ar',
        unitId,
        text: 'تروي هذه المقالة ما حدث وما تعلمناه وأين تجدون الدليل.',
        version: unit.target!.version,
        sourceRevision: unit.sourceRevision,
      });
      for (const viewport of [DESKTOP, PHONE]) {
        const { context, page } = await signedInPage(app, secondReviewer, viewport);
        await page.goto(editorUrl('ar'));
        const proposal = row(page).locator('.candidates .candidate');
        await proposal.waitFor();
        expect(await proposal.locator('.unit-diff').getAttribute('dir')).toBe('rtl');
        await row(page).scrollIntoViewIfNeeded();
        const name = viewport === PHONE ? 'phone' : 'desktop';
        await screenshot(page, { path: resolve(SCREENS, `review-candidate-ar-${name}.png`) });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `the editor scrolls sideways at ${name} width`).toBeLessThanOrEqual(0);
        await context.close();
      }
    },
    TIMEOUT,
  );
});

/**
 * Issue #8 acceptance 1 in a real browser (Debian's Chromium driven by playwright-core),
 * against the app on SQLite with the demo site and the REAL Apertium APy at MT_APERTIUM_URL:
 *
 * 1. A volunteer translates the first interview question of the demo post into Spanish without
 *    the glossary's "manual": the unit shows the glossary warning; "playbook" is marked in the
 *    source with its approved translation on hover and focus.
 * 2. The repeated question shows a 100 % memory match with its origin, inserted with
 *    Ctrl+Shift+1 and saved; after "What did Dar es Salaam add…" is translated, "What did
 *    Kampala add…" shows a fuzzy match with the difference; inserted, its bold code is valid.
 * 3. An administrator enables Apertium for English → Spanish on /admin/mt; a paragraph with a
 *    link gets an MT suggestion labelled "Apertium" with the link and bold codes in place.
 * 4. A short post translated only by inserting MT unchanged: a reviewer approves every unit and
 *    the editor says it cannot be published, naming the segments; "Publish" says the same.
 * 5. The suggestions panel in Spanish and in Arabic (right to left), at desktop and phone
 *    widths: test-results/screens/aids-*.png (gitignored), with no sideways scrolling.
 *
 * Without Chromium or APy the suite is skipped with a loud warning, except in CI (CI=true),
 * where either missing fails the run.
 */
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionsView } from '../../src/client/translate/state.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { parseTagged } from '../../src/domain/units/tagged.js';
import type { TaggedNode } from '../../src/domain/units/types.js';
import { apertiumProvider } from '../../src/integrations/mt/apertium.js';
import { seedDemo } from '../../src/services/demo/seed-demo.service.js';
import { createMtRegistry } from '../../src/services/mt/registry.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { PostRecord, UnitRecord, UserRecord } from '../../src/services/repositories.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { buildUser } from '../support/app.js';
import {
  DESKTOP,
  IN_CI,
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

warnIfNoChromium('the translation-aids journey test');

const APY = process.env.MT_APERTIUM_URL;
const HOW =
  'Start it with `bash .ci/start-apy 2737` and run with MT_APERTIUM_URL=http://127.0.0.1:2737';

async function apyMissing(base: string | undefined): Promise<string | null> {
  if (!base) return 'MT_APERTIUM_URL is not set';
  try {
    const response = await fetch(new URL('/listPairs', base), {
      signal: AbortSignal.timeout(5000),
    });
    return response.ok ? null : `${base}/listPairs answered ${response.status}`;
  } catch (error) {
    return `${base} does not answer (${error instanceof Error ? error.message : String(error)})`;
  }
}

const missing = SKIP_BROWSER ? null : await apyMissing(APY);
if (missing !== null && IN_CI)
  throw new Error(`CI=true but Apertium APy is not available: ${missing}. ${HOW}`);
if (missing !== null)
  console.warn(`\n*** The translation-aids journey is SKIPPED: ${missing}.\n*** ${HOW}\n`);

const SURPRISED = 'What surprised you most about the playbook?';
/** Without "manual", the glossary's translation of "playbook". */
const SURPRISED_ES = '{1}¿Qué fue lo que más te sorprendió de la guía?{/1}';
const DAR = 'What did Dar es Salaam add to the playbook?';
const DAR_ES = '{1}¿Qué aportó Dar es Salaam al manual?{/1}';
const KAMPALA = 'What did Kampala add to the playbook?';
const KAMPALA_ES = '{1}¿Qué aportó Kampala al manual?{/1}';
const LEIPZIG = 'What did Leipzig add to the playbook?';
const SUMMIT = 'We presented the playbook at the';

/** The short post translated only by machine: a title and two paragraphs, one with a link. */
const MT_POST = {
  language: 'en',
  title: 'The library opens on Saturday',
  body: [
    'Read [the new timetable](https://example.org/timetable) before you come.',
    '',
    'The children will write stories with their grandparents.',
    '',
  ].join('\n'),
};

/** The text inside code `id` of a tagged string, or undefined when the code is missing. */
function inside(tagged: string, id: string): string | undefined {
  const walk = (nodes: TaggedNode[]): string | undefined => {
    for (const node of nodes) {
      if (node.type !== 'pc') continue;
      if (node.id === id)
        return node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      const found = walk(node.children);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(parseTagged(tagged));
}

describe.skipIf(SKIP_BROWSER || missing !== null)('translation aids in Chromium', () => {
  let app: BrowserApp;
  let base = '';
  let post: PostRecord;
  let units: UnitRecord[];
  let volunteer: UserRecord;
  let reviewer: UserRecord;
  let admin: UserRecord;

  /** The demo post's units whose source contains `text`, in order. */
  const unitsWith = (text: string): UnitRecord[] => units.filter((u) => u.source.includes(text));
  const only = (text: string): UnitRecord => {
    const found = unitsWith(text);
    if (found.length !== 1)
      throw new Error(`expected one unit with "${text}", got ${found.length}`);
    return found[0]!;
  };
  const row = (page: Page, unit: UnitRecord): Locator =>
    page.locator(`section.unit[id="unit-${unit.unitId}"]`);
  const box = (page: Page, unit: UnitRecord): Locator =>
    page.locator(`textarea[id="unit-${unit.unitId}-text"]`);
  const editorUrl = (postId: string, language: string) => `${base}/translate/${postId}/${language}`;

  /**
   * Focuses a unit's box (its suggestions load), waits for the panel to be ready and returns
   * what the API answered.
   */
  async function openSuggestions(page: Page, unit: UnitRecord): Promise<SuggestionsView> {
    const answers = suggestionAnswers(page);
    await box(page, unit).focus();
    // Ctrl+Enter on the row before focuses this one, so its request may already be answered.
    await expect.poll(() => answers.has(unit.unitId), { timeout: 30_000 }).toBe(true);
    const view = await answers.get(unit.unitId)!;
    await row(page, unit).locator('.suggestions:not([aria-busy])').waitFor();
    return view;
  }

  /** Every suggestions answer (200) the page has had, by unit id, recorded from the first call. */
  const answersByPage = new WeakMap<Page, Map<string, Promise<SuggestionsView>>>();
  function suggestionAnswers(page: Page): Map<string, Promise<SuggestionsView>> {
    let answers = answersByPage.get(page);
    if (!answers) {
      const recorded = new Map<string, Promise<SuggestionsView>>();
      page.on('response', (r) => {
        const match = /\/units\/([^/]+)\/suggestions$/.exec(r.url());
        if (match && r.status() === 200)
          recorded.set(decodeURIComponent(match[1]!), r.json() as Promise<SuggestionsView>);
      });
      answersByPage.set(page, recorded);
      answers = recorded;
    }
    return answers;
  }

  /** Saves the focused box with Ctrl+Enter and waits until the row says it is saved. */
  async function saveWithKeys(page: Page, unit: UnitRecord): Promise<void> {
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/units/${unit.unitId}`) && r.request().method() === 'PUT',
    );
    await box(page, unit).press('Control+Enter');
    expect((await saved).status()).toBe(200);
    await row(page, unit).locator('.state-badge.state-translated').waitFor();
  }

  async function storedTarget(postId: string, language: string, unit: UnitRecord) {
    const { store } = app.ctx.deps;
    const translation = await store.translations.findTranslation(postId, language);
    return translation ? store.translations.target(translation.id, unit.unitId) : null;
  }

  async function noSidewaysScroll(page: Page, what: string): Promise<void> {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    base = app.base;
    const { deps } = app.ctx;
    deps.settings.maxUploadBytes = 20 * 1_048_576; // the demo's PDF and images
    deps.mt = createMtRegistry([apertiumProvider({ url: APY! })]);
    // The joint post untranslated: this journey translates it into Spanish itself.
    const demo = await seedDemo(
      deps,
      { ...(await loadDemoAssets()), translations: undefined },
      {
        adminPassword: 'correct horse battery',
      },
    );
    const slug = demo.featuredPostPath.split('/').at(-1)!;
    expect(slug).toBe('four-continents-one-playbook');
    post = (await deps.store.posts.findBySlug('en', slug))!;
    const revision = await deps.store.translations.latestUnitRevision(post.id);
    units = await deps.store.translations.units(post.id, revision!);
    volunteer = await buildUser(deps, ['reader', 'translator'], { displayName: 'Lucía Pérez' });
    reviewer = await buildUser(deps, ['reader', 'translator', 'reviewer'], {
      displayName: 'Amina Yusuf',
    });
    admin = await buildUser(deps, ['reader', 'admin'], { displayName: 'Ada Admin' });
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it(
    'marks the glossary term in the source and warns when its translation is missing',
    async () => {
      const [first, repeated] = unitsWith(SURPRISED);
      expect(repeated, 'the demo repeats its first interview question').toBeDefined();
      const { context, page } = await signedInPage(app, volunteer);
      await page.goto(editorUrl(post.id, 'es'));

      // "playbook" is marked, with the approved translation as title and as a described note.
      const term = row(page, first!).locator('.source-text mark.term', { hasText: 'playbook' });
      await expect(term.count()).resolves.toBe(1);
      expect(await term.getAttribute('title')).toContain('manual');
      const noteId = await term.getAttribute('aria-describedby');
      const note = page.locator(`[id="${noteId}"]`);
      expect(await note.getAttribute('role')).toBe('tooltip');
      expect(await note.textContent()).toContain('manual');
      expect(await note.textContent()).toContain('libro de jugadas');
      expect(await note.isVisible()).toBe(false);
      await term.focus();
      expect(await note.isVisible(), 'the note shows when the term has focus').toBe(true);
      await term.blur();
      await term.hover();
      expect(await note.isVisible(), 'the note shows on hover').toBe(true);

      // Nothing is in the memory yet; the panel lists the glossary term.
      const view = await openSuggestions(page, first!);
      expect(view.memory).toEqual([]);
      const panel = row(page, first!).locator('.suggestions');
      expect(await panel.locator('.suggestion-glossary dt').allInnerTexts()).toContain('playbook');

      await box(page, first!).fill(SURPRISED_ES);
      await saveWithKeys(page, first!);
      const warning = row(page, first!).locator('.findings li[data-check="glossary.missing"]');
      await warning.waitFor();
      expect(await warning.innerText()).toContain('manual');
      expect(await row(page, first!).locator('ul.problems').count()).toBe(0);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'suggests the repeated question at 100 % and a similar one as a fuzzy match, inserted with valid codes',
    async () => {
      const [first, repeated] = unitsWith(SURPRISED);
      const dar = only(DAR);
      const kampala = only(KAMPALA);
      const { context, page } = await signedInPage(app, volunteer);
      await page.goto(editorUrl(post.id, 'es'));

      // The repeated question: 100 % with the post and translator it came from.
      const exact = await openSuggestions(page, repeated!);
      expect(exact.memory[0]).toMatchObject({ score: 100, codesMapped: true });
      const match = row(page, repeated!).locator('.suggestion.memory').first();
      expect(await match.getAttribute('data-score')).toBe('100');
      const head = await match.locator('.suggestion-head').innerText();
      expect(head).toContain('100');
      expect(head).toContain('Four continents, one playbook');
      expect(head).toContain('Lucía Pérez');
      expect(await match.locator('.suggestion-text').innerText()).toContain('sorprendió');
      await box(page, repeated!).press('Control+Shift+1');
      expect(await box(page, repeated!).inputValue()).toBe(SURPRISED_ES);
      await saveWithKeys(page, repeated!);
      expect(await storedTarget(post.id, 'es', repeated!)).toMatchObject({
        text: `<pc id="1">¿Qué fue lo que más te sorprendió de la guía?</pc>`,
        origin: { kind: 'memory', score: 100 },
      });
      expect(first!.unitId).not.toBe(repeated!.unitId);

      // A similar question, once another was translated: fuzzy, with the difference shown.
      await box(page, dar).focus();
      await box(page, dar).fill(DAR_ES);
      await saveWithKeys(page, dar);
      const fuzzy = await openSuggestions(page, kampala);
      const best = fuzzy.memory[0];
      expect(best?.text).toBe('<pc id="1">¿Qué aportó Dar es Salaam al manual?</pc>');
      expect(best?.score).toBeGreaterThanOrEqual(70);
      expect(best?.score).toBeLessThan(100);
      const shown = row(page, kampala).locator('.suggestion.memory').first();
      expect(Number(await shown.getAttribute('data-score'))).toBe(best!.score);
      expect(await shown.locator('.suggestion-diff del').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('Dar es Salaam')]),
      );
      expect(await shown.locator('.suggestion-diff ins').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('Kampala')]),
      );
      expect(await shown.locator('.suggestion-text .chip').allInnerTexts()).toEqual(['1', '/1']);

      await box(page, kampala).press('Control+Shift+1');
      expect(await box(page, kampala).inputValue()).toBe(DAR_ES);
      // The translator fixes the name inside the bold code and saves: no code problem.
      await box(page, kampala).fill(KAMPALA_ES);
      await saveWithKeys(page, kampala);
      expect(await row(page, kampala).locator('ul.problems').count()).toBe(0);
      expect(await storedTarget(post.id, 'es', kampala)).toMatchObject({
        text: '<pc id="1">¿Qué aportó Kampala al manual?</pc>',
        state: 'translated',
        origin: { kind: 'memory' },
      });
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'shows an Apertium suggestion with its link and bold codes once an administrator enables the pair',
    async () => {
      const summit = only(SUMMIT);
      expect(inside(summit.source, '1')).toBe('Open Knowledge Summit 2026');

      // Before: no machine translation for the pair.
      const volunteerSession = await signedInPage(app, volunteer);
      await volunteerSession.page.goto(editorUrl(post.id, 'es'));
      const before = await openSuggestions(volunteerSession.page, only(LEIPZIG));
      expect(before.machine).toBeNull();
      expect(before.machineState).toEqual({ state: 'disabled' });
      await volunteerSession.context.close();

      // The administrator enables Apertium for English → Spanish.
      const adminSession = await signedInPage(app, admin);
      const adminPage = adminSession.page;
      await adminPage.goto(`${base}/admin/mt`);
      const engineRow = adminPage.locator('tr[data-engine="apertium"]');
      expect(await engineRow.innerText()).toContain('Apertium');
      const pair = adminPage.locator('tr[data-pair="en|es"]');
      await pair.locator('select').selectOption('apertium');
      await clickAndLoad(adminPage, pair.getByRole('button', { name: 'Save' }), `${base}/admin/mt`);
      expect(
        await adminPage.locator('tr[data-pair="en|es"] select').inputValue(),
        'the page shows the pair enabled',
      ).toBe('apertium');
      await adminSession.context.close();

      const { context, page } = await signedInPage(app, volunteer);
      await page.goto(editorUrl(post.id, 'es'));
      const view = await openSuggestions(page, summit);
      expect(view.machineState).toMatchObject({ state: 'ready', engine: 'Apertium' });
      expect(view.machine).toMatchObject({
        engine: 'apertium',
        label: 'Apertium',
        codesPlaced: true,
      });
      const text = view.machine!.text;
      expect(inside(text, '1'), 'the link wraps the translated summit name').toBeTruthy();
      expect(inside(text, '2'), 'the bold part is kept').toBeTruthy();
      expect(text).toMatch(/Nairobi/);
      const suggestion = row(page, summit).locator('.suggestion.machine[data-engine="apertium"]');
      expect(await suggestion.locator('.badge.mt').innerText()).toContain('Apertium');
      expect(await suggestion.locator('.suggestion-text .chip').allInnerTexts()).toEqual([
        '1',
        '/1',
        '2',
        '/2',
      ]);
      expect(await suggestion.locator('.suggestion-text').getAttribute('lang')).toBe('es');
      expect(await suggestion.locator('.hint').count(), 'no "codes were lost" note').toBe(0);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'refuses to publish a translation made only of unchanged machine translation, naming the segments',
    async () => {
      const { deps } = app.ctx;
      const author = await buildUser(deps, ['author']);
      const editor = await buildUser(deps, ['editor']);
      const created = await createPost(deps, actor(author), MT_POST);
      await publishPost(deps, actor(editor), created.id);
      const revision = await deps.store.translations.latestUnitRevision(created.id);
      const mtUnits = await deps.store.translations.units(created.id, revision!);
      expect(mtUnits.length).toBe(3);
      expect(mtUnits.some((u) => u.source.includes('<pc id="1"'))).toBe(true);

      // The volunteer inserts the machine translation of every unit and saves it unchanged.
      const { context, page } = await signedInPage(app, volunteer);
      await page.goto(editorUrl(created.id, 'es'));
      for (const unit of mtUnits) {
        const view = await openSuggestions(page, unit);
        expect(view.machine?.engine).toBe('apertium');
        const machine = row(page, unit).locator('.suggestion.machine');
        await machine.getByRole('button').click();
        expect(await box(page, unit).inputValue()).not.toBe('');
        await saveWithKeys(page, unit);
        expect(await storedTarget(created.id, 'es', unit)).toMatchObject({
          text: view.machine!.text,
          origin: { kind: 'machine', engine: 'apertium' },
        });
      }
      await context.close();

      // A reviewer approves every unit; the translation stays unpublished and says why.
      const review = await signedInPage(app, reviewer);
      await review.page.goto(editorUrl(created.id, 'es'));
      for (const unit of mtUnits) {
        const approved = review.page.waitForResponse(
          (r) => r.url().endsWith(`/units/${unit.unitId}/review`) && r.status() === 200,
        );
        await row(review.page, unit).getByRole('button', { name: 'Approve' }).click();
        await approved;
        await row(review.page, unit).locator('.state-badge.state-reviewed').waitFor();
      }
      const message = review.page.locator('.publish .publish-message');
      await message.waitFor();
      const said = await message.innerText();
      expect(said).toContain('machine translation');
      expect(said).toContain('Revise segments 1, 2, 3');
      // The numbers are the ones the editor shows on the units.
      const numbers = await review.page.locator('section.unit .unit-number').allInnerTexts();
      expect(numbers).toEqual(['1', '2', '3']);
      await screenshot(review.page, { path: resolve(SCREENS, 'aids-mt-refused-desktop.png') });

      // "Publish" gives the same answer.
      await review.page.getByRole('button', { name: 'Publish translation' }).click();
      await review.page
        .locator('.publish .publish-message', { hasText: 'Revise segments 1, 2, 3' })
        .waitFor();
      await review.context.close();
      const translation = await deps.store.translations.findTranslation(created.id, 'es');
      expect(translation?.status).not.toBe('published');
    },
    TIMEOUT,
  );

  it(
    'shows the suggestions panel in Spanish and in Arabic (right to left) at desktop and phone widths',
    async () => {
      const { deps } = app.ctx;
      const [first, repeated] = unitsWith(SURPRISED);
      const leipzig = only(LEIPZIG);
      // An Arabic translation of the first question, for the repeated one to suggest.
      const data = await loadEditor(deps, actor(volunteer), post.id, 'ar');
      const unit = data.units.find((u) => u.unitId === first!.unitId)!;
      await saveTarget(deps, actor(volunteer), {
        postId: post.id,
        language: 'ar',
        unitId: first!.unitId,
        text: '<pc id="1">ما الذي فاجأك أكثر في الدليل؟</pc>',
        version: 0,
        sourceRevision: unit.sourceRevision,
      });

      const cases = [
        { language: 'es', unit: leipzig, dir: 'ltr' },
        { language: 'ar', unit: repeated!, dir: 'rtl' },
      ];
      for (const { language, unit: target, dir } of cases) {
        for (const viewport of [DESKTOP, PHONE]) {
          const name = `${language}-${viewport === PHONE ? 'phone' : 'desktop'}`;
          const { context, page } = await signedInPage(app, volunteer, viewport);
          await page.goto(editorUrl(post.id, language));
          const view = await openSuggestions(page, target);
          expect(view.memory.length, `${name}: a memory match`).toBeGreaterThan(0);
          const panel = row(page, target).locator('.suggestions');
          expect(await panel.locator('.suggestion-text').first().getAttribute('dir')).toBe(dir);
          expect(await box(page, target).getAttribute('dir')).toBe(dir);
          if (language === 'es') {
            expect(await panel.locator('.suggestion.machine .badge.mt').innerText()).toContain(
              'Apertium',
            );
          }
          // The panel fits in its row: nothing sticks out past the unit's edges.
          const [rowBox, panelBox] = await Promise.all([
            row(page, target).boundingBox(),
            panel.boundingBox(),
          ]);
          expect(panelBox!.x).toBeGreaterThanOrEqual(rowBox!.x - 1);
          expect(panelBox!.x + panelBox!.width).toBeLessThanOrEqual(rowBox!.x + rowBox!.width + 1);
          await panel.scrollIntoViewIfNeeded();
          await screenshot(page, { path: resolve(SCREENS, `aids-suggestions-${name}.png`) });
          await noSidewaysScroll(page, `the ${name} editor`);
          if (language === 'es') {
            // The glossary note of a term near the end of the line stays on the screen.
            const term = row(page, target).locator('.source-text mark.term').first();
            await term.focus();
            const note = term.locator('.term-note');
            expect(await note.isVisible()).toBe(true);
            const noteBox = (await note.boundingBox())!;
            expect(
              noteBox.x,
              `${name}: the term's note starts on the screen`,
            ).toBeGreaterThanOrEqual(0);
            expect(
              noteBox.x + noteBox.width,
              `${name}: the term's note ends on the screen`,
            ).toBeLessThanOrEqual(viewport.width);
            await screenshot(page, { path: resolve(SCREENS, `aids-term-${name}.png`) });
            await noSidewaysScroll(page, `the ${name} editor with a term's note open`);
          }
          await context.close();
        }
      }
    },
    TIMEOUT,
  );
});

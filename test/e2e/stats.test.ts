/**
 * The statistics pages in Chromium on the demo site (issue 10, acceptance 5): the figures of
 * /{lang}/stats and of a volunteer's /{lang}/people/{username} equal a count made by hand
 * from the demo's seed (src/services/demo), in the data tables and in the charts' <desc>;
 * every chart is an `role="img"` SVG with a <title> and a <desc>; nothing overflows a phone
 * screen; axe-core finds no serious or critical violation, in English and in Arabic (right to
 * left). Screenshots at desktop and phone widths go to test-results/screens/stats-*.png.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { seedDemo } from '../../src/services/demo/seed-demo.service.js';
import {
  describeAxe,
  DESKTOP,
  PHONE,
  SCREENS,
  seriousAxeViolations,
  SKIP_BROWSER,
  startBrowserApp,
  TIMEOUT,
  warnIfNoChromium,
  screenshot,
} from './browser.js';
import type { BrowserApp } from './browser.js';

warnIfNoChromium('the statistics pages');

/**
 * The demo site, counted by hand from src/services/demo (test sites have the languages en,
 * es, ar, sw, de, sr-Cyrl). A unit is a title, an excerpt, a heading, a paragraph, a list
 * item, a figure caption or alt text, an attachment label or a video title
 * (src/domain/units/README.md); the featured image's alt text is not one.
 *
 * Five published posts (the draft and the post awaiting review are not counted), with units:
 * - en, the joint post "Four continents, one playbook": 49 — title, excerpt; body: 2
 *   paragraphs, heading, 2 paragraphs, heading, paragraph, 3 numbered items, 2 paragraphs,
 *   the figure's alt and caption, heading, paragraph, 5 list items, the attachment label,
 *   heading, paragraph, the video's title, heading, paragraph, heading, paragraph, then six
 *   interviews of heading + bold question + answer (18);
 * - es "Científicas del Río de la Plata": 11 — title, excerpt, 3 paragraphs, heading,
 *   3 list items, 2 paragraphs;
 * - sw "Makala za afya": 11 — title, excerpt, 2 paragraphs, heading, 3 list items,
 *   3 paragraphs;
 * - de "Industriekultur im Netz": 10 and sr-Cyrl "Сеоске цркве Шумадије": 10 — title,
 *   excerpt, 3 paragraphs, 3 list items, 2 paragraphs.
 * All units: 49 + 11 + 11 + 10 + 10 = 91; a language's units are those of the posts written
 * in other languages (en 91 − 49 = 42, es and sw 91 − 11 = 80, de and sr-Cyrl 91 − 10 = 81,
 * ar all 91), and so are its posts (4, or 5 for Arabic, which has none of its own).
 *
 * Only the joint post is translated (demo-translations.ts, texts from
 * src/demo/joint-post-translations.json):
 * - Spanish: all 49 units (48 texts: Milica's question is word for word Lucía's), reviewed
 *   and published; after the edit of "The third rule slowed us down" the volunteer updates
 *   that unit and the reviewer accepts it → translated, 49 done units;
 * - Swahili: the first 25 units (the json's 25 texts, title to "Watch the session"),
 *   reviewed and published; the edit makes one of them outdated when the job runner runs
 *   → outdated, 24 done units.
 * Every other (post, language) is missing.
 */
const LANGUAGE_FIGURES = {
  //        posts translated inProgress outdated missing units done completion
  en: [4, 0, 0, 0, 4, 42, 0, '0%'],
  es: [4, 1, 0, 0, 3, 80, 49, '61%'], // 49 / 80 = 61.25 %
  ar: [5, 0, 0, 0, 5, 91, 0, '0%'],
  sw: [4, 0, 0, 1, 3, 80, 24, '30%'], // 24 / 80
  de: [4, 0, 0, 0, 4, 81, 0, '0%'],
  'sr-Cyrl': [4, 0, 0, 0, 4, 81, 0, '0%'],
} as const;

/**
 * Completion at the end of each month, against the units of the posts first published by
 * then: September (es, 11 units), October (+ joint 49, sw 11, de 10), November (+ sr-Cyrl 10).
 * Spanish: 0/0, 49/70, 49/80; Swahili: 0/11, 25/70, then 24/80 once the job runner (run here
 * on 25 November) marks the edited unit outdated.
 */
const HISTORY = {
  en: ['0%', '0%', '0%'],
  es: ['0%', '70%', '61%'],
  ar: ['0%', '0%', '0%'],
  sw: ['0%', '36%', '30%'],
  de: ['0%', '0%', '0%'],
  'sr-Cyrl': ['0%', '0%', '0%'],
} as const;

/**
 * Neema Massawe (neema) translated the first 25 units of the joint post into Swahili on
 * 19 October 2026 and reviewed nothing (Amani Odhiambo reviewed them).
 */
const NEEMA = { month: 'October 2026', translated: 25, reviewed: 0 };

const NOW = new Date('2026-11-25T10:00:00Z');
const LANGUAGES = Object.keys(LANGUAGE_FIGURES) as (keyof typeof LANGUAGE_FIGURES)[];

/** Text without the bidi marks Intl puts around Arabic percentages. */
const plain = (s: string) => s.replace(/[\u200e\u200f\u061c]/g, '').trim();
const numbersIn = (s: string) => [...plain(s).matchAll(/\d+/g)].map((m) => Number(m[0]));

interface ChartInfo {
  role: string | null;
  labelledBy: string[];
  title: string;
  desc: string;
  titleId: string;
  descId: string;
}

/** Every chart SVG of the page, with its role, <title>, <desc> and what labels it. */
function charts(page: Page): Promise<ChartInfo[]> {
  return page.locator('svg.stats-chart').evaluateAll((svgs) =>
    svgs.map((svg) => ({
      role: svg.getAttribute('role'),
      labelledBy: (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean),
      title: svg.querySelector(':scope > title')?.textContent ?? '',
      desc: svg.querySelector(':scope > desc')?.textContent ?? '',
      titleId: svg.querySelector(':scope > title')?.id ?? '',
      descId: svg.querySelector(':scope > desc')?.id ?? '',
    })),
  );
}

function expectAccessibleCharts(found: ChartInfo[], count: number, where: string): void {
  expect(found, where).toHaveLength(count);
  for (const chart of found) {
    expect(chart.role, where).toBe('img');
    expect(chart.title.trim(), where).not.toBe('');
    expect(chart.desc.trim(), where).not.toBe('');
    expect(chart.labelledBy, where).toEqual([chart.titleId, chart.descId]);
  }
}

/** The cells (text) of each body row of a table, the row header first. */
function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
    );
}

/** True when the page is wider than the window (something overflows sideways). */
function overflows(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

describe.skipIf(SKIP_BROWSER)('the statistics pages in Chromium (demo site)', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
    const deps = app.ctx.deps;
    deps.settings.maxUploadBytes = 20 * 1_048_576; // the demo's PDF and images
    await seedDemo(deps, await loadDemoAssets(), { adminPassword: 'correct horse battery' });
    // A fixed "now" keeps the months of the history the same on every run. The job runner
    // then does what it does when the site starts: marks the edited unit outdated in Swahili.
    deps.clock = { now: () => new Date(NOW) };
    await runDueJobs(deps);
  }, TIMEOUT);
  afterAll(() => app?.close());

  /** A new page (bypassing the CSP so axe can be injected) at `width` showing `path`. */
  const open = async (path: string, viewport: { width: number; height: number }) => {
    const context = await app.browser.newContext({ viewport, locale: 'en-US', bypassCSP: true });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    const response = await page.goto(`${app.base}${path}`);
    expect(response?.status(), path).toBe(200);
    return { context, page };
  };

  it(
    'shows the hand-counted figures in the tables and the charts, accessibly, in en and ar',
    async () => {
      const report: string[] = [];
      for (const lang of ['en', 'ar'] as const) {
        for (const [width, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          const where = `/${lang}/stats at ${width}`;
          const { context, page } = await open(`/${lang}/stats`, viewport);
          expect(await page.locator('html').getAttribute('dir'), where).toBe(
            lang === 'ar' ? 'rtl' : 'ltr',
          );
          expect(plain(await page.locator('.stats-total').innerText()), where).toMatch(/5$/);

          const found = await charts(page);
          expectAccessibleCharts(found, 2, where);

          // The per-language table: the same figures as counted by hand.
          const rows = await page
            .locator('#stats-languages-table tbody tr')
            .evaluateAll((trs) =>
              trs.map((tr) => [
                tr.getAttribute('data-language') ?? '',
                ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
              ]),
            );
          expect(
            rows.map(([language, ...cells]) => [language, ...cells.map(plain)]),
            where,
          ).toEqual(
            LANGUAGES.map((language) => [
              language,
              ...LANGUAGE_FIGURES[language].map((v) => (typeof v === 'number' ? String(v) : v)),
            ]),
          );

          // The bar chart's description says the same numbers, one sentence per language:
          // posts, translated, in progress, outdated, missing.
          const lines = found[0]!.desc.split('. ');
          expect(lines, where).toHaveLength(LANGUAGES.length);
          lines.forEach((line, i) =>
            expect(numbersIn(line), `${where}: ${line}`).toEqual(
              LANGUAGE_FIGURES[LANGUAGES[i]!].slice(0, 5),
            ),
          );
          if (lang === 'en') {
            expect(lines[1]).toBe(
              'Spanish: 4 posts; translated 1, in progress 0, outdated 0, missing 3',
            );
            expect(lines[3]).toBe(
              'Swahili: 4 posts; translated 0, in progress 0, outdated 1, missing 3',
            );
          }

          // The history: its table (opened) and its description, first and last month.
          await page.locator('section[aria-labelledby="stats-history"] summary').click();
          const history = await tableRows(page, '#stats-history-table');
          expect(
            history.map((r) => r.slice(1).map(plain)),
            where,
          ).toEqual([0, 1, 2].map((m) => LANGUAGES.map((l) => HISTORY[l][m])));
          if (lang === 'en') {
            expect(history.map((r) => r[0])).toEqual([
              'September 2026',
              'October 2026',
              'November 2026',
            ]);
            expect(found[1]!.desc.split('. ')[1]).toBe(
              'Spanish: 0% in September 2026, 61% in November 2026',
            );
            expect(found[1]!.desc.split('. ')[3]).toBe(
              'Swahili: 0% in September 2026, 30% in November 2026',
            );
          }
          const historyLines = found[1]!.desc.split('. ');
          historyLines.forEach((line, i) => {
            const figures = HISTORY[LANGUAGES[i]!];
            const percents = plain(line)
              .match(/\d+\s?%/g)
              ?.map((p) => p.replace(/\s/, ''));
            expect(percents, `${where}: ${line}`).toEqual([figures[0], figures[2]]);
          });

          expect(await overflows(page), `${where} is wider than the screen`).toBe(false);
          await screenshot(page, {
            path: resolve(SCREENS, `stats-${lang}-${width}.png`),
            fullPage: true,
          });
          const problems = await seriousAxeViolations(page);
          if (problems.length > 0) report.push(`${where}\n${describeAxe(problems)}`);
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

  it(
    "shows a volunteer's figures on their page, accessibly, in en and ar",
    async () => {
      const report: string[] = [];
      for (const lang of ['en', 'ar'] as const) {
        for (const [width, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          const where = `/${lang}/people/neema at ${width}`;
          const { context, page } = await open(`/${lang}/people/neema`, viewport);
          await page.getByRole('heading', { level: 1, name: 'Neema Massawe' }).waitFor();
          const found = await charts(page);
          expectAccessibleCharts(found, 1, where);
          const rows = await tableRows(page, '#person-table');
          expect(
            rows.map((r) => r.slice(1).map(plain)),
            where,
          ).toEqual([[String(NEEMA.translated), String(NEEMA.reviewed)]]);
          expect(numbersIn(found[0]!.desc).slice(-2), where).toEqual([
            NEEMA.translated,
            NEEMA.reviewed,
          ]);
          expect(numbersIn(await page.locator('.stats-total').innerText()), where).toEqual([
            NEEMA.translated,
            NEEMA.reviewed,
          ]);
          expect(
            numbersIn(await page.locator('.person-languages li[data-language="sw"]').innerText()),
          ).toEqual([NEEMA.translated, NEEMA.reviewed]);
          if (lang === 'en') {
            expect(rows[0]![0]).toBe(NEEMA.month);
            expect(found[0]!.desc).toBe('October 2026: translated 25, reviewed 0');
          }
          expect(await overflows(page), `${where} is wider than the screen`).toBe(false);
          await screenshot(page, {
            path: resolve(SCREENS, `stats-person-${lang}-${width}.png`),
            fullPage: true,
          });
          const problems = await seriousAxeViolations(page);
          if (problems.length > 0) report.push(`${where}\n${describeAxe(problems)}`);
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

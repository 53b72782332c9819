/**
 * Shared set-up for the browser tests (test/e2e): Debian's Chromium driven by playwright-core
 * against the real app listening on a random local port, plus small helpers.
 *
 * Without Chromium the browser suites are skipped with a loud warning, except in CI (CI=true),
 * where a missing browser fails the run. Screenshots for people to look at go to
 * test-results/screens/ (gitignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { postPath } from '../../src/domain/post.js';
import type { Actor } from '../../src/domain/roles.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import type { PostInput } from '../../src/services/posts/post-input.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
/** True when the browser suites must be skipped (no Chromium, not in CI). */
export const SKIP_BROWSER = !HAS_CHROMIUM && !IN_CI;
export const SCREENS = resolve(import.meta.dirname, '../../test-results/screens');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const TIMEOUT = 120_000;

/** Call at module level: prints the loud warning when the suite is skipped. */
export function warnIfNoChromium(what: string): void {
  if (!SKIP_BROWSER) return;
  console.warn(
    `\n*** Chromium is missing (looked for ${CHROMIUM_PATH}): ${what} (test/e2e) is SKIPPED.\n` +
      '*** Install it with `apt-get install chromium`, or point CHROMIUM_PATH at a Chromium binary.\n',
  );
}

/**
 * `page.screenshot(options)`, tried once more when Chromium answers "Unable to capture
 * screenshot": a transient failure of its compositor on a loaded machine (it failed one CI run
 * while every assertion of the suite held). Any other error, or a second failure, is thrown.
 * Screenshots are for people to look at; the assertions stay in the tests.
 */
export async function screenshot(
  page: Page,
  options: Parameters<Page['screenshot']>[0],
): Promise<Buffer> {
  try {
    return await page.screenshot(options);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('Unable to capture screenshot')) {
      throw error;
    }
    console.warn(`Chromium could not capture ${options?.path ?? 'a screenshot'}; trying again`);
    await page.waitForTimeout(250);
    return await page.screenshot(options);
  }
}

export const actor = (user: UserRecord): Actor => ({ id: user.id, roles: user.roles });

export interface BrowserApp {
  ctx: TestContext;
  browser: Browser;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/**
 * Starts the app on SQLite on a random port and launches Chromium. Throws (in CI) when
 * Chromium is missing; outside CI the suite has been skipped before getting here.
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  if (!HAS_CHROMIUM) {
    throw new Error(
      `CI=true but Chromium is missing at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(SCREENS, { recursive: true });
  const [sqlite] = engines();
  const ctx = await startTestApp(sqlite!);
  let browser: Browser | undefined;
  try {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ctx.app.server.address() as AddressInfo;
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const launched = browser;
    return {
      ctx,
      browser: launched,
      base: `http://127.0.0.1:${address.port}`,
      close: async () => {
        await launched.close();
        await ctx.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await ctx.close();
    throw error;
  }
}

/**
 * Clicks something that submits a form or follows a link and waits until the browser has
 * loaded the page at `url` (a GET navigation of the main frame answered 200). Unlike
 * waitForURL this also works when the new page has the same address as the current one.
 */
export async function clickAndLoad(
  page: Page,
  target: Locator,
  url: string | RegExp,
): Promise<void> {
  const matches = (u: string) => (typeof url === 'string' ? u === url : url.test(u));
  const arrived = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.request().frame() === page.mainFrame() &&
      r.request().method() === 'GET' &&
      r.status() === 200 &&
      matches(r.url()),
  );
  await target.click();
  await arrived;
  await page.waitForLoadState('domcontentloaded');
}

/** Creates a post as `author`, publishes it as `editor` and returns its public path. */
export async function publishedPost(
  ctx: TestContext,
  author: UserRecord,
  editor: UserRecord,
  input: PostInput,
): Promise<string> {
  const post = await createPost(ctx.deps, actor(author), input);
  const published = await publishPost(ctx.deps, actor(editor), post.id);
  return postPath({
    language: published.sourceLanguage,
    slug: published.slug,
    publishedAt: published.publishedAt,
  });
}

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeProblem {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; summary: string }[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations. The page's CSP
 * (script-src 'self') refuses the injected script unless the context has `bypassCSP: true`.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: { resultTypes: string[] },
          ): Promise<{
            violations: {
              id: string;
              impact?: string | null;
              help: string;
              nodes: { target: unknown[]; html: string; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String),
        html: n.html,
        summary: n.failureSummary ?? '',
      })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list of axe problems for an assertion message. */
export function describeAxe(problems: AxeProblem[]): string {
  return problems
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes
          .map(
            (n) => `    ${n.target.join(' ')}  ${n.html}\n      ${n.summary.replace(/\n/g, ' ')}`,
          )
          .join('\n'),
    )
    .join('\n');
}

/** The password buildUser gives every test user. */
export const PASSWORD = 'correct horse battery';

/**
 * Signs `login` in through the sign-in form; the site then shows its English home page
 * (contexts made with `locale: 'en-US'`).
 */
export async function signIn(page: Page, base: string, login: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.fill('#login', login);
  await page.fill('#password', PASSWORD);
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }), `${base}/en/`);
  await page
    .locator('.site-header')
    .getByRole('button', { name: /Sign out/ })
    .waitFor();
}

/** A new browser context (English, generous timeouts) with `user` signed in, and its page. */
export async function signedInPage(
  app: BrowserApp,
  user: UserRecord,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport, locale: 'en-US' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await signIn(page, app.base, user.username);
  return { context, page };
}

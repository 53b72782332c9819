/**
 * Fuzz (issue 7, acceptance 2): pathological Markdown (arbitraries.ts) through the content
 * format directly and through the author's preview and save over HTTP. Every text is either
 * accepted or refused with 413/422 naming its limit — never a 500, never a crash — and ends
 * within the format's own time budget (a text that would run longer is answered "took longer
 * than 2 s"; no test measures time itself); while each request is in flight a reader's request
 * is answered. Fixed seed in `npm test`, random in `npm run fuzz` (see settings.ts).
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  createMarkdownFormat,
  DEFAULT_CONTENT_LIMITS,
} from '../../src/interchange/markdown/index.js';
import { measureTree } from '../../src/interchange/markdown/limits.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { postForm } from '../http/http-helpers.js';
import { pathologicalMarkdown } from './arbitraries.js';
import { announce, exploring, fuzzOptions, runs } from './settings.js';

const BUDGET_MS = 2_000;
const scale = exploring ? 4 : 1;
const FORMAT_RUNS = 60;
const HTTP_RUNS = 25;

/** Time for `n` runs that may each use the whole budget (the test timeout, not an assertion). */
const timeoutFor = (n: number) => 60_000 + runs(n) * (BUDGET_MS + 2_000);

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A refusal the format may give: a limit, named in the message, on the body field. */
function expectLimit(error: unknown): void {
  if (!(error instanceof DomainError)) throw error;
  expect(['payload_too_large', 'too_complex']).toContain(error.code);
  expect(error.message).toMatch(/the limit is/);
  expect(error.problems[0]?.field).toBe('body');
}

describe('fuzz: pathological Markdown through the content format', () => {
  const format = createMarkdownFormat({ timeBudgetMs: BUDGET_MS });
  afterAll(() => format.close());

  it(
    'parses within the limits or refuses naming one; what it parses renders',
    async () => {
      announce('markdown/format', FORMAT_RUNS);
      await fc.assert(
        fc.asyncProperty(pathologicalMarkdown(scale), async (markdown) => {
          const parsed = await settle(format.parse(markdown));
          if (!parsed.ok) {
            expectLimit(parsed.error);
            return;
          }
          expect(measureTree(parsed.value).levels).toBeLessThanOrEqual(
            DEFAULT_CONTENT_LIMITS.maxDepth,
          );
          expect(JSON.stringify(parsed.value)).not.toContain('"position"');
          const html = await settle(format.render(parsed.value, { media: () => undefined }));
          if (html.ok) expect(typeof html.value).toBe('string');
          else expectLimit(html.error);
        }),
        fuzzOptions(FORMAT_RUNS),
      );
    },
    timeoutFor(FORMAT_RUNS),
  );
});

describe.each(engines().slice(0, 1))('fuzz: preview and save over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let author: UserRecord;
  let agent: Agent;
  let postUrl: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine, {
      content: createMarkdownFormat({ timeBudgetMs: BUDGET_MS }),
    });
    author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(
      ctx.deps,
      { id: author.id, roles: author.roles },
      { language: 'en', title: 'Still here', slug: 'still-here', body: 'Readers *welcome*.' },
    );
    await publishPost(ctx.deps, { id: editor.id, roles: editor.roles }, post.id);
    const at = (await ctx.deps.store.posts.findById(post.id))?.publishedAt ?? '';
    postUrl = `/en/${at.slice(0, 4)}/${at.slice(5, 7)}/${at.slice(8, 10)}/still-here`;
    agent = new Agent(ctx.app);
    await agent.signIn(author.username);
  });
  afterAll(() => ctx.close());

  const read = () =>
    ctx.app.inject({ method: 'GET', url: postUrl, headers: { accept: 'text/html' } });
  /** Each save gets its own title, so its slug is free. */
  let saves = 0;

  function expectAnswer(route: 'preview' | 'save', response: LightMyRequestResponse): void {
    const allowed = route === 'preview' ? [200, 413, 422] : [303, 413, 422];
    expect(allowed, response.body.slice(0, 500)).toContain(response.statusCode);
    if (route === 'preview' && response.statusCode !== 200) {
      expect(response.body).toMatch(/the limit is/);
    }
    if (route === 'save' && response.statusCode === 413) {
      expect(response.body).toMatch(/the limit is/);
    }
    if (route === 'save' && response.statusCode === 422) {
      // A limit, or an ordinary problem of the post (a directive without its media…).
      expect(response.body).toMatch(/the limit is|The post was not saved/);
    }
  }

  it(
    'answers every text with 200/303, 413 or 422 — never 500 — and readers meanwhile',
    async () => {
      announce('markdown/http', HTTP_RUNS);
      await fc.assert(
        fc.asyncProperty(
          pathologicalMarkdown(scale),
          fc.constantFrom('preview' as const, 'save' as const),
          async (body, route) => {
            const url = route === 'preview' ? '/write/new/preview' : '/write/new';
            saves += 1;
            const form = postForm([author.id], { body, title: `Fuzz ${saves}` });
            const heavy = agent.post(url, form);
            const reader = read();
            const [answer, page] = await Promise.all([heavy, reader]);
            expectAnswer(route, answer);
            expect(page.statusCode).toBe(200);
          },
        ),
        fuzzOptions(HTTP_RUNS),
      );
      // Still serving ordinary work afterwards.
      const after = await agent.post('/write/new/preview', postForm([author.id], { body: '*ok*' }));
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('<em>ok</em>');
    },
    timeoutFor(HTTP_RUNS),
  );
});

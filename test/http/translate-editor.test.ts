/**
 * The translation editor over HTTP: the page carries the island's state, the bundle and the
 * CSRF token; the JSON API saves units with optimistic concurrency (a stale save is a 409
 * holding both texts), blocks text that drops a code or smuggles markup, and lets a reviewer —
 * never the unit's own translator — approve.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorState } from '../../src/client/translate/state.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader } from './http-helpers.js';
import { assetUrl } from '../../src/views/asset-urls.js';

function stateOf(page: LightMyRequestResponse): EditorState {
  const json = /<script type="application\/json" id="editor-state">([\s\S]*?)<\/script>/.exec(
    page.body,
  )?.[1];
  if (!json) throw new Error('no editor state in the page');
  return JSON.parse(json) as EditorState;
}

function csrfOf(page: LightMyRequestResponse): string {
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error('no csrf meta tag');
  return token;
}

describe.each(engines())('translation editor on $name', (engine) => {
  let ctx: TestContext;
  let postId: string;
  let translator: UserRecord;
  let translatorAgent: Agent;
  let reviewerAgent: Agent;
  let translatorCsrf: string;
  let reviewerCsrf: string;
  let paragraphId: string;
  /** The source revision the editor page showed (every save sends it back). */
  let sourceRevision: number;

  const put = (agent: Agent | null, csrf: string, unitId: string, body: object) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/translate/${postId}/es/units/${unitId}`,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': csrf,
        ...(agent ? { cookie: cookieHeader(agent) } : {}),
      },
      payload: JSON.stringify({ sourceRevision, ...body }),
    });

  const review = (agent: Agent, csrf: string, unitId: string, body: object) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/translate/${postId}/es/units/${unitId}/review`,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': csrf,
        cookie: cookieHeader(agent),
      },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(
      ctx.deps,
      { id: author.id, roles: author.roles },
      {
        language: 'en',
        title: 'Meeting in Nairobi',
        slug: 'meeting-in-nairobi',
        body: 'Join **the session** at [the park](https://example.org).\n\nBring water & snacks.',
      },
    );
    await publishPost(ctx.deps, { id: editor.id, roles: editor.roles }, post.id);
    postId = post.id;
    translator = await buildUser(ctx.deps, ['translator'], { displayName: 'Tina Translator' });
    translatorAgent = new Agent(ctx.app);
    await translatorAgent.signIn(translator.username);
    const reviewer = await buildUser(ctx.deps, ['reviewer']);
    reviewerAgent = new Agent(ctx.app);
    await reviewerAgent.signIn(reviewer.username);
  });
  afterAll(() => ctx.close());

  it('renders the editor page with its state, the bundle and the CSRF token', async () => {
    const page = await translatorAgent.get(`/translate/${postId}/es`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<script src="${assetUrl('/assets/build/translate.js')}" defer>`);
    expect(page.body).toContain(
      `<link rel="stylesheet" href="${assetUrl('/assets/editor.css')}"/>`,
    );
    expect(assetUrl('/assets/editor.css')).toMatch(/^\/assets\/editor\.[\w-]{10}\.css$/);
    expect(page.body).toContain('<noscript>');
    const state = stateOf(page);
    expect(state.target).toMatchObject({ tag: 'es', dir: 'ltr' });
    expect(state.units.map((u) => u.kind)).toContain('paragraph');
    const paragraph = state.units.find((u) => u.source.includes('<pc id="1">the session</pc>'));
    expect(paragraph?.codes['2']?.label).toContain('https://example.org');
    expect(state.messages.saveNext).toBe('Save and next');
    paragraphId = paragraph!.unitId;
    sourceRevision = paragraph!.sourceRevision;
    expect(sourceRevision).toBeGreaterThanOrEqual(1);
    // The server render shows the source with its chips.
    expect(page.body).toContain('class="chip chip-open"');
    translatorCsrf = csrfOf(page);
    reviewerCsrf = csrfOf(await reviewerAgent.get(`/translate/${postId}/es`));
  });

  it('renders an Arabic target right to left', async () => {
    const page = await translatorAgent.get(`/translate/${postId}/ar`);
    expect(page.statusCode).toBe(200);
    expect(stateOf(page).target).toMatchObject({ tag: 'ar', dir: 'rtl' });
    expect(page.body).toMatch(/<textarea[^>]*lang="ar" dir="rtl"/);
  });

  it('serves the bundle as JavaScript', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/assets/build/translate.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/javascript');
    expect(response.body.length).toBeGreaterThan(1000);
  });

  const good = 'Únete a <pc id="1">la sesión</pc> en <pc id="2">el parque</pc>.';

  it('saves a unit, then answers a stale save with a conflict holding both texts', async () => {
    const saved = await put(translatorAgent, translatorCsrf, paragraphId, {
      text: good,
      version: 0,
      state: 'translated',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      outcome: 'saved',
      target: { text: good, state: 'translated', version: 1, translatedBy: translator.id },
      changedSource: null,
    });

    const mine = 'Ven a <pc id="1">la sesión</pc> en <pc id="2">el parque</pc>.';
    const stale = await put(translatorAgent, translatorCsrf, paragraphId, {
      text: mine,
      version: 0,
      state: 'translated',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'conflict',
      theirs: { text: good, version: 1 },
      yours: mine,
    });
  });

  it('refuses a save that does not say which source it was made from, naming the field', async () => {
    const response = await put(translatorAgent, translatorCsrf, paragraphId, {
      text: good,
      version: 1,
      sourceRevision: undefined,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ problems: { field: string }[] }>().problems[0]?.field).toBe(
      'sourceRevision',
    );
  });

  it('refuses text that drops a code, naming it', async () => {
    const response = await put(translatorAgent, translatorCsrf, paragraphId, {
      text: 'Únete a <pc id="1">la sesión</pc> en el parque.',
      version: 1,
      state: 'translated',
    });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ error: string; problems: { message: string }[] }>();
    expect(body.error).toBe('validation_failed');
    expect(body.problems.map((p) => p.message).join(' ')).toMatch(
      /code 2.*missing|missing.*code 2/,
    );
  });

  it('refuses markup typed by a translator', async () => {
    const response = await put(translatorAgent, translatorCsrf, paragraphId, {
      text: 'Únete a <pc id="1">la sesión</pc> en <pc id="2">el <b>x</b></pc>.',
      version: 1,
      state: 'translated',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ problems: { message: string }[] }>().problems[0]?.message).toMatch(
      /Markup "<b>"/,
    );
  });

  it('needs a session to save', async () => {
    const response = await put(null, translatorCsrf, paragraphId, {
      text: good,
      version: 1,
      state: 'translated',
    });
    expect(response.statusCode).toBe(401);
  });

  it('lets another reviewer approve, never the translator', async () => {
    const own = await review(translatorAgent, translatorCsrf, paragraphId, {
      version: 1,
      action: 'approve',
    });
    expect(own.statusCode).toBe(403);

    const approved = await review(reviewerAgent, reviewerCsrf, paragraphId, {
      version: 1,
      action: 'approve',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      target: { state: 'reviewed', version: 2 },
      published: false,
    });

    const state = stateOf(await translatorAgent.get(`/translate/${postId}/es`));
    const unit = state.units.find((u) => u.unitId === paragraphId);
    expect(unit?.target).toMatchObject({ state: 'reviewed', mine: true, reviewedByMe: false });
    expect(state.progress).toMatchObject({ translated: 1, reviewed: 1 });
  });
});

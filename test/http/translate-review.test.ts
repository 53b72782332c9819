/**
 * Review-gated translations over HTTP, on every engine: who may save (sign-up grants the
 * translator role unless the site turns it off; a reader's save is 403), proposals for a
 * published translation and their accept/reject endpoints (reviewers only, never the author),
 * no rows written by opening the editor, and the editors' rollback pages.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorState } from '../../src/client/translate/state.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { reviewTarget } from '../../src/services/translation/review-target.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader } from './http-helpers.js';

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

describe.each(engines())('review-gated translations over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let postId: string;
  let volunteer: UserRecord;
  let reviewer: UserRecord;
  let editor: UserRecord;

  const json = (agent: Agent, csrf: string, method: 'PUT' | 'POST', url: string, body: object) =>
    ctx.app.inject({
      method,
      url,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': csrf,
        cookie: cookieHeader(agent),
      },
      payload: JSON.stringify(body),
    });
  const signedIn = async (user: UserRecord) => {
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    const page = await agent.get(`/translate/${postId}/es`);
    return { agent, csrf: csrfOf(page), state: stateOf(page) };
  };
  const actor = (u: UserRecord) => ({ id: u.id, roles: u.roles });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const author = await buildUser(ctx.deps, ['author']);
    editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(ctx.deps, actor(author), {
      language: 'en',
      title: 'Meeting in Nairobi',
      body: 'Bring water and snacks.',
    });
    await publishPost(ctx.deps, actor(editor), post.id);
    postId = post.id;
    volunteer = await buildUser(ctx.deps, ['reader', 'translator']);
    reviewer = await buildUser(ctx.deps, ['reviewer']);
    // A published Spanish translation.
    for (const unit of (await loadEditor(ctx.deps, actor(volunteer), postId, 'es')).units)
      await saveTarget(ctx.deps, actor(volunteer), {
        postId,
        language: 'es',
        unitId: unit.unitId,
        text: `ES ${unit.source}`,
        version: 0,
        sourceRevision: unit.sourceRevision,
      });
    for (const unit of (await loadEditor(ctx.deps, actor(reviewer), postId, 'es')).units)
      await reviewTarget(ctx.deps, actor(reviewer), {
        postId,
        language: 'es',
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      });
  });
  afterAll(() => ctx.close());

  it('grants the translator role at sign-up unless the site turns it off; a reader’s save is 403', async () => {
    const signUp = async (name: string) => {
      const agent = new Agent(ctx.app);
      await agent.get('/signup');
      const response = await agent.post('/signup', {
        username: name,
        displayName: name,
        email: `${name}@example.org`,
        password: 'correct horse battery',
        timeZone: 'UTC',
        next: '/',
      });
      expect(response.statusCode, response.body).toBe(303);
      return (await ctx.deps.store.users.findByEmail(`${name}@example.org`))!;
    };
    expect((await signUp('welcomed')).roles).toEqual(['reader', 'translator']);
    ctx.deps.settings.translatorRoleAtSignUp = false;
    let reader: UserRecord;
    try {
      reader = await signUp('readeronly');
    } finally {
      ctx.deps.settings.translatorRoleAtSignUp = true;
    }
    expect(reader.roles).toEqual(['reader']);
    const { agent, csrf, state } = await signedIn(reader);
    expect(state.canTranslate).toBe(false);
    const unit = state.units[0]!;
    const refused = await json(
      agent,
      csrf,
      'PUT',
      `/api/translate/${postId}/es/units/${unit.unitId}`,
      {
        text: 'vandalismo',
        version: unit.target!.version,
        sourceRevision: unit.sourceRevision,
      },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: string }>().error).toBe('forbidden');
  });

  it('answers a change to a published translation as a proposal; only another reviewer accepts it', async () => {
    const { agent, csrf, state } = await signedIn(volunteer);
    expect(state.savesNeedReview).toBe(true);
    const unit = state.units.find((u) => u.kind === 'paragraph')!;
    const put = await json(agent, csrf, 'PUT', `/api/translate/${postId}/es/units/${unit.unitId}`, {
      text: 'Traed agua y algo de comer.',
      version: unit.target!.version,
      sourceRevision: unit.sourceRevision,
    });
    expect(put.statusCode).toBe(200);
    const answer = put.json<{
      outcome: string;
      candidate: { id: string };
      target: { text: string };
    }>();
    expect(answer).toMatchObject({
      outcome: 'pending',
      target: { text: 'ES Bring water and snacks.', state: 'reviewed' },
    });
    const candidateUrl = `/api/translate/${postId}/es/candidates/${answer.candidate.id}`;

    // The volunteer cannot decide about proposals at all; the reviewer sees it and accepts.
    const byTranslator = await json(agent, csrf, 'POST', `${candidateUrl}/accept`, {
      version: unit.target!.version,
    });
    expect(byTranslator.statusCode).toBe(403);
    const rev = await signedIn(reviewer);
    // The hub tells reviewers where proposals wait.
    const hub = await rev.agent.get('/translate?language=es');
    expect(hub.body).toContain('1 published translation has proposals waiting for review');
    expect(hub.body).toContain('1 proposal waiting');
    const seen = rev.state.units.find((u) => u.unitId === unit.unitId)!;
    expect(seen.candidates).toEqual([
      expect.objectContaining({ id: answer.candidate.id, mine: false, staleSource: false }),
    ]);
    const accepted = await json(rev.agent, rev.csrf, 'POST', `${candidateUrl}/accept`, {
      version: seen.target!.version,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      target: {
        text: 'Traed agua y algo de comer.',
        state: 'reviewed',
        translatedBy: volunteer.id,
      },
    });
    const again = await json(rev.agent, rev.csrf, 'POST', `${candidateUrl}/reject`, {});
    expect(again.statusCode).toBe(409);
    const reader = await ctx.app.inject({ method: 'GET', url: '/es/' });
    expect(reader.statusCode).toBe(200);
  });

  it('writes nothing when the editor is opened, in any language', async () => {
    const { agent } = await signedIn(volunteer);
    const before = (await ctx.deps.store.translations.translationsOfPosts([postId])).length;
    const tags = ['fr', 'de', 'sw', 'ar', 'pt-BR', 'zh-Hant', 'yo', 'qu', 'gsw', 'haw'];
    for (const tag of tags) {
      const page = await agent.get(`/translate/${postId}/${tag}`);
      expect(page.statusCode, tag).toBe(200);
      const api = await ctx.app.inject({
        method: 'GET',
        url: `/api/translate/${postId}/${tag}`,
        headers: { cookie: cookieHeader(agent), accept: 'application/json' },
      });
      expect(api.statusCode, tag).toBe(200);
    }
    expect((await ctx.deps.store.translations.translationsOfPosts([postId])).length).toBe(before);
  });

  it('lets only editors roll back one account, previewing first', async () => {
    const vandal = await buildUser(ctx.deps, ['translator']);
    const [first, second] = (await loadEditor(ctx.deps, actor(vandal), postId, 'es')).units;
    const vandalize = (unit: typeof first) =>
      saveTarget(ctx.deps, actor(vandal), {
        postId,
        language: 'es',
        unitId: unit!.unitId,
        text: 'ES basura',
        version: unit!.target!.version,
        sourceRevision: unit!.sourceRevision,
      });
    // One edit went live (the site trusted volunteers then), one waits for review.
    ctx.deps.settings.translationEditsGoLive = true;
    try {
      expect((await vandalize(first)).outcome).toBe('saved');
    } finally {
      ctx.deps.settings.translationEditsGoLive = false;
    }
    expect((await vandalize(second)).outcome).toBe('pending');
    const translator = new Agent(ctx.app);
    await translator.signIn(volunteer.username);
    expect((await translator.get('/editorial/rollback')).statusCode).toBe(403);

    const agent = new Agent(ctx.app);
    await agent.signIn(editor.username);
    const form = await agent.get('/editorial/rollback');
    expect(form.statusCode).toBe(200);
    const unknown = await agent.get('/editorial/rollback?username=nobody-here&period=1h');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('There is no account');
    const preview = await agent.get(
      `/editorial/rollback?username=${encodeURIComponent(vandal.username)}&period=1h`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 segment of');
    expect(preview.body).toContain('and 1 pending proposal');
    const since = /name="since" value="([^"]+)"/.exec(preview.body)?.[1];
    expect(since).toBeDefined();
    // The vandal also proposed a change that waits for review (it is rejected with the rest).
    expect((await ctx.deps.store.candidates.pendingBy(vandal.id, since!)).length).toBe(1);
    const done = await agent.post('/editorial/rollback', {
      username: vandal.username,
      since: since!,
      period: '1h',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('1 segment of');
    expect((await ctx.deps.store.candidates.pendingBy(vandal.id, since!)).length).toBe(0);
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'es');
    const target = await ctx.deps.store.translations.target(translation!.id, first!.unitId);
    expect(target?.text).toBe(first!.target!.text);
    const withoutCsrf = await agent.post(
      '/editorial/rollback',
      { username: vandal.username, since: since!, period: '1h' },
      { withCsrf: false },
    );
    expect(withoutCsrf.statusCode).toBe(403);
  });
});

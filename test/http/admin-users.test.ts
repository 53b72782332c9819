/**
 * The people administration through HTTP on every engine: only administrators reach
 * /admin/users and its actions (outsiders sent to sign in or refused, forms need CSRF);
 * search pages through people; a suspended account cannot sign in (a clear message, no
 * session) and its existing session stops working — no post or translation save — while its
 * work stays; reactivation restores sign-in; an administrator cannot suspend themselves; a
 * reviewer limited to Spanish is refused on Swahili; every action is audited.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USERS_PAGE_SIZE } from '../../src/services/admin/users.service.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { ForbiddenError } from '../../src/domain/errors.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { publishTranslation } from '../../src/services/translation/publish-translation.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { startedSession } from './auth-helpers.js';
import { cookieHeader, postForm } from './http-helpers.js';

const actor = (u: UserRecord) => ({ id: u.id, roles: u.roles });

function csrfMeta(page: LightMyRequestResponse): string {
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error('no csrf meta tag');
  return token;
}

describe.each(engines())('people administration on $name', (engine) => {
  let ctx: TestContext;
  let admin: Agent;
  let adminUser: UserRecord;
  let postId: string;

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

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    adminUser = await buildUser(ctx.deps, ['admin']);
    admin = new Agent(ctx.app);
    await admin.signIn(adminUser.username);
    const author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(ctx.deps, actor(author), {
      language: 'en',
      title: 'Meeting in Nairobi',
      body: 'Bring water and snacks.',
    });
    await publishPost(ctx.deps, actor(editor), post.id);
    postId = post.id;
  });
  afterAll(() => ctx.close());

  it('lets only administrators in: outsiders are sent to sign in, other roles refused', async () => {
    const target = await buildUser(ctx.deps, ['reader']);
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/admin/users');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fadmin%2Fusers');
    const actions = [
      `/admin/users/${target.id}/suspend`,
      `/admin/users/${target.id}/reactivate`,
      `/admin/users/${target.id}/review-languages`,
    ];
    for (const url of actions) {
      const refused = await visitor.post(url, { reason: 'x', languages: 'es' });
      expect(refused.statusCode, url).toBe(401);
    }
    for (const role of ['reader', 'translator', 'author', 'reviewer', 'editor'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      expect((await agent.get('/admin/users')).statusCode, role).toBe(403);
      for (const url of actions)
        expect((await agent.post(url, { reason: 'x' })).statusCode, `${role} ${url}`).toBe(403);
    }
    expect((await ctx.deps.store.users.findById(target.id))?.suspendedAt).toBeNull();
    // Without the CSRF token even an administrator is refused.
    const noCsrf = await admin.post(
      `/admin/users/${target.id}/suspend`,
      { reason: 'spam' },
      { withCsrf: false },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect((await ctx.deps.store.users.findById(target.id))?.suspendedAt).toBeNull();
  });

  it('finds people by name or e-mail, a page at a time', async () => {
    const found = await buildUser(ctx.deps, ['reader'], {
      username: `zanele_${engine.name.length}`,
      displayName: 'Zanele Mokoena',
    });
    const byName = await admin.get('/admin/users?q=mokoena');
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toContain(`data-user="${found.username}"`);
    expect((byName.body.match(/data-user="/g) ?? []).length).toBe(1);
    const byMail = await admin.get(
      `/admin/users?q=${encodeURIComponent(found.email.toUpperCase())}`,
    );
    expect(byMail.body).toContain(`data-user="${found.username}"`);
    // A LIKE wildcard is a character, not a pattern.
    expect((await admin.get('/admin/users?q=%25')).body).toContain('role="status"');

    for (let i = 0; i < USERS_PAGE_SIZE + 1; i++)
      await buildUser(ctx.deps, ['reader'], { displayName: `Pager Person ${i}` });
    const first = await admin.get('/admin/users?q=pager%20person');
    expect((first.body.match(/data-user="/g) ?? []).length).toBe(USERS_PAGE_SIZE);
    const next = /rel="next" href="([^"]+)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBe('/admin/users?q=pager+person&page=2');
    const second = await admin.get(next ?? '');
    expect((second.body.match(/data-user="/g) ?? []).length).toBe(1);
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain('rel="prev"');
    // The roles form on this page comes back to it.
    const roles = await admin.post(`/admin/users/${found.id}/roles`, {
      roles: ['reader', 'translator'],
      back: 'users',
    });
    expect(roles.statusCode).toBe(303);
    expect(roles.headers.location).toBe('/admin/users?done=roles');
    expect((await ctx.deps.store.users.findById(found.id))?.roles.sort()).toEqual([
      'reader',
      'translator',
    ]);
    // The /admin people table still works and links the new pages.
    const home = await admin.get('/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(found.username);
    for (const href of ['/admin/users', '/admin/taxonomy', '/admin/audit'])
      expect(home.body).toContain(`href="${href}"`);
  });

  it('suspends: no sign-in, the session stops working, no saves; the work stays; reactivation restores', async () => {
    const person = await buildUser(ctx.deps, ['author', 'translator']);
    const agent = new Agent(ctx.app);
    await agent.signIn(person.username);
    // Work done before the suspension: a draft post and a translated unit.
    const draft = await agent.post('/write/new', postForm([person.id], { title: 'Mi borrador' }));
    expect(draft.statusCode).toBe(303);
    const unit = (await loadEditor(ctx.deps, actor(person), postId, 'es')).units[0]!;
    await saveTarget(ctx.deps, actor(person), {
      postId,
      language: 'es',
      unitId: unit.unitId,
      text: 'Reunión en Nairobi',
      version: 0,
      sourceRevision: unit.sourceRevision,
    });
    const editorPage = await agent.get(`/translate/${postId}/es`);
    const csrf = csrfMeta(editorPage);

    // A reason is required; an administrator cannot suspend themselves.
    const noReason = await admin.post(`/admin/users/${person.id}/suspend`, { reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain(`href="#reason-${person.id}"`);
    const self = await admin.post(`/admin/users/${adminUser.id}/suspend`, { reason: 'oops' });
    expect(self.statusCode).toBe(422);
    expect((await ctx.deps.store.users.findById(adminUser.id))?.suspendedAt).toBeNull();

    const suspended = await admin.post(`/admin/users/${person.id}/suspend`, {
      reason: 'Vandalism on the Swahili pages',
    });
    expect(suspended.statusCode).toBe(303);
    const list = await admin.get(`/admin/users?q=${person.username}`);
    expect(list.body).toContain('data-suspended="true"');
    expect(list.body).toContain('Vandalism on the Swahili pages');
    expect(list.body).toContain(`/admin/users/${person.id}/reactivate`);

    // The existing session no longer works: no pages, no post save, no translation save.
    expect((await agent.get('/write')).statusCode).toBe(303);
    const postSave = await agent.post('/write/new', postForm([person.id], { title: 'Otro' }));
    expect(postSave.statusCode).toBe(401);
    const put = await json(agent, csrf, 'PUT', `/api/translate/${postId}/es/units/${unit.unitId}`, {
      text: 'vandalismo',
      version: 1,
      sourceRevision: unit.sourceRevision,
    });
    expect(put.statusCode).toBe(401);
    // Sign-in is refused with a clear message and no session, even with the right password.
    const fresh = new Agent(ctx.app);
    await fresh.get('/signin');
    const signIn = await fresh.post('/signin', {
      login: person.username,
      password: 'correct horse battery',
      next: '/',
    });
    expect(signIn.statusCode).toBe(401);
    expect(signIn.body).toContain('This account is suspended; ask an administrator.');
    expect(startedSession(signIn)).toBe(false);
    // A wrong password says nothing about the suspension.
    const wrong = await fresh.post('/signin', {
      login: person.username,
      password: 'nope nope nope',
    });
    expect(wrong.body).not.toContain('suspended');
    // Their work stays.
    expect((await ctx.deps.store.posts.listForAuthor(person.id)).length).toBe(1);
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'es');
    const target = await ctx.deps.store.translations.target(translation!.id, unit.unitId);
    expect(target?.text).toBe('Reunión en Nairobi');
    // Suspending twice is a conflict, not a second entry.
    expect(
      (await admin.post(`/admin/users/${person.id}/suspend`, { reason: 'again' })).statusCode,
    ).toBe(409);

    expect((await admin.post(`/admin/users/${person.id}/reactivate`)).statusCode).toBe(303);
    await fresh.signIn(person.username);
    expect((await fresh.get('/write')).statusCode).toBe(200);
    const saved = await fresh.post('/write/new', postForm([person.id], { title: 'De vuelta' }));
    expect(saved.statusCode).toBe(303);

    const entries = await ctx.deps.store.audit.list({ limit: 20 });
    const mine = entries.filter((e) => e.subject.id === person.id).map((e) => e.action);
    expect(mine).toEqual(['user.reactivate', 'user.suspend']);
    expect(entries.find((e) => e.action === 'user.suspend')).toMatchObject({
      actorId: adminUser.id,
      details: { reason: 'Vandalism on the Swahili pages' },
    });
  });

  it('limits a reviewer to the languages an administrator grants', async () => {
    const volunteer = await buildUser(ctx.deps, ['translator']);
    const reviewer = await buildUser(ctx.deps, ['reviewer']);
    const editor = await buildUser(ctx.deps, ['editor']);
    for (const language of ['es', 'sw'])
      for (const unit of (await loadEditor(ctx.deps, actor(volunteer), postId, language)).units)
        await saveTarget(ctx.deps, actor(volunteer), {
          postId,
          language,
          unitId: unit.unitId,
          text: `${language.toUpperCase()} ${unit.source}`,
          version: unit.target?.version ?? 0,
          sourceRevision: unit.sourceRevision,
        });
    const set = await admin.post(`/admin/users/${reviewer.id}/review-languages`, {
      languages: ['es'],
    });
    expect(set.statusCode).toBe(303);
    expect(await ctx.deps.store.users.reviewLanguages(reviewer.id)).toEqual(['es']);
    const bad = await admin.post(`/admin/users/${reviewer.id}/review-languages`, {
      languages: ['not a tag!'],
    });
    expect(bad.statusCode).toBe(422);

    const agent = new Agent(ctx.app);
    await agent.signIn(reviewer.username);
    const review = async (language: string, who: Agent) => {
      const page = await who.get(`/translate/${postId}/${language}`);
      const state = JSON.parse(
        /<script type="application\/json" id="editor-state">([\s\S]*?)<\/script>/.exec(
          page.body,
        )?.[1] ?? '{}',
      ) as { canReview: boolean; units: { unitId: string; target: { version: number } | null }[] };
      const unit = state.units[0]!;
      const response = await json(
        who,
        csrfMeta(page),
        'POST',
        `/api/translate/${postId}/${language}/units/${unit.unitId}/review`,
        { version: unit.target!.version, action: 'approve' },
      );
      return { canReview: state.canReview, status: response.statusCode };
    };
    expect(await review('sw', agent)).toEqual({ canReview: false, status: 403 });
    expect(await review('es', agent)).toEqual({ canReview: true, status: 200 });
    // Publishing a translation and reviewing the interface's texts follow the same rights.
    await expect(publishTranslation(ctx.deps, actor(reviewer), postId, 'sw')).rejects.toThrow(
      ForbiddenError,
    );
    expect((await agent.get('/translate/interface/sw/review')).statusCode).toBe(403);
    expect((await agent.get('/translate/interface/es/review')).statusCode).toBe(200);
    // Editors are never limited, whatever is stored for them.
    await ctx.deps.store.users.setReviewLanguages(editor.id, ['es']);
    const editorAgent = new Agent(ctx.app);
    await editorAgent.signIn(editor.username);
    expect(await review('sw', editorAgent)).toEqual({ canReview: true, status: 200 });
    // None listed: every language again.
    expect((await admin.post(`/admin/users/${reviewer.id}/review-languages`, {})).statusCode).toBe(
      303,
    );
    expect(await ctx.deps.store.users.reviewLanguages(reviewer.id)).toEqual([]);
    const entry = (await ctx.deps.store.audit.list({ limit: 5 })).find(
      (e) => e.action === 'user.review_languages',
    );
    expect(entry).toMatchObject({ details: { before: ['es'], after: [] } });
  });
});

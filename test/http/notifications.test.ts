/**
 * Notifications on every engine: each event (a unit sent back with a comment or approved, a
 * translation published, units outdated by an edit, a post published, scheduled or sent back,
 * an @mention in a review comment) tells the right people once and never the actor; a
 * rolled-back action tells nobody. Over HTTP: the bell's count, the list, opening a notice
 * (marks it read, 303 to the unit), mark all read, e-mail preferences and the mail language;
 * outsiders are refused on every route. The one-click unsubscribe (RFC 8058) works without a
 * session or CSRF token, its GET changes nothing, and a forged token (another person's id with
 * a valid MAC of someone else) changes nothing. The e-mail job sends once across two runs and
 * two racing runners, and retries after a failing mailer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { notify } from '../../src/services/notifications/notify.service.js';
import {
  isOptedOut,
  unsubscribeHeaders,
  unsubscribeUrl,
} from '../../src/services/notifications/unsubscribe.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost, withdrawPost } from '../../src/services/posts/workflow.service.js';
import type { NotificationRecord, UserRecord } from '../../src/services/repositories.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { reviewTarget } from '../../src/services/translation/review-target.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const actorOf = (u: UserRecord): Actor => ({ id: u.id, roles: u.roles });
const LATER = '2099-01-01T00:00:00.000Z';
const later = (deps: ServiceDeps): ServiceDeps => ({
  ...deps,
  clock: { now: () => new Date(LATER) },
});

describe.each(engines())('notifications on $name', (engine) => {
  let ctx: TestContext;
  let author: UserRecord;
  let editor: UserRecord;
  let translator: UserRecord;
  let reviewer: UserRecord;
  let mentioned: UserRecord;
  let reader: UserRecord;
  let postId: string;
  let translatorAgent: Agent;

  const noticesOf = (user: UserRecord): Promise<NotificationRecord[]> =>
    ctx.deps.store.notifications.listForUser(user.id, 0, 100);
  const kindsOf = async (user: UserRecord): Promise<string[]> =>
    (await noticesOf(user)).map((n) => n.kind);
  const anonymous = (method: 'GET' | 'POST', url: string, payload?: string) =>
    ctx.app.inject({
      method,
      url,
      headers: {
        accept: 'text/html',
        ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(payload ? { payload } : {}),
    });

  /** Saves a text for every unit of the post in `language` as the translator. */
  async function translateAll(language: string): Promise<void> {
    const editorData = await loadEditor(ctx.deps, actorOf(translator), postId, language);
    for (const unit of editorData.units)
      await saveTarget(ctx.deps, actorOf(translator), {
        postId,
        language,
        unitId: unit.unitId,
        text: `${language}: ${unit.source}`,
        version: unit.target?.version ?? 0,
        sourceRevision: unit.sourceRevision,
      });
  }

  async function unitsOf(language: string) {
    return (await loadEditor(ctx.deps, actorOf(reviewer), postId, language)).units;
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    author = await buildUser(ctx.deps, ['author'], { displayName: 'Amina Author' });
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Eddie Editor' });
    translator = await buildUser(ctx.deps, ['reader', 'translator'], {
      displayName: 'Vera Volunteer',
    });
    reviewer = await buildUser(ctx.deps, ['reviewer'], { displayName: 'Rita Reviewer' });
    mentioned = await buildUser(ctx.deps, ['reader', 'translator'], { displayName: 'Mina' });
    reader = await buildUser(ctx.deps, ['reader']);
    const post = await createPost(ctx.deps, actorOf(author), {
      language: 'en',
      title: 'A shared playbook',
      excerpt: 'How six communities wrote one.',
      body: 'The first paragraph.\n\nThe second paragraph.',
    });
    postId = post.id;
    await publishPost(ctx.deps, actorOf(editor), postId);
    translatorAgent = new Agent(ctx.app);
    await translatorAgent.signIn(translator.username);
  });
  afterAll(() => ctx.close());

  it("tells a post's author it was published, never the editor who did it", async () => {
    const notices = await noticesOf(author);
    expect(notices.map((n) => n.kind)).toEqual(['post_published']);
    expect(notices[0]).toMatchObject({
      link: `/write/${postId}`,
      params: { postTitle: 'A shared playbook', actorName: 'Eddie Editor' },
      emailState: 'pending',
    });
    expect(await kindsOf(editor)).toEqual([]);
  });

  it('tells the author when an editor schedules their post or sends it back to draft', async () => {
    const draft = await createPost(ctx.deps, actorOf(author), {
      language: 'en',
      title: 'Next week',
      excerpt: '',
      body: 'Soon.',
    });
    await publishPost(ctx.deps, actorOf(editor), draft.id, new Date(LATER));
    await withdrawPost(ctx.deps, actorOf(editor), draft.id);
    const notices = (await noticesOf(author)).filter((n) => n.link === `/write/${draft.id}`);
    expect(notices.map((n) => n.kind).sort()).toEqual(['post_scheduled', 'post_sent_back']);
    expect(notices.find((n) => n.kind === 'post_scheduled')?.params.scheduledAt).toBe(LATER);
  });

  it('tells the translator a unit was sent back (with the comment and the unit link), tells the @mentioned, never the reviewer', async () => {
    await translateAll('es');
    const unit = (await unitsOf('es'))[2];
    if (!unit?.target) throw new Error('the paragraph has a translation');
    const comment = `Please check the verb; @${mentioned.username} knows this text.`;
    await reviewTarget(ctx.deps, actorOf(reviewer), {
      postId,
      language: 'es',
      unitId: unit.unitId,
      version: unit.target.version,
      action: 'send_back',
      comment,
    });
    const [sentBack] = await noticesOf(translator);
    expect(sentBack).toMatchObject({
      kind: 'unit_sent_back',
      link: `/translate/${postId}/es#unit-${unit.unitId}`,
      params: {
        comment,
        language: 'es',
        unitId: unit.unitId,
        actorName: 'Rita Reviewer',
        postTitle: 'A shared playbook',
      },
      readAt: null,
      emailState: 'pending',
    });
    expect(await kindsOf(mentioned)).toEqual(['review_mention']);
    expect(await kindsOf(reviewer)).toEqual([]);
  });

  it('tells the translator of approvals (no e-mail by default) and, once published, every translator but the publisher', async () => {
    // The sent-back unit is translated again, then every unit is approved: published.
    let units = await unitsOf('es');
    const sentBack = units.find((u) => u.target?.state === 'draft');
    if (!sentBack?.target) throw new Error('one unit was sent back');
    await saveTarget(ctx.deps, actorOf(translator), {
      postId,
      language: 'es',
      unitId: sentBack.unitId,
      text: 'es: El primer párrafo.',
      version: sentBack.target.version,
      sourceRevision: sentBack.sourceRevision,
    });
    units = await unitsOf('es');
    for (const unit of units)
      await reviewTarget(ctx.deps, actorOf(reviewer), {
        postId,
        language: 'es',
        unitId: unit.unitId,
        version: unit.target?.version ?? 0,
        action: 'approve',
      });
    const notices = await noticesOf(translator);
    const approvals = notices.filter((n) => n.kind === 'unit_approved');
    expect(approvals).toHaveLength(units.length);
    expect(approvals.every((n) => n.emailState === 'none')).toBe(true);
    const published = notices.filter((n) => n.kind === 'translation_published');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      link: `/translate/${postId}/es`,
      params: { language: 'es', postTitle: 'es: A shared playbook' },
      emailState: 'pending',
    });
    expect(await kindsOf(reviewer)).toEqual([]);
  });

  it('tells each translator ONE notice per translation when an edit outdates their units', async () => {
    await translateAll('de');
    const before = (await kindsOf(translator)).length;
    const post = await ctx.deps.store.posts.findById(postId);
    await savePost(ctx.deps, actorOf(author), postId, post?.currentRevision ?? 0, {
      language: 'en',
      title: 'A shared playbook',
      excerpt: 'How six communities wrote one.',
      body: 'The first paragraph changed a lot.\n\nThe second paragraph changed as well.',
    });
    await publishPost(ctx.deps, actorOf(editor), postId);
    await runDueJobs(ctx.deps);
    const notices = await noticesOf(translator);
    const outdated = notices.filter((n) => n.kind === 'translation_outdated');
    expect(notices.length - before).toBe(2);
    expect(outdated.map((n) => [n.params.language, n.params.count]).sort()).toEqual([
      ['de', 2],
      ['es', 2],
    ]);
    // Publishing the latest changes of a published post does not tell its author again.
    expect((await kindsOf(author)).filter((k) => k === 'post_published')).toHaveLength(1);
  });

  it('notifies nobody when the action rolls back', async () => {
    const before = (await noticesOf(reader)).length;
    await expect(
      ctx.deps.store.transaction(async (store) => {
        await notify(ctx.deps, store, {
          userId: reader.id,
          kind: 'comment_reply',
          params: { postTitle: 'x', actorName: 'Someone' },
          link: '/',
          actorId: null,
        });
        throw new Error('the comment could not be saved');
      }),
    ).rejects.toThrow(/could not be saved/);
    expect(await noticesOf(reader)).toHaveLength(before);
    const self = await ctx.deps.store.transaction((store) =>
      notify(ctx.deps, store, {
        userId: reader.id,
        kind: 'comment_on_post',
        params: {},
        link: '/',
        actorId: reader.id,
      }),
    );
    expect(self).toBeNull();
  });

  it('shows the bell with the unread count, lists notices newest first and opens one (marking it read, 303 to the unit)', async () => {
    const unread = await ctx.deps.store.notifications.countUnread(translator.id);
    expect(unread).toBeGreaterThan(2);
    const home = await translatorAgent.get('/translate');
    expect(home.body).toContain(`aria-label="Notifications, ${unread} unread"`);
    expect(home.body).toContain(
      `<span class="notification-count" aria-hidden="true">${unread}</span>`,
    );
    const list = await translatorAgent.get('/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toContain('no-store');
    const notices = await noticesOf(translator);
    const ids = [...list.body.matchAll(/href="\/notifications\/(?!settings")([^"/]+)"/g)].map(
      (m) => m[1],
    );
    expect(ids).toEqual(notices.slice(0, ids.length).map((n) => n.id));
    expect(list.body).toContain(
      'Rita Reviewer sent back your translation of a segment of “A shared playbook” (Spanish)',
    );
    expect(list.body).toContain('Comment: Please check the verb;');
    const sentBack = notices.find((n) => n.kind === 'unit_sent_back');
    if (!sentBack) throw new Error('sent back notice');
    const opened = await translatorAgent.get(`/notifications/${sentBack.id}`);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(sentBack.link);
    expect((await ctx.deps.store.notifications.findById(sentBack.id))?.readAt).not.toBeNull();
    expect(await ctx.deps.store.notifications.countUnread(translator.id)).toBe(unread - 1);
    // Someone else's notice is not found, and stays unread.
    const authorNotice = (await noticesOf(author))[0];
    if (!authorNotice) throw new Error('author notice');
    expect((await translatorAgent.get(`/notifications/${authorNotice.id}`)).statusCode).toBe(404);
    expect((await ctx.deps.store.notifications.findById(authorNotice.id))?.readAt).toBeNull();
  });

  it('marks all read: the bell shows no count', async () => {
    const done = await translatorAgent.post('/notifications/read-all');
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/notifications');
    expect(await ctx.deps.store.notifications.countUnread(translator.id)).toBe(0);
    const page = await translatorAgent.get('/notifications');
    expect(page.body).toContain('aria-label="Notifications"');
    expect(page.body).not.toContain('class="notification-count"');
    expect(page.body).not.toContain('Mark all read');
  });

  it('refuses outsiders on every notification route, and leaves signed-out pages without a bell', async () => {
    for (const url of ['/notifications', '/notifications/settings', '/notifications/some-id']) {
      const response = await anonymous('GET', url);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/^\/signin\?next=/);
    }
    for (const url of [
      '/notifications/read-all',
      '/notifications/settings',
      '/notifications/settings/resume',
    ])
      expect([401, 403]).toContain((await anonymous('POST', url)).statusCode);
    const home = await anonymous('GET', '/en/');
    expect(home.body).not.toContain('notification-bell');
  });

  it('saves e-mail preferences per kind and the mail language, refusing an unknown language', async () => {
    const before = await translatorAgent.get('/notifications/settings');
    expect(before.statusCode).toBe(200);
    expect(before.body).toMatch(/name="email" value="unit_sent_back" checked/);
    expect(before.body).not.toMatch(/name="email" value="unit_approved" checked/);
    const saved = await translatorAgent.post('/notifications/settings', {
      email: ['unit_approved', 'translation_outdated'],
      interfaceLanguage: 'es',
    });
    expect(saved.statusCode).toBe(303);
    const prefs = await ctx.deps.store.notifications.emailPreferences(translator.id);
    expect(prefs.get('unit_approved')).toBe(true);
    expect(prefs.get('unit_sent_back')).toBe(false);
    expect(await ctx.deps.store.notifications.interfaceLanguage(translator.id)).toBe('es');
    const refused = await translatorAgent.post('/notifications/settings', {
      email: [],
      interfaceLanguage: 'xx-not-a-site-language',
    });
    expect(refused.statusCode).toBe(422);
    expect(await ctx.deps.store.notifications.interfaceLanguage(translator.id)).toBe('es');
    // A kind switched off: the notice is made, its e-mail is not.
    const id = await ctx.deps.store.transaction((store) =>
      notify(ctx.deps, store, {
        userId: translator.id,
        kind: 'unit_sent_back',
        params: {},
        link: '/',
        actorId: reviewer.id,
      }),
    );
    expect((await ctx.deps.store.notifications.findById(id ?? ''))?.emailState).toBe('none');
  });

  it('e-mails once, in the recipient’s language, with RFC 8058 headers, across two runs and two racing runners', async () => {
    await runDueJobs(later(ctx.deps)); // what earlier tests queued
    ctx.mail.length = 0;
    const id = await ctx.deps.store.transaction((store) =>
      notify(ctx.deps, store, {
        userId: translator.id,
        kind: 'translation_outdated',
        params: { postTitle: 'A shared playbook', language: 'de', count: 3 },
        link: `/translate/${postId}/de`,
        actorId: null,
      }),
    );
    await Promise.all([
      runDueJobs(ctx.deps, undefined, { runnerId: 'A' }),
      runDueJobs(ctx.deps, undefined, { runnerId: 'B' }),
    ]);
    await runDueJobs(later(ctx.deps));
    const mine = ctx.mail.filter((m) => m.to === translator.email);
    expect(mine).toHaveLength(1);
    const [message] = mine;
    expect(message?.subject).toBe(
      'Polyphony: «A shared playbook» cambió: tu traducción al alemán tiene 3 segmentos desactualizados',
    );
    expect(message?.text).toContain('Hola, Vera Volunteer:');
    expect(message?.text).toContain(`http://localhost:3000/notifications/${id}`);
    const url = await unsubscribeUrl(ctx.deps, translator.id, 'notifications');
    expect(message?.headers).toEqual({
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(message?.text).toContain(url);
    expect((await ctx.deps.store.notifications.findById(id ?? ''))?.emailState).toBe('sent');
  });

  it('retries after a failing mailer and then sends exactly once', async () => {
    ctx.mail.length = 0;
    const id = await ctx.deps.store.transaction((store) =>
      notify(ctx.deps, store, {
        userId: author.id,
        kind: 'post_published',
        params: { postTitle: 'A shared playbook' },
        link: `/write/${postId}`,
        actorId: editor.id,
      }),
    );
    const errors: unknown[] = [];
    const failing: ServiceDeps = {
      ...ctx.deps,
      mailer: { send: () => Promise.reject(new Error('the SMTP server is down')) },
    };
    expect(await runDueJobs(failing, (e) => errors.push(e))).toBe(0);
    expect(String(errors[0])).toMatch(/SMTP server is down.*retried|retried.*SMTP server is down/);
    expect(await ctx.deps.store.notifications.findById(id ?? '')).toMatchObject({
      emailState: 'pending',
      emailAttempts: 1,
    });
    await runDueJobs(later(ctx.deps));
    await runDueJobs(later(ctx.deps));
    expect(ctx.mail.filter((m) => m.to === author.email)).toHaveLength(1);
    expect(await ctx.deps.store.notifications.findById(id ?? '')).toMatchObject({
      emailState: 'sent',
      emailAttempts: 2,
    });
  });

  it('unsubscribes in one click without signing in (GET only asks), refuses forged tokens, and opts back in', async () => {
    const url = await unsubscribeUrl(ctx.deps, author.id, 'notifications');
    const path = new URL(url).pathname;
    const asked = await anonymous('GET', path);
    expect(asked.statusCode).toBe(200);
    expect(asked.headers['cache-control']).toBe('no-store');
    expect(asked.body).toContain(`action="${path}"`);
    expect(await isOptedOut(ctx.deps.store, author.id, 'notifications')).toBe(false);

    // Forgeries: another person's id under this MAC, an altered MAC, another scope.
    const [scope, , mac] = path.slice('/unsubscribe/'.length).split('.');
    const otherId = Buffer.from(reader.id).toString('base64url');
    const forged = [
      `/unsubscribe/${scope}.${otherId}.${mac}`,
      `/unsubscribe/${path.slice('/unsubscribe/'.length, -2)}AA`,
      path.replace('/unsubscribe/notifications.', '/unsubscribe/digest.'),
      '/unsubscribe/not-a-token',
    ];
    for (const bad of forged) {
      expect((await anonymous('POST', bad, 'List-Unsubscribe=One-Click')).statusCode).toBe(404);
      expect((await anonymous('GET', bad)).statusCode).toBe(404);
    }
    expect(await isOptedOut(ctx.deps.store, reader.id, 'notifications')).toBe(false);
    expect(await isOptedOut(ctx.deps.store, author.id, 'digest')).toBe(false);
    expect(await isOptedOut(ctx.deps.store, author.id, 'notifications')).toBe(false);

    // The RFC 8058 POST: no cookie, no CSRF token.
    const done = await anonymous('POST', path, 'List-Unsubscribe=One-Click');
    expect(done.statusCode).toBe(200);
    expect(await isOptedOut(ctx.deps.store, author.id, 'notifications')).toBe(true);
    expect((await anonymous('GET', path)).body).toContain('already unsubscribed');
    // Opted out: the notice is made, no e-mail is queued.
    const id = await ctx.deps.store.transaction((store) =>
      notify(ctx.deps, store, {
        userId: author.id,
        kind: 'post_published',
        params: {},
        link: '/',
        actorId: editor.id,
      }),
    );
    expect((await ctx.deps.store.notifications.findById(id ?? ''))?.emailState).toBe('none');

    const authorAgent = new Agent(ctx.app);
    await authorAgent.signIn(author.username);
    const settings = await authorAgent.get('/notifications/settings');
    expect(settings.body).toContain('You unsubscribed from notification e-mails');
    const resumed = await authorAgent.post('/notifications/settings/resume');
    expect(resumed.statusCode).toBe(303);
    expect(await isOptedOut(ctx.deps.store, author.id, 'notifications')).toBe(false);
  });

  it('gives the same headers to the digest scope with its own token', async () => {
    const notices = await unsubscribeHeaders(ctx.deps, reader.id, 'notifications');
    const digest = await unsubscribeHeaders(ctx.deps, reader.id, 'digest');
    expect(digest['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(digest['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/digest\./);
    expect(digest['List-Unsubscribe']).not.toBe(notices['List-Unsubscribe']);
  });
});

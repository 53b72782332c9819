/**
 * Readers' comments through HTTP on every engine. Acceptance: XSS payloads render as inert
 * text; a new account's first comment waits for moderation (its author sees it marked, others
 * do not) and the second is published at once; a comment on a closed post is refused with a
 * clear message (422) and the page says "Comments are closed"; the per-account and
 * per-address limits answer 429 with Retry-After; a moderator's delete leaves a tombstone and
 * keeps the replies. Also: threads per language version, a reply to a reply attached to its
 * top-level comment, the edit window (the deps clock), the honeypot, the link guard, listing
 * counts, the cached signed-out page dropped when a comment is published, the moderation
 * queue, and outsiders refused (signed out, a reader moderating, someone else's comment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySiteSettings } from '../../src/services/admin/site-settings.service.js';
import { DEFAULT_COMMENT_LIMITS } from '../../src/services/comments/limits.js';
import type { PostRecord, UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pathOf, read, writePost } from './reader/reader-support.js';

const DAY = 86_400_000;

/** Ids of the comments a page shows, in order (tombstones included). */
function commentIds(html: string): string[] {
  return [...html.matchAll(/<article class="comment[^"]*" id="comment-([0-9a-f-]{36})"/g)].map(
    (m) => m[1] ?? '',
  );
}

/** The thread section of a post page. */
function thread(html: string): string {
  return /<section class="comments"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
}

describe.each(engines())('comments over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let now: Date;
  let editor: UserRecord;
  let post: PostRecord;
  let oldPost: PostRecord;
  let path: string;
  let editorAgent: Agent;

  /** An agent signed in as a new reader account (no comment yet). */
  async function newReader(): Promise<{ user: UserRecord; agent: Agent }> {
    const user = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    return { user, agent };
  }

  /** Posts a comment as `agent`; returns its id from the redirect. */
  async function comment(
    agent: Agent,
    body: string,
    extra: Record<string, string> = {},
    on: PostRecord = post,
  ): Promise<string> {
    // Comments of a thread come in order: each a second after the one before.
    now = new Date(now.getTime() + 1_000);
    const response = await agent.post('/comments', {
      postId: on.id,
      language: on.sourceLanguage,
      body,
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(303);
    const id = /#comment-([0-9a-f-]{36})$/.exec(String(response.headers.location))?.[1];
    expect(id, String(response.headers.location)).toBeTruthy();
    return id ?? '';
  }

  /** A reader whose first comment an editor approved: their next comments publish at once. */
  async function trustedReader(): Promise<{ user: UserRecord; agent: Agent }> {
    const reader = await newReader();
    const id = await comment(reader.agent, 'Hello, first time here.');
    const approved = await editorAgent.post(`/editorial/comments/${id}/approve`);
    expect(approved.statusCode).toBe(303);
    return reader;
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    now = new Date();
    ctx.deps.clock = { now: () => now };
    // Every request here comes from one address: the per-address limit is tested on its own.
    ctx.deps.settings.commentLimits = {
      perAccount: { max: 100, windowSeconds: 600 },
      perAddress: { max: 1_000, windowSeconds: 600 },
    };
    const author = await buildUser(ctx.deps, ['author']);
    editor = await buildUser(ctx.deps, ['editor']);
    post = await writePost(ctx.deps, author, editor, {
      language: 'en',
      title: 'Notes from the Nairobi meetup',
      authorIds: [author.id],
      publishedAt: new Date(now.getTime() - DAY).toISOString(),
    });
    oldPost = await writePost(ctx.deps, author, editor, {
      language: 'en',
      title: 'An old report',
      authorIds: [author.id],
      publishedAt: new Date(now.getTime() - 30 * DAY).toISOString(),
    });
    path = pathOf(post);
    editorAgent = new Agent(ctx.app);
    await editorAgent.signIn(editor.username);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('shows signed-out readers the thread and a way to sign in, with no form', async () => {
    const page = await read(ctx.app, path);
    expect(page.statusCode).toBe(200);
    const section = thread(page.body);
    expect(section).toContain('No comments yet.');
    expect(section).toContain(`href="/signin?next=${encodeURIComponent(path)}"`);
    expect(section).toContain('Sign in to comment');
    expect(section).not.toContain('<form');
    expect(section).not.toContain('_csrf');
  });

  it('refuses outsiders: signed out, a reader moderating, someone else editing or deleting', async () => {
    const signedOut = await ctx.app.inject({
      method: 'POST',
      url: '/comments',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `postId=${post.id}&language=en&body=hi`,
    });
    expect(signedOut.statusCode).toBe(401);
    const queue = await read(ctx.app, '/editorial/comments');
    expect(queue.statusCode).toBe(303);
    expect(queue.headers.location).toBe('/signin?next=%2Feditorial%2Fcomments');

    const { agent: reader } = await trustedReader();
    const id = await comment(reader, 'Mine, only mine.');
    const { agent: other } = await newReader();
    expect((await other.get('/editorial/comments')).statusCode).toBe(403);
    expect((await other.post(`/editorial/comments/${id}/approve`)).statusCode).toBe(403);
    expect((await other.post(`/editorial/comments/${id}/delete`)).statusCode).toBe(403);
    expect((await other.get(`/comments/${id}/edit`)).statusCode).toBe(403);
    expect((await other.post(`/comments/${id}/edit`, { body: 'Hijacked' })).statusCode).toBe(403);
    expect((await other.post(`/comments/${id}/delete`)).statusCode).toBe(403);
    // Without the CSRF token a signed-in reader's comment is refused too.
    expect(
      (
        await reader.post(
          '/comments',
          { postId: post.id, language: 'en', body: 'No token' },
          { withCsrf: false },
        )
      ).statusCode,
    ).toBe(403);
    const page = await read(ctx.app, path);
    expect(page.body).toContain('Mine, only mine.');
    expect(page.body).not.toContain('Hijacked');
  });

  it("holds a new account's first comment for moderation, then publishes the next at once", async () => {
    const { user, agent } = await newReader();
    const first = await comment(agent, 'My very first comment');
    const own = await agent.get(path);
    expect(thread(own.body)).toContain('My very first comment');
    expect(thread(own.body)).toContain('Waiting for moderation');
    const outsider = await read(ctx.app, path);
    expect(outsider.body).not.toContain('My very first comment');
    expect(commentIds(outsider.body)).not.toContain(first);

    // Still held: a second comment before any approval waits too.
    const second = await comment(agent, 'Another one while I wait');
    expect((await ctx.deps.store.comments.findById(second))?.status).toBe('pending');

    const queue = await editorAgent.get('/editorial/comments');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('My very first comment');
    expect(queue.body.indexOf('My very first comment')).toBeLessThan(
      queue.body.indexOf('Another one while I wait'),
    );
    expect((await editorAgent.post(`/editorial/comments/${first}/approve`)).statusCode).toBe(303);
    // A decision is taken once: approving again is a conflict.
    expect((await editorAgent.post(`/editorial/comments/${first}/approve`)).statusCode).toBe(409);
    expect((await editorAgent.post(`/editorial/comments/${second}/reject`)).statusCode).toBe(303);

    const after = await read(ctx.app, path);
    expect(after.body).toContain('My very first comment');
    expect(after.body).not.toContain('Another one while I wait');
    const third = await comment(agent, 'Now I am trusted');
    expect((await ctx.deps.store.comments.findById(third))?.status).toBe('published');
    expect(await ctx.deps.store.comments.hasPublished(user.id)).toBe(true);
    const audit = await ctx.deps.store.audit.list({ limit: 50, actionPrefix: 'comment.' });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['comment.approve', 'comment.reject']),
    );
  });

  it("tells the post's authors and the answered commenter, once each, when a comment is published", async () => {
    const writer = await buildUser(ctx.deps, ['author']);
    const mine = await writePost(ctx.deps, writer, editor, {
      language: 'en',
      title: 'A post with readers',
      authorIds: [writer.id],
      publishedAt: new Date(now.getTime() - DAY).toISOString(),
    });
    const kinds = async (userId: string) =>
      (await ctx.deps.store.notifications.listForUser(userId, 0, 50))
        .filter((n) => n.kind.startsWith('comment_'))
        .reverse()
        .map((n) => ({
          kind: n.kind,
          link: n.link,
          comment: n.params.comment,
        }));
    // A held first comment tells nobody until a moderator approves it.
    const newcomer = await newReader();
    const held = await comment(newcomer.agent, 'Held until approved', {}, mine);
    expect(await kinds(writer.id)).toEqual([]);
    expect((await editorAgent.post(`/editorial/comments/${held}/approve`)).statusCode).toBe(303);
    expect(await kinds(writer.id)).toEqual([
      {
        kind: 'comment_on_post',
        link: `${pathOf(mine)}#comment-${held}`,
        comment: 'Held until approved',
      },
    ]);

    // A reply: the answered commenter hears of the reply, the author of a comment on the post.
    const { user: replier, agent } = await trustedReader();
    const reply = await comment(agent, 'Welcome!', { parentId: held }, mine);
    expect(await kinds(newcomer.user.id)).toEqual([
      { kind: 'comment_reply', link: `${pathOf(mine)}#comment-${reply}`, comment: 'Welcome!' },
    ]);
    expect((await kinds(writer.id)).map((n) => n.kind)).toEqual([
      'comment_on_post',
      'comment_on_post',
    ]);
    // Nobody is told of their own comment; the author answering is told nothing.
    expect(await kinds(replier.id)).toEqual([]);
    const writerAgent = new Agent(ctx.app);
    await writerAgent.signIn(writer.username);
    const thanks = await comment(writerAgent, 'Thanks both', { parentId: reply }, mine);
    expect((await editorAgent.post(`/editorial/comments/${thanks}/approve`)).statusCode).toBe(303);
    expect((await kinds(writer.id)).length).toBe(2);
    expect((await kinds(newcomer.user.id)).map((n) => n.kind)).toEqual([
      'comment_reply',
      'comment_reply',
    ]);
  });

  it('renders XSS payloads as inert text, and links with rel="nofollow ugc noopener"', async () => {
    const { agent } = await trustedReader();
    await comment(
      agent,
      [
        '<script>alert("xss")</script>',
        '',
        '[click me](javascript:alert(1)) <img src=x onerror=alert(2)>',
        '',
        '<a href="javascript:alert(3)">raw link</a> and https://example.org/ok',
      ].join('\n'),
    );
    const section = thread((await read(ctx.app, path)).body);
    expect(section).not.toMatch(/<script/i);
    expect(section).not.toMatch(/<img/i);
    // Real tags start with "<" (text has it escaped): no link targets a script.
    expect(section).not.toMatch(/<a [^>]*href="javascript:/i);
    expect(section).not.toMatch(/<[^>]+ onerror=/i);
    expect(section).toContain('&#x3C;script>alert("xss")&#x3C;/script>');
    expect(section).toContain('<a>click me</a>');
    expect(section).toContain(
      '<a href="https://example.org/ok" rel="nofollow ugc noopener">https://example.org/ok</a>',
    );
  });

  it('refuses a comment on a closed post with a clear message, and says so on the page', async () => {
    const { agent } = await trustedReader();
    const refused = await agent.post('/comments', {
      postId: oldPost.id,
      language: 'en',
      body: 'Too late?',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(
      'Comments are closed: this post was published more than 21 days ago.',
    );
    const page = await agent.get(pathOf(oldPost));
    expect(thread(page.body)).toContain('Comments are closed.');
    expect(thread(page.body)).not.toContain('<textarea');
    // In Spanish under /es/, the refusal is said in Spanish.
    const es = await agent.get(`/es${pathOf(oldPost).slice(3)}`);
    expect(thread(es.body)).toContain('Los comentarios están cerrados.');
    // 0 days: never closes.
    ctx.deps.settings.commentsCloseAfterDays = 0;
    try {
      await comment(agent, 'Open forever', {}, oldPost);
    } finally {
      delete ctx.deps.settings.commentsCloseAfterDays;
    }
  });

  it('answers 429 with Retry-After past the per-account and per-address limits', async () => {
    const limits = ctx.deps.settings.commentLimits;
    const { agent } = await trustedReader();
    // Fresh windows: every earlier attempt is in an older one.
    now = new Date(now.getTime() + 11 * 60_000);
    ctx.deps.settings.commentLimits = {
      perAccount: { max: 2, windowSeconds: 600 },
      perAddress: { max: 1_000, windowSeconds: 600 },
    };
    try {
      await comment(agent, 'One');
      await comment(agent, 'Two');
      const third = await agent.post('/comments', {
        postId: post.id,
        language: 'en',
        body: 'Three',
      });
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(third.body).toContain('You have written many comments in a short time.');

      now = new Date(now.getTime() + 11 * 60_000);
      ctx.deps.settings.commentLimits = {
        perAccount: { max: 100, windowSeconds: 600 },
        perAddress: { max: 2, windowSeconds: 600 },
      };
      const others = [await trustedReader(), await trustedReader()];
      const blocked = await others[1]?.agent.post('/comments', {
        postId: post.id,
        language: 'en',
        body: 'From the same network',
      });
      expect(blocked?.statusCode).toBe(429);
      expect(blocked?.body).toContain('Many comments came from your network');
    } finally {
      now = new Date(now.getTime() + 11 * 60_000);
      ctx.deps.settings.commentLimits = limits ?? DEFAULT_COMMENT_LIMITS;
    }
  });

  it('keeps a moderator-deleted comment as a tombstone with its replies; a reply to a reply joins the top level', async () => {
    const { agent: first } = await trustedReader();
    const { agent: second } = await trustedReader();
    const top = await comment(first, 'Top-level thought about the meetup');
    const reply = await comment(second, 'A reply to that thought', { parentId: top });
    const nested = await comment(first, 'Answering the reply', { parentId: reply });
    expect((await ctx.deps.store.comments.findById(reply))?.parentId).toBe(top);
    expect((await ctx.deps.store.comments.findById(nested))?.parentId).toBe(top);

    expect((await editorAgent.post(`/comments/${top}/delete`)).statusCode).toBe(303);
    const page = await read(ctx.app, path);
    const section = thread(page.body);
    expect(section).not.toContain('Top-level thought about the meetup');
    expect(section).toContain('This comment was deleted.');
    expect(section).toContain('A reply to that thought');
    expect(section).toContain('Answering the reply');
    const ids = commentIds(page.body);
    expect(ids.indexOf(top)).toBeLessThan(ids.indexOf(reply));
    const stored = await ctx.deps.store.comments.findById(top);
    expect(stored?.deletedBy).toBe(editor.id);
    expect(stored?.body).toBe('');
    // Replying to a deleted comment is refused, naming the field.
    const refused = await second.post('/comments', {
      postId: post.id,
      language: 'en',
      body: 'Still there?',
      parentId: top,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('The comment you are answering is no longer there.');
    const audit = await ctx.deps.store.audit.list({ limit: 50, actionPrefix: 'comment.' });
    expect(audit.some((e) => e.action === 'comment.delete' && e.subject.id === top)).toBe(true);
    // The author deletes their own reply: a tombstone too.
    expect((await first.post(`/comments/${nested}/delete`)).statusCode).toBe(303);
    expect((await first.post(`/comments/${nested}/delete`)).statusCode).toBe(409);
  });

  it('lets the author edit within the grace period only', async () => {
    const { agent } = await trustedReader();
    const id = await comment(agent, 'Typo in thsi comment');
    const form = await agent.get(`/comments/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Typo in thsi comment');
    now = new Date(now.getTime() + 10 * 60_000);
    expect(
      (await agent.post(`/comments/${id}/edit`, { body: 'Typo in this comment' })).statusCode,
    ).toBe(303);
    const page = await read(ctx.app, path);
    expect(page.body).toContain('Typo in this comment');
    expect(page.body).toContain('edited');
    now = new Date(now.getTime() + 6 * 60_000);
    const late = await agent.post(`/comments/${id}/edit`, { body: 'Too late to change' });
    expect(late.statusCode).toBe(403);
    expect(late.body).toContain('in the first 15 minutes');
    expect((await read(ctx.app, path)).body).not.toContain('Too late to change');
  });

  it('drops the cached signed-out page and listing when a comment is published', async () => {
    const { agent } = await trustedReader();
    await read(ctx.app, path);
    const cached = await read(ctx.app, path);
    expect(cached.headers['x-cache']).toBe('HIT');
    await read(ctx.app, '/en/');
    expect((await read(ctx.app, '/en/')).headers['x-cache']).toBe('HIT');
    await comment(agent, 'Fresh from the oven');
    const fresh = await read(ctx.app, path);
    expect(fresh.headers['x-cache']).not.toBe('HIT');
    expect(fresh.body).toContain('Fresh from the oven');
    // The card of the listing counts the published comments of its thread.
    const count = await ctx.deps.store.comments.countPublished([
      { postId: post.id, language: 'en' },
    ]);
    const listing = await read(ctx.app, '/en/');
    expect(listing.headers['x-cache']).not.toBe('HIT');
    expect(listing.body).toContain(`${count[0]?.count ?? 0} comments</a>`);
    expect(listing.body).toContain(`href="${path}#comments"`);
  });

  it('keeps one thread per language version', async () => {
    const { agent } = await trustedReader();
    const es = `/es${path.slice(3)}`;
    const response = await agent.post('/comments', {
      postId: post.id,
      language: 'es',
      body: 'Un comentario en español',
    });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers.location)).toMatch(new RegExp(`^${es}#comment-`));
    expect((await read(ctx.app, es)).body).toContain('Un comentario en español');
    expect((await read(ctx.app, path)).body).not.toContain('Un comentario en español');
    // A language the site does not have is no thread at all.
    const unknown = await agent.post('/comments', { postId: post.id, language: 'xx', body: 'Hm' });
    expect(unknown.statusCode).toBe(404);
  });

  it('drops a comment whose honeypot is filled, answering as if accepted', async () => {
    const { user, agent } = await trustedReader();
    const response = await agent.post('/comments', {
      postId: post.id,
      language: 'en',
      body: 'Buy cheap watches',
      website: 'http://spam.example',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${path}#comments`);
    const page = await agent.get(path);
    expect(page.body).not.toContain('Buy cheap watches');
    const mine = await ctx.deps.store.comments.listThread(post.id, 'en', user.id, 500);
    expect(mine.some((c) => c.body.includes('cheap watches'))).toBe(false);
  });

  it('sends a trusted account’s comment with more than three links to moderation', async () => {
    const { agent } = await trustedReader();
    const id = await comment(
      agent,
      'See https://a.example https://b.example https://c.example and https://d.example',
    );
    expect((await ctx.deps.store.comments.findById(id))?.status).toBe('pending');
    const few = await comment(agent, 'Only https://a.example');
    expect((await ctx.deps.store.comments.findById(few))?.status).toBe('published');
  });

  it('closes comments after the days an administrator sets on /admin/settings', async () => {
    // The site's languages in the database, as at a real start (the form checks the default).
    await applySiteSettings(ctx.deps);
    const admin = await buildUser(ctx.deps, ['admin']);
    const agent = new Agent(ctx.app);
    await agent.signIn(admin.username);
    const page = await agent.get('/admin/settings');
    expect(page.body).toMatch(/name="commentsCloseAfterDays"[^>]*value="21"/);
    const form = {
      siteName: ctx.deps.settings.siteName,
      siteDescription: '',
      defaultLanguage: 'en',
      minCompletion: String(ctx.deps.settings.publication.minCompletion),
      ...(ctx.deps.settings.publication.requireReview ? { requireReview: 'on' } : {}),
      ...(ctx.deps.settings.translatorRoleAtSignUp ? { translatorRoleAtSignUp: 'on' } : {}),
    };
    const bad = await agent.post('/admin/settings', { ...form, commentsCloseAfterDays: '-3' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#commentsCloseAfterDays"');
    const saved = await agent.post('/admin/settings', { ...form, commentsCloseAfterDays: '40' });
    expect(saved.statusCode).toBe(303);
    try {
      expect(ctx.deps.settings.commentsCloseAfterDays).toBe(40);
      const { agent: reader } = await trustedReader();
      await comment(reader, 'Within forty days', {}, oldPost);
      const audit = await ctx.deps.store.audit.list({ limit: 5, actionPrefix: 'settings.' });
      expect(audit[0]?.details).toMatchObject({ changed: ['commentsCloseAfterDays'] });
    } finally {
      expect(
        (await agent.post('/admin/settings', { ...form, commentsCloseAfterDays: '21' })).statusCode,
      ).toBe(303);
    }
    expect(ctx.deps.settings.commentsCloseAfterDays).toBe(21);
  });

  it('refuses empty and over-long comments naming the field', async () => {
    const { agent } = await trustedReader();
    const empty = await agent.post('/comments', { postId: post.id, language: 'en', body: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('body');
    const long = await agent.post('/comments', {
      postId: post.id,
      language: 'en',
      body: 'a'.repeat(5_001),
    });
    expect(long.statusCode).toBe(413);
  });
});

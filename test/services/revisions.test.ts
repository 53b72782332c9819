/**
 * Acceptance: ten saves of one post give ten revisions; restoring the third creates an
 * eleventh equal to the third; a stale concurrent save is refused and both texts survive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { compareRevisions, listRevisions } from '../../src/services/posts/revisions.service.js';
import {
  createPost,
  restoreRevision,
  savePost,
  StaleRevisionError,
} from '../../src/services/posts/save-post.service.js';
import type { PostInput } from '../../src/services/posts/post-input.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });

describe.each(engines())('revisions on $name', (engine) => {
  let ctx: TestContext;
  let author: Actor;
  let coAuthor: Actor;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    author = actorOf(await buildUser(ctx.deps, ['author']));
    coAuthor = actorOf(await buildUser(ctx.deps, ['author']));
  });
  afterAll(() => ctx.close());

  /** The input of save number `n`: every field that a revision keeps differs from save to save. */
  const version = (n: number): PostInput => ({
    language: 'en',
    title: `Title number ${n}`,
    slug: 'ten-saves',
    excerpt: `Excerpt ${n}`,
    body: `Paragraph for save ${n}.\n\nAnother *paragraph* ${n}.`,
    authorIds: n % 2 === 0 ? [author.id, coAuthor.id] : [author.id],
    tags: [`tag-${n}`, 'common'],
    categories: [`category ${n}`],
  });

  it('keeps ten revisions for ten saves and restores the third as the eleventh', async () => {
    const post = await createPost(ctx.deps, author, version(1));
    expect(post.currentRevision).toBe(1);
    for (let n = 2; n <= 10; n += 1) {
      const saved = await savePost(ctx.deps, author, post.id, n - 1, version(n));
      expect(saved.revision).toBe(n);
    }

    const { post: after, revisions } = await listRevisions(ctx.deps, author, post.id);
    expect(after.currentRevision).toBe(10);
    expect(revisions.map((r) => r.number).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    for (const r of revisions) {
      expect(r.title).toBe(`Title number ${r.number}`);
      expect(r.savedBy).toBe(author.id);
      expect(r.restoredFrom).toBeNull();
    }

    const restored = await restoreRevision(ctx.deps, author, post.id, 3, 10);
    expect(restored.revision).toBe(11);

    const { post: final, revisions: all } = await listRevisions(ctx.deps, author, post.id);
    expect(final.currentRevision).toBe(11);
    expect(all).toHaveLength(11);
    const third = all.find((r) => r.number === 3)!;
    const eleventh = all.find((r) => r.number === 11)!;
    expect(eleventh.restoredFrom).toBe(3);
    expect(eleventh.title).toBe('Title number 3');
    expect(eleventh.title).toBe(third.title);
    expect(eleventh.excerpt).toBe(third.excerpt);
    expect(eleventh.bodyMarkdown).toBe(third.bodyMarkdown);
    expect(eleventh.bodyDoc).toBe(third.bodyDoc);
    expect(eleventh.metadata).toEqual(third.metadata);
    expect(eleventh.metadata.tags).toEqual(['tag-3', 'common']);
    // Revision 10 is still there: history only grows.
    expect(all.find((r) => r.number === 10)?.title).toBe('Title number 10');

    // The post's taxonomy follows the restored revision.
    const terms = await ctx.deps.store.posts.termsOfPost(post.id);
    expect(
      terms
        .filter((t) => t.kind === 'tag')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['common', 'tag-3']);
  });

  it('refuses a restore based on an old revision', async () => {
    const post = await createPost(ctx.deps, author, { ...version(1), slug: 'restore-stale' });
    await savePost(ctx.deps, author, post.id, 1, { ...version(2), slug: 'restore-stale' });
    await expect(restoreRevision(ctx.deps, author, post.id, 1, 1)).rejects.toMatchObject({
      code: 'stale_revision',
    });
    const { revisions } = await listRevisions(ctx.deps, author, post.id);
    expect(revisions).toHaveLength(2);
  });

  it('refuses a stale concurrent save and keeps both texts', async () => {
    const post = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'Shared draft',
      body: 'Original text.',
      authorIds: [author.id, coAuthor.id],
    });
    const first: PostInput = {
      language: 'en',
      title: 'Shared draft',
      body: 'Text from the first author.',
      authorIds: [author.id, coAuthor.id],
    };
    const second: PostInput = { ...first, body: 'Text from the second author, saved too late.' };

    await savePost(ctx.deps, author, post.id, 1, first);
    const error = await savePost(ctx.deps, coAuthor, post.id, 1, second).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StaleRevisionError);
    const stale = error as StaleRevisionError;
    expect(stale.code).toBe('stale_revision');
    expect(stale.current.number).toBe(2);
    expect(stale.current.bodyMarkdown).toBe('Text from the first author.');
    expect(stale.submitted.body).toBe('Text from the second author, saved too late.');

    // The winner is revision 2; there is no revision 3.
    const { post: after, revisions } = await listRevisions(ctx.deps, author, post.id);
    expect(after.currentRevision).toBe(2);
    expect(revisions).toHaveLength(2);
    expect(revisions.find((r) => r.number === 2)?.bodyMarkdown).toBe('Text from the first author.');

    // The loser is kept as a conflict.
    const conflicts = await ctx.deps.store.posts.conflicts(post.id);
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0]!;
    expect(conflict.id).toBe(stale.conflictId);
    expect(conflict.baseRevision).toBe(1);
    expect(conflict.currentRevision).toBe(2);
    expect(conflict.userId).toBe(coAuthor.id);
    expect((JSON.parse(conflict.submitted) as PostInput).body).toBe(
      'Text from the second author, saved too late.',
    );
  });

  it('lets only one of two simultaneous saves from the same base win', async () => {
    const post = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'Race',
      body: 'Start.',
      authorIds: [author.id, coAuthor.id],
    });
    const input = (body: string): PostInput => ({
      language: 'en',
      title: 'Race',
      body,
      authorIds: [author.id, coAuthor.id],
    });
    const results = await Promise.allSettled([
      savePost(ctx.deps, author, post.id, 1, input('Body A')),
      savePost(ctx.deps, coAuthor, post.id, 1, input('Body B')),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleRevisionError);

    const { revisions } = await listRevisions(ctx.deps, author, post.id);
    expect(revisions).toHaveLength(2);
    const saved = revisions.find((r) => r.number === 2)!.bodyMarkdown;
    const conflicts = await ctx.deps.store.posts.conflicts(post.id);
    expect(conflicts).toHaveLength(1);
    const kept = (JSON.parse(conflicts[0]!.submitted) as PostInput).body;
    expect([saved, kept].sort()).toEqual(['Body A', 'Body B']);
  });

  it('answers a stale save through HTTP with 409 showing both texts', async () => {
    const user = await buildUser(ctx.deps, ['author']);
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    const created = await agent.post('/write/new', {
      language: 'en',
      title: 'Edited in two tabs',
      body: 'First draft.',
      authorIds: [user.id],
    });
    expect(created.statusCode).toBe(303);
    const id = /\/write\/([^/?]+)/.exec(String(created.headers.location))![1]!;

    const fields = { language: 'en', title: 'Edited in two tabs', authorIds: [user.id] };
    const tabOne = await agent.post(`/write/${id}`, {
      ...fields,
      body: 'Saved from tab one.',
      baseRevision: '1',
    });
    expect(tabOne.statusCode).toBe(303);
    const tabTwo = await agent.post(`/write/${id}`, {
      ...fields,
      body: 'Typed in tab two.',
      baseRevision: '1',
    });
    expect(tabTwo.statusCode).toBe(409);
    expect(tabTwo.body).toContain('Someone else saved this post while you were editing');
    expect(tabTwo.body).toContain('Saved from tab one.');
    expect(tabTwo.body).toContain('Typed in tab two.');
    // The form now carries the current revision, so saving again is a deliberate overwrite.
    expect(tabTwo.body).toMatch(
      /name="baseRevision"[^>]*value="2"|value="2"[^>]*name="baseRevision"/,
    );

    const post = await ctx.deps.store.posts.findById(id);
    expect(post?.currentRevision).toBe(2);
    expect((await ctx.deps.store.posts.revision(id, 2))?.bodyMarkdown).toBe('Saved from tab one.');
    expect((await ctx.deps.store.posts.conflicts(id))[0]?.submitted).toContain('Typed in tab two.');
  });

  it('compares two revisions word by word', async () => {
    const post = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'Compare me',
      body: 'The quick brown fox jumps.',
      tags: ['animals'],
    });
    await savePost(ctx.deps, author, post.id, 1, {
      language: 'en',
      title: 'Compare me',
      body: 'The quick red fox jumps.',
      tags: ['animals', 'colours'],
    });
    const { fields } = await compareRevisions(ctx.deps, author, post.id, 1, 2);
    const field = (name: string) => fields.find((f) => f.field === name)!;

    const body = field('body');
    expect(body.changed).toBe(true);
    expect(body.parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['brown']);
    expect(body.parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['red']);
    expect(
      body.parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('The quick brown fox jumps.');
    expect(
      body.parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('The quick red fox jumps.');

    expect(field('title').changed).toBe(false);
    expect(field('title').parts.every((p) => p.kind === 'same')).toBe(true);
    const tags = field('tags');
    expect(tags.changed).toBe(true);
    expect(tags.parts).toEqual([
      { kind: 'same', text: 'animals' },
      { kind: 'added', text: 'colours' },
    ]);
  });

  it('shows history only to the post’s authors and editors', async () => {
    const post = await createPost(ctx.deps, author, { language: 'en', title: 'Private history' });
    const outsider = actorOf(await buildUser(ctx.deps, ['author']));
    const editor = actorOf(await buildUser(ctx.deps, ['editor']));
    await expect(listRevisions(ctx.deps, outsider, post.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      savePost(ctx.deps, outsider, post.id, 1, { language: 'en', title: 'Hijack' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listRevisions(ctx.deps, editor, post.id)).revisions).toHaveLength(1);
  });
});

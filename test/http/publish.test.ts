/**
 * The editorial path end to end: an author writes and submits, an editor publishes now or
 * schedules; readers find the post on the home page and at its permalink; unpublishing hides it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDuePosts } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { postIdFrom } from './http-helpers.js';

/** `/en/2024/05/06/slug` for a post published at `iso`. */
const permalink = (lang: string, iso: string, slug: string) =>
  `/${lang}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${slug}`;

describe.each(engines())('publishing on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let zed: UserRecord;
  let writer: Agent;
  let editor: Agent;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    amy = await buildUser(ctx.deps, ['author'], { displayName: 'Amy Writer' });
    zed = await buildUser(ctx.deps, ['author'], { displayName: 'Zoran Живковић' });
    writer = new Agent(ctx.app);
    await writer.signIn(amy.username);
    const editorUser = await buildUser(ctx.deps, ['editor']);
    editor = new Agent(ctx.app);
    await editor.signIn(editorUser.username);
  });
  afterAll(() => ctx.close());

  const read = (url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

  async function write(title: string, slug: string): Promise<string> {
    return postIdFrom(
      await writer.post('/write/new', {
        language: 'en',
        title,
        slug,
        body: `Body of ${title}.`,
        // Byline order is the author's choice, not alphabetical nor creation order.
        authorIds: [zed.id, amy.id],
        tags: 'community, Wikimedia',
      }),
    );
  }

  it('publishes a submitted post to the home page and its permalink', async () => {
    const id = await write('Meeting notes from Nairobi', 'meeting-notes');
    const draft = await ctx.deps.store.posts.findById(id);
    expect(draft?.status).toBe('draft');
    const today = new Date().toISOString();
    expect((await read(permalink('en', today, 'meeting-notes'))).statusCode).toBe(404);

    expect((await writer.post(`/write/${id}/submit`)).statusCode).toBe(303);
    expect((await ctx.deps.store.posts.findById(id))?.status).toBe('submitted');
    const queue = (await editor.get('/editorial')).body;
    expect(queue).toContain('Meeting notes from Nairobi');
    // Editors reach the taxonomy pages from their queue (/admin itself is for administrators).
    expect(queue).toContain('href="/admin/taxonomy"');

    const publish = await editor.post(`/write/${id}/publish`);
    expect(publish.statusCode).toBe(303);
    const post = await ctx.deps.store.posts.findById(id);
    expect(post?.status).toBe('published');
    expect(post?.publishedRevision).toBe(1);
    const path = permalink('en', post!.publishedAt!, 'meeting-notes');

    const home = await read('/en/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`href="${path}"`);
    expect(home.body).toContain('Meeting notes from Nairobi');

    const page = await read(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Meeting notes from Nairobi</h1>');
    expect(page.body).toContain('Body of Meeting notes from Nairobi.');
    expect(page.body).toMatch(
      /class="byline-people">By <a href="\/en\/author\/[^"]+"><bdi[^>]*>Zoran Живковић<\/bdi><\/a> and <a href="\/en\/author\/[^"]+"><bdi[^>]*>Amy Writer<\/bdi><\/a>/,
    );
    expect(page.body).toContain(
      '<li class="tag"><a href="/en/tag/community"><bdi lang="en" dir="ltr">#community</bdi></a></li>',
    );
    expect(page.body).toContain(
      '<li class="tag"><a href="/en/tag/wikimedia"><bdi lang="en" dir="ltr">#Wikimedia</bdi></a></li>',
    );
  });

  it('redirects a wrong date or a non-canonical language to the right path', async () => {
    const id = await write('Right address', 'right-address');
    await editor.post(`/write/${id}/publish`);
    const post = await ctx.deps.store.posts.findById(id);
    const path = permalink('en', post!.publishedAt!, 'right-address');

    const wrongDate = await read('/en/2001/01/01/right-address');
    expect(wrongDate.statusCode).toBe(301);
    expect(wrongDate.headers.location).toBe(path);

    const upperCase = await read(path.replace('/en/', '/EN/'));
    expect(upperCase.statusCode).toBe(301);
    expect(upperCase.headers.location).toBe(path);

    expect((await read('/en/2001/01/01/no-such-post')).statusCode).toBe(404);
  });

  it('schedules a post for later and publishes it when it is due', async () => {
    const id = await write('Scheduled announcement', 'scheduled-announcement');
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCHours(9, 30, 0, 0);
    const res = await editor.post(`/write/${id}/publish`, { publishAt: at.toISOString() });
    expect(res.statusCode).toBe(303);
    const scheduled = await ctx.deps.store.posts.findById(id);
    expect(scheduled?.status).toBe('scheduled');
    expect(scheduled?.scheduledAt).toBe(at.toISOString());
    expect(scheduled?.publishedRevision).toBeNull();

    const path = permalink('en', at.toISOString(), 'scheduled-announcement');
    expect((await read(path)).statusCode).toBe(404);
    expect((await read('/en/')).body).not.toContain('Scheduled announcement');

    // Not yet due: nothing happens.
    expect(await publishDuePosts(ctx.deps)).toBe(0);
    expect((await ctx.deps.store.posts.findById(id))?.status).toBe('scheduled');

    const later = new Date(at.getTime() + 60_000);
    expect(await publishDuePosts({ ...ctx.deps, clock: { now: () => later } })).toBe(1);
    const published = await ctx.deps.store.posts.findById(id);
    expect(published?.status).toBe('published');
    expect(published?.publishedAt).toBe(at.toISOString());
    expect(published?.scheduledAt).toBeNull();
    expect(published?.publishedRevision).toBe(1);

    expect((await read(path)).statusCode).toBe(200);
    expect((await read('/en/')).body).toContain(`href="${path}"`);
    // Running the scheduler again publishes nothing twice.
    expect(await publishDuePosts({ ...ctx.deps, clock: { now: () => later } })).toBe(0);
  });

  it('unpublishes a post: gone from the home page and its permalink', async () => {
    const id = await write('Soon withdrawn', 'soon-withdrawn');
    await editor.post(`/write/${id}/publish`);
    const post = await ctx.deps.store.posts.findById(id);
    const path = permalink('en', post!.publishedAt!, 'soon-withdrawn');
    expect((await read(path)).statusCode).toBe(200);
    expect((await read('/en/')).body).toContain(`href="${path}"`);

    expect((await editor.post(`/write/${id}/unpublish`)).statusCode).toBe(303);
    expect((await ctx.deps.store.posts.findById(id))?.status).toBe('unpublished');
    expect((await read(path)).statusCode).toBe(404);
    expect((await read('/en/')).body).not.toContain(`href="${path}"`);
    // The author's work is still there.
    expect((await writer.get(`/write/${id}`)).body).toContain('Body of Soon withdrawn.');
  });

  it('keeps showing the published revision until the editor publishes the new one', async () => {
    const id = await write('Living document', 'living-document');
    await editor.post(`/write/${id}/publish`);
    const post = await ctx.deps.store.posts.findById(id);
    const path = permalink('en', post!.publishedAt!, 'living-document');

    const save = await writer.post(`/write/${id}`, {
      language: 'en',
      title: 'Living document',
      slug: 'living-document',
      body: 'Edited after publication.',
      authorIds: [zed.id, amy.id],
      baseRevision: '1',
    });
    expect(save.statusCode).toBe(303);
    let page = await read(path);
    expect(page.body).toContain('Body of Living document.');
    expect(page.body).not.toContain('Edited after publication.');

    await editor.post(`/write/${id}/publish`);
    const republished = await ctx.deps.store.posts.findById(id);
    expect(republished?.publishedRevision).toBe(2);
    // The permalink date does not move on republication.
    expect(republished?.publishedAt).toBe(post?.publishedAt);
    page = await read(path);
    expect(page.body).toContain('Edited after publication.');
  });
});

/**
 * Pinned posts (WordPress's sticky posts): an editor pins a post to the top of the home page
 * and unpins it; the cached home page follows at once; other listings keep their date order;
 * nobody but an editor can pin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { writeAndPublish } from './http-helpers.js';

describe.each(engines())('pinned posts on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let writer: Agent;
  let editor: Agent;
  let older: string;
  let newer: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    amy = await buildUser(ctx.deps, ['author'], { displayName: 'Amy Writer' });
    writer = new Agent(ctx.app);
    await writer.signIn(amy.username);
    const editorUser = await buildUser(ctx.deps, ['editor']);
    editor = new Agent(ctx.app);
    await editor.signIn(editorUser.username);
    const write = (title: string, slug: string) =>
      writeAndPublish(writer, editor, { title, slug, authorIds: [amy.id] });
    older = await write('The older harvest report', 'older-harvest');
    newer = await write('The newer harvest report', 'newer-harvest');
    // Published one after the other within a millisecond or two: make the order certain.
    await ctx.deps.store.posts.updatePost(older, { publishedAt: '2024-01-01T08:00:00.000Z' });
    await ctx.deps.store.posts.updatePost(newer, { publishedAt: '2024-02-01T08:00:00.000Z' });
  });
  afterAll(() => ctx.close());

  const read = async (url: string) => {
    const response = await ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };
  /** The listing's titles in the order shown, with the pinned mark. */
  const titles = (html: string) =>
    [...html.matchAll(/<li class="post-card[^"]*">([\s\S]*?)<\/li>/g)].map((m) => {
      const title = /<h2><a [^>]*>([^<]+)<\/a><\/h2>/.exec(m[1]!)?.[1] ?? '';
      return m[1]!.includes('pinned-badge') ? `📌 ${title}` : title;
    });

  it('puts a pinned post first on the home page, marked, and only there', async () => {
    expect(titles(await read('/en/'))).toEqual([
      'The newer harvest report',
      'The older harvest report',
    ]);
    const editorPage = await editor.get(`/write/${older}`);
    expect(editorPage.body).toContain(`action="/write/${older}/pin"`);
    expect(editorPage.body).toContain('Pin to the home page');

    expect((await editor.post(`/write/${older}/pin`, { sticky: '1' })).statusCode).toBe(303);
    expect((await ctx.deps.store.posts.findById(older))?.sticky).toBe(true);
    // The home page was cached above: the pin reached it.
    const home = await read('/en/');
    expect(titles(home)).toEqual(['📌 The older harvest report', 'The newer harvest report']);
    expect(home).toContain('<span class="badge pinned-badge" lang="en" dir="ltr">Pinned</span>');
    // In another interface language, the mark is in that language.
    expect(titles(await read('/ar/'))).toEqual([
      '📌 The older harvest report',
      'The newer harvest report',
    ]);
    expect(await read('/ar/')).toContain('>مثبّتة</span>');
    // A tag's archive keeps the date order and does not mark the post.
    expect(titles(await read('/en/tag/harvest'))).toEqual([
      'The newer harvest report',
      'The older harvest report',
    ]);
    expect((await editor.get(`/write/${older}`)).body).toContain('Unpin');

    expect((await editor.post(`/write/${older}/pin`, { sticky: '0' })).statusCode).toBe(303);
    expect(titles(await read('/en/'))).toEqual([
      'The newer harvest report',
      'The older harvest report',
    ]);
  });

  it('refuses anyone but an editor, a form without its CSRF token and a bad value', async () => {
    const author = await writer.post(`/write/${newer}/pin`, { sticky: '1' });
    expect(author.statusCode).toBe(403);
    const outsider = new Agent(ctx.app);
    const anonymous = await outsider.post(`/write/${newer}/pin`, { sticky: '1' });
    expect([302, 303, 401, 403]).toContain(anonymous.statusCode);
    const forged = await editor.post(`/write/${newer}/pin`, { sticky: '1' }, { withCsrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await ctx.deps.store.posts.findById(newer))?.sticky).toBe(false);

    const bad = await editor.post(`/write/${newer}/pin`, { sticky: 'yes' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('sticky');
    const missing = await editor.post('/write/no-such-post/pin', { sticky: '1' });
    expect(missing.statusCode).toBe(404);
    expect((await ctx.deps.store.posts.findById(newer))?.sticky).toBe(false);
  });
});

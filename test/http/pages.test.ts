/**
 * Pages (WordPress's pages, migration 0034): an author chooses "Page" in the editor; a
 * published page keeps its permalink and renders like a post, is linked from the site's
 * navigation and listed in the sitemap, but is on no listing, feed or search; publishing or
 * retyping a page reaches cached pages at once; only those who may edit the post can change
 * its kind, and a kind that is neither post nor page is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { postIdFrom } from './http-helpers.js';

describe.each(engines())('pages on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let writer: Agent;
  let editor: Agent;
  let outsider: Agent;
  let pageId: string;
  let postId: string;
  let pagePath: string;
  let postPath: string;

  const form = (kind: string, title: string, slug: string) => ({
    kind,
    language: 'en',
    title,
    slug,
    body: `Body of ${title}: harvest cooperative.`,
    authorIds: [amy.id],
    tags: 'harvest',
  });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    amy = await buildUser(ctx.deps, ['author'], { displayName: 'Amy Writer' });
    writer = new Agent(ctx.app);
    await writer.signIn(amy.username);
    const editorUser = await buildUser(ctx.deps, ['editor']);
    editor = new Agent(ctx.app);
    await editor.signIn(editorUser.username);
    const other = await buildUser(ctx.deps, ['author']);
    outsider = new Agent(ctx.app);
    await outsider.signIn(other.username);

    postId = postIdFrom(
      await writer.post('/write/new', form('post', 'Harvest news', 'harvest-news')),
    );
    expect((await editor.post(`/write/${postId}/publish`)).statusCode).toBe(303);
    const post = await ctx.deps.store.posts.findById(postId);
    expect(post?.kind).toBe('post');
    postPath = pathOf(post!.slug, post!.publishedAt!);
  });
  afterAll(() => ctx.close());

  const pathOf = (slug: string, publishedAt: string) =>
    `/en/${publishedAt.slice(0, 4)}/${publishedAt.slice(5, 7)}/${publishedAt.slice(8, 10)}/${slug}`;

  const read = async (url: string) => {
    const response = await ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };
  /** The page without its header (whose navigation links to pages). */
  const main = (html: string) => html.slice(html.indexOf('<main'));
  /** The header navigation's links to pages. */
  const navigation = (html: string) =>
    [...html.matchAll(/<li class="site-page"><a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(
      (m) => `${m[2]} ${m[1]}`,
    );

  it('offers the choice in the editor, a post by default', async () => {
    const blank = await writer.get('/write/new');
    expect(blank.body).toMatch(/<select id="kind" name="kind"[^>]*>/);
    expect(blank.body).toMatch(/<option value="post" selected[^>]*>Post<\/option>/);
    expect(blank.body).toContain('<option value="page">Page</option>');
  });

  it('publishes a page: in the navigation and the sitemap, on no listing, feed or search', async () => {
    // Cached before the page exists: publishing it must reach these.
    expect(navigation(await read('/en/'))).toEqual([]);
    expect(navigation(await read(postPath))).toEqual([]);

    pageId = postIdFrom(await writer.post('/write/new', form('page', 'About us', 'about')));
    const draft = await ctx.deps.store.posts.findById(pageId);
    expect(draft?.kind).toBe('page');
    const editing = await writer.get(`/write/${pageId}`);
    expect(editing.body).toMatch(/<option value="page" selected[^>]*>Page<\/option>/);
    // Pinning is for the home page's posts: an editor is not offered it on a page.
    expect((await editor.get(`/write/${pageId}`)).body).not.toContain(`/write/${pageId}/pin`);
    expect((await editor.get(`/write/${postId}`)).body).toContain(`/write/${postId}/pin`);
    expect((await editor.post(`/write/${pageId}/publish`)).statusCode).toBe(303);
    const page = await ctx.deps.store.posts.findById(pageId);
    pagePath = pathOf(page!.slug, page!.publishedAt!);

    // Its permalink renders like a post's, translation offered the same way.
    const own = await read(pagePath);
    expect(own).toContain('About us');
    expect(own).toContain(`/translate/${pageId}`);

    // The navigation of every page in English links to it, cached pages included.
    const home = await read('/en/');
    expect(navigation(home)).toEqual([`About us ${pagePath}`]);
    expect(navigation(await read(postPath))).toEqual([`About us ${pagePath}`]);
    expect(navigation(own)).toEqual([`About us ${pagePath}`]);
    // No version in Spanish: not in the Spanish navigation.
    expect(navigation(await read('/es/'))).toEqual([]);

    // Not a card on the home page or an archive; the post still is.
    const cards = (html: string) => html.match(/<li class="post-card/g)?.length ?? 0;
    expect(cards(home)).toBe(1);
    expect(home).toContain('Harvest news');
    const tag = await read('/en/tag/harvest');
    expect(cards(tag)).toBe(1);
    expect(main(tag)).not.toContain('About us');
    const month = page!.publishedAt!.slice(0, 7).replace('-', '/');
    expect(cards(await read(`/en/${month}`))).toBe(1);
    // The archive months count posts only.
    expect(home).toMatch(/\(1 post\)/);

    for (const feed of [
      '/en/feed.xml',
      '/en/atom.xml',
      '/en/feed.json',
      '/en/tag/harvest/feed.xml',
    ]) {
      const body = await read(feed);
      expect(body, feed).toContain('Harvest news');
      expect(body, feed).not.toContain('About us');
    }

    const search = await read('/en/search?q=cooperative');
    expect(search).toContain('Harvest news');
    expect(navigation(search)).toEqual([`About us ${pagePath}`]);
    expect(main(search)).not.toContain('About us');

    const sitemap = await read('/sitemap.xml');
    expect(sitemap).toContain(`${pagePath}</loc>`);
    expect(sitemap).toContain(`${postPath}</loc>`);
  });

  it('lets nobody but those who may edit the post change its kind', async () => {
    const current = await ctx.deps.store.posts.findById(pageId);
    const denied = await outsider.post(`/write/${pageId}`, {
      ...form('post', 'About us', 'about'),
      baseRevision: String(current!.currentRevision),
    });
    expect(denied.statusCode).toBe(403);
    expect((await ctx.deps.store.posts.findById(pageId))?.kind).toBe('page');
  });

  it('refuses a kind that is neither post nor page, naming the field', async () => {
    const current = await ctx.deps.store.posts.findById(pageId);
    const refused = await writer.post(`/write/${pageId}`, {
      ...form('gallery', 'About us', 'about'),
      baseRevision: String(current!.currentRevision),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#kind"');
    expect(refused.body).toContain('Choose whether this is a post or a page');
    const created = await writer.post('/write/new', form('gallery', 'Gallery', 'gallery'));
    expect(created.statusCode).toBe(422);
    expect(created.body).toContain('href="#kind"');
    expect((await ctx.deps.store.posts.findById(pageId))?.kind).toBe('page');
  });

  it('makes a published page a post again: on the home page at once, out of the navigation', async () => {
    expect(navigation(await read('/en/'))).toEqual([`About us ${pagePath}`]);
    const current = await ctx.deps.store.posts.findById(pageId);
    const saved = await writer.post(`/write/${pageId}`, {
      ...form('post', 'About us', 'about'),
      baseRevision: String(current!.currentRevision),
    });
    expect(saved.statusCode).toBe(303);
    expect((await ctx.deps.store.posts.findById(pageId))?.kind).toBe('post');
    const home = await read('/en/');
    expect(navigation(home)).toEqual([]);
    expect(main(home)).toContain('>About us<');
    expect(navigation(await read(postPath))).toEqual([]);
    // Its permalink did not move.
    expect(await read(pagePath)).toContain('About us');
    // A save that does not say keeps the kind.
    const again = await ctx.deps.store.posts.findById(pageId);
    const { kind: _omitted, ...withoutKind } = form('post', 'About us', 'about');
    expect(
      (
        await writer.post(`/write/${pageId}`, {
          ...withoutKind,
          baseRevision: String(again!.currentRevision),
        })
      ).statusCode,
    ).toBe(303);
    expect((await ctx.deps.store.posts.findById(pageId))?.kind).toBe('post');
  });
});

/**
 * The site-wide reads kept until a change (src/services/reader/shared-reads.ts) with the page
 * cache off, so every request renders: the archive months and a listing's page count follow
 * each publication and unpublication at once, and the navigation follows a page published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../../src/services/repositories.js';
import { engines } from '../../support/databases.js';
import { Agent, buildUser, startTestApp } from '../../support/app.js';
import type { TestContext } from '../../support/app.js';
import { writeAndPublish } from '../http-helpers.js';

describe.each(engines())('site-wide reads on $name, page cache off', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let writer: Agent;
  let editor: Agent;

  beforeAll(async () => {
    ctx = await startTestApp(engine, { pageCache: false });
    amy = await buildUser(ctx.deps, ['author'], { displayName: 'Amy Writer' });
    writer = new Agent(ctx.app);
    await writer.signIn(amy.username);
    editor = new Agent(ctx.app);
    await editor.signIn((await buildUser(ctx.deps, ['editor'])).username);
  });
  afterAll(() => ctx.close());

  const read = async (url: string) => {
    const response = await ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect(response.statusCode, url).toBe(200);
    expect(response.headers['x-cache'], url).toBeUndefined();
    return response.body;
  };
  const publish = (kind: 'post' | 'page', title: string, slug: string) =>
    writeAndPublish(writer, editor, { kind, title, slug, authorIds: [amy.id] });
  const archiveCount = (html: string) => /\((\d+) posts?\)/.exec(html)?.[1];
  const navigation = (html: string) =>
    [...html.matchAll(/<li class="site-page"><a href="[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

  it('shows every publication and unpublication in the archive months and page counts', async () => {
    const first = await publish('post', 'First harvest', 'first-harvest');
    expect(archiveCount(await read('/en/'))).toBe('1');
    for (let i = 2; i <= 11; i++) await publish('post', `Harvest ${i}`, `harvest-${i}`);
    const home = await read('/en/');
    expect(archiveCount(home)).toBe('11');
    // Eleven posts, ten a page: a second page exists, listed from the first.
    expect(home).toContain('href="/en/page/2"');
    expect(await read('/en/page/2')).toContain('First harvest');

    expect((await editor.post(`/write/${first}/unpublish`)).statusCode).toBe(303);
    const after = await read('/en/');
    expect(archiveCount(after)).toBe('10');
    expect(after).not.toContain('href="/en/page/2"');
    expect((await ctx.app.inject({ url: '/en/page/2' })).statusCode).toBe(404);
  });

  it('links a page from the navigation as soon as it is published', async () => {
    expect(navigation(await read('/en/'))).toEqual([]);
    await publish('page', 'About us', 'about');
    expect(navigation(await read('/en/'))).toEqual(['About us']);
  });
});

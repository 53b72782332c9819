/**
 * CDN-ready pages (issue 12): public pages carry the page cache's keys as `Surrogate-Key` and
 * `Cache-Tag` (with the site's own tag), on the first render and on hits alike, never on a
 * signed-in page; the purge webhook receives the tags of each change readers can see, spelt as
 * in those headers, so the CDN drops exactly the pages the page cache drops.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_PAGE_KEY, inProcessChangeFeed } from '../../src/services/change-feed.js';
import {
  purgeWebhook,
  SITE_TAG,
  surrogateHeaders,
  surrogateTag,
} from '../../src/http/plugins/surrogate-keys.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { PostRecord, UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pathOf, read, writePost } from './reader/reader-support.js';

describe('surrogate tags', () => {
  it('spells keys header-safe, maps the every-page key to the site tag, and starts with it', () => {
    expect(surrogateTag('post:ab-12')).toBe('post:ab-12');
    expect(surrogateTag('list:term:a b,c')).toBe('list:term:a_b_c');
    expect(surrogateTag(EVERY_PAGE_KEY)).toBe(SITE_TAG);
    expect(surrogateHeaders(['post:1', 'list:en', 'post:1'])).toEqual({
      'surrogate-key': `${SITE_TAG} post:1 list:en`,
      'cache-tag': `${SITE_TAG},post:1,list:en`,
    });
  });

  it('keeps the headers within a CDN’s limit, the site tag first', () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => `post:${String(i).padStart(36, '0')}`);
    const headers = surrogateHeaders(keys);
    expect(headers['surrogate-key'].length).toBeLessThanOrEqual(8_000);
    expect(headers['surrogate-key'].startsWith(`${SITE_TAG} post:`)).toBe(true);
  });
});

describe('the purge webhook', () => {
  it('posts the tags of each change made here as JSON, and reports an answer that is not a success', async () => {
    const received: unknown[] = [];
    let status = 204;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ type: request.headers['content-type'], body: JSON.parse(body) as unknown });
        response.statusCode = status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const changes = inProcessChangeFeed();
    const errors: unknown[] = [];
    const stop = purgeWebhook({
      changes,
      url: `http://127.0.0.1:${port}/purge`,
      onError: (error) => errors.push(error),
    });
    try {
      changes.publish({ keys: ['post:1', 'list:en', 'post:1'] });
      await expect.poll(() => received.length).toBe(1);
      expect(received[0]).toEqual({
        type: 'application/json',
        body: { keys: ['post:1', 'list:en'] },
      });
      status = 500;
      changes.publish({ keys: [EVERY_PAGE_KEY] });
      await expect.poll(() => errors.length).toBe(1);
      expect(received[1]).toEqual({ type: 'application/json', body: { keys: [SITE_TAG] } });
      expect(String(errors[0])).toMatch(/500/);
      // Another instance's change: that instance purges it, not this one.
      changes.publish({ keys: ['post:3'], remote: true });
      stop();
      changes.publish({ keys: ['post:2'] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toHaveLength(2);
    } finally {
      stop();
      server.close();
    }
  });
});

describe.each(engines())('surrogate keys on public pages on $name', (engine) => {
  let ctx: TestContext;
  let editor: UserRecord;
  let post: PostRecord;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editor = await buildUser(ctx.deps, ['editor']);
    post = await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title: 'Water points in Kisumu',
      publishedAt: '2026-08-01T12:00:00.000Z',
    });
  });
  afterAll(() => ctx.close());

  const tagsOf = (value: unknown) => String(value).split(' ');

  it('tags a post page with its post, on the first render and on a hit, the same way', async () => {
    const url = pathOf(post);
    const first = await read(ctx.app, url);
    expect(first.headers['x-cache']).toBe('MISS');
    const tags = tagsOf(first.headers['surrogate-key']);
    expect(tags[0]).toBe(SITE_TAG);
    expect(tags.some((t) => t.includes(post.id))).toBe(true);
    expect(first.headers['cache-tag']).toBe(tags.join(','));
    const hit = await read(ctx.app, url, { 'accept-encoding': 'br' });
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['surrogate-key']).toBe(first.headers['surrogate-key']);
    expect(hit.headers['cache-tag']).toBe(first.headers['cache-tag']);
  });

  it('gives the tag the page cache drops the page by: an edit purges exactly that tag', async () => {
    const url = pathOf(post);
    const tags = tagsOf((await read(ctx.app, url)).headers['surrogate-key']);
    const changed: string[][] = [];
    const stop = ctx.deps.changes.subscribe((change) =>
      changed.push(change.keys.map(surrogateTag)),
    );
    try {
      const current = await ctx.deps.store.posts.findById(post.id);
      await savePost(ctx.deps, editor, post.id, current!.currentRevision, {
        language: 'en',
        title: 'Water points in Kisumu, one year on',
        slug: post.slug,
        body: 'Body, edited.',
      });
      await publishPost(ctx.deps, editor, post.id);
    } finally {
      stop();
    }
    const purged = new Set(changed.flat());
    expect(tags.filter((t) => purged.has(t)).length).toBeGreaterThan(0);
    const after = await read(ctx.app, url);
    expect(after.headers['x-cache']).toBe('MISS');
  });

  it('never tags a signed-in reader’s page', async () => {
    const agent = new Agent(ctx.app);
    await agent.signIn(editor.username);
    const page = await agent.get(pathOf(post));
    expect(page.statusCode).toBe(200);
    expect(page.headers['surrogate-key']).toBeUndefined();
    expect(page.headers['cache-tag']).toBeUndefined();
  });
});

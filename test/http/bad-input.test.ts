/**
 * Acceptance: a non-image uploaded as an image, an oversize file, an invalid language tag, an
 * empty title, a duplicate slug, Markdown with `<script>` or `javascript:` links — each gets a
 * clear error or is neutralized, and nothing saved before is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { pngBytes, postForm, postIdFrom, upload } from './http-helpers.js';

interface UploadAnswer {
  id: string;
  kind: string;
  mime: string;
  url: string;
  width: number | null;
  height: number | null;
  size: number;
  message: string;
  error: string;
}

/** The form names the field: its summary links to it and its error is tied to it. */
function expectFieldError(body: string, field: string, message: string | RegExp): void {
  expect(body).toContain(`href="#${field}"`);
  expect(body).toContain(`id="${field}-error"`);
  if (typeof message === 'string') expect(body).toContain(message);
  else expect(body).toMatch(message);
}

describe.each(engines())('bad input on $name', (engine) => {
  let ctx: TestContext;
  let author: UserRecord;
  let agent: Agent;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    author = await buildUser(ctx.deps, ['author']);
    agent = new Agent(ctx.app);
    await agent.signIn(author.username);
  });
  afterAll(() => ctx.close());

  const mediaCount = async () => (await ctx.deps.store.media.list(1000, 0)).length;

  describe('uploads', () => {
    it('refuses a text file named like an image with 415 naming the file', async () => {
      const before = await mediaCount();
      const res = await upload(
        ctx.app,
        agent,
        {
          name: 'photo.png',
          data: Buffer.from('this is not a picture, just text\n'),
          type: 'image/png',
        },
        { expect: 'image' },
      );
      expect(res.statusCode).toBe(415);
      const answer = res.json<UploadAnswer>();
      expect(answer.error).toBe('unsupported_media_type');
      expect(answer.message).toContain('"photo.png"');
      expect(answer.message).toContain('not an image');
      expect(await mediaCount()).toBe(before);
    });

    it('refuses a file over the limit with 413 saying the limit', async () => {
      const before = await mediaCount();
      const big = Buffer.alloc(3 * 1_048_576, 0x41);
      const res = await upload(
        ctx.app,
        agent,
        { name: 'big.pdf', data: big },
        { expect: 'document' },
      );
      expect(res.statusCode).toBe(413);
      const answer = res.json<UploadAnswer>();
      expect(answer.error).toBe('payload_too_large');
      expect(answer.message).toMatch(/2(\.0)? MB/);
      expect(await mediaCount()).toBe(before);
    });

    it('refuses a JSON body over the app-wide limit with 413 naming the limit', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/signin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: JSON.stringify({ login: 'a'.repeat(1_100_000) }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json<{ message: string }>().message).toBe(
        'The request is too large: the limit is 1 MB.',
      );
    });

    it('stores a real PNG with its size and resized variants', async () => {
      const png = await pngBytes(1200, 800);
      const res = await upload(
        ctx.app,
        agent,
        { name: 'Фото 1.png', data: png },
        { expect: 'image' },
      );
      expect(res.statusCode, res.body).toBe(201);
      const answer = res.json<UploadAnswer>();
      expect(answer).toMatchObject({
        kind: 'image',
        mime: 'image/png',
        width: 1200,
        height: 800,
        size: png.length,
      });

      const [stored] = await ctx.deps.store.media.listByIds([answer.id]);
      expect(stored?.uploadedBy).toBe(author.id);
      expect(stored?.filename).toBe('Фото-1.png');
      expect(stored?.variants.map((v) => v.width)).toEqual([480, 960]);
      expect(stored?.variants.every((v) => v.mime === 'image/webp')).toBe(true);
      expect(stored?.variants[0]?.height).toBe(320);

      // The original and a variant are served back.
      const original = await ctx.app.inject({ method: 'GET', url: answer.url });
      expect(original.statusCode).toBe(200);
      expect(original.headers['content-type']).toBe('image/png');
      expect(original.rawPayload.equals(png)).toBe(true);
      const variant = await ctx.app.inject({
        method: 'GET',
        url: `/media/${stored!.variants[0]!.key}`,
      });
      expect(variant.statusCode).toBe(200);
      expect(variant.headers['content-type']).toBe('image/webp');
    });

    it('stores a PDF as a document', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');
      const res = await upload(ctx.app, agent, { name: 'playbook.pdf', data: pdf });
      expect(res.statusCode, res.body).toBe(201);
      const answer = res.json<UploadAnswer>();
      expect(answer).toMatchObject({
        kind: 'document',
        mime: 'application/pdf',
        width: null,
        height: null,
      });
      const served = await ctx.app.inject({ method: 'GET', url: answer.url });
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(pdf)).toBe(true);
    });

    it('refuses a file that is neither an image nor a PDF', async () => {
      const before = await mediaCount();
      const res = await upload(ctx.app, agent, {
        name: 'notes.txt',
        data: Buffer.from('plain notes'),
      });
      expect(res.statusCode).toBe(415);
      expect(res.json<UploadAnswer>().message).toContain('"notes.txt"');
      expect(await mediaCount()).toBe(before);
    });
  });

  describe('the post form', () => {
    it('refuses an invalid language tag with 422 naming language', async () => {
      const res = await agent.post(
        '/write/new',
        postForm([author.id], { language: 'xx-!!', title: 'Bad language' }),
      );
      expect(res.statusCode).toBe(422);
      expectFieldError(res.body, 'language', 'is not a valid BCP 47 language tag');
      // What was typed is shown again, not lost.
      expect(res.body).toContain('Bad language');
      expect(
        (await ctx.deps.store.posts.listForAuthor(author.id)).map((s) => s.revision.title),
      ).not.toContain('Bad language');
    });

    it('refuses an empty title with 422 naming title', async () => {
      const res = await agent.post(
        '/write/new',
        postForm([author.id], { title: '   ', body: 'Body without a title.' }),
      );
      expect(res.statusCode).toBe(422);
      expectFieldError(res.body, 'title', 'Title is required');
      expect(res.body).toContain('Body without a title.');
    });

    it('refuses a duplicate slug in the same language and keeps the first post', async () => {
      const first = postIdFrom(
        await agent.post(
          '/write/new',
          postForm([author.id], { title: 'First of its name', slug: 'same-slug' }),
        ),
      );
      const countBefore = (await ctx.deps.store.posts.listForAuthor(author.id)).length;
      const res = await agent.post(
        '/write/new',
        postForm([author.id], { title: 'Second of its name', slug: 'same-slug' }),
      );
      expect(res.statusCode).toBe(422);
      expectFieldError(res.body, 'slug', 'already uses the slug &quot;same-slug&quot;');
      expect(await ctx.deps.store.posts.listForAuthor(author.id)).toHaveLength(countBefore);

      const post = await ctx.deps.store.posts.findById(first);
      expect(post?.slug).toBe('same-slug');
      expect(post?.currentRevision).toBe(1);
      expect((await ctx.deps.store.posts.revision(first, 1))?.title).toBe('First of its name');

      // The same slug in another language is a different post address and is fine.
      const other = await agent.post(
        '/write/new',
        postForm([author.id], { language: 'es', title: 'Segundo', slug: 'same-slug' }),
      );
      expect(other.statusCode).toBe(303);
    });

    it('refuses saving an existing post with an empty title and loses nothing', async () => {
      const id = postIdFrom(
        await agent.post(
          '/write/new',
          postForm([author.id], { title: 'Kept title', body: 'Kept body.' }),
        ),
      );
      const res = await agent.post(`/write/${id}`, {
        ...postForm([author.id], { title: '', body: 'New words typed before the mistake.' }),
        baseRevision: '1',
      });
      expect(res.statusCode).toBe(422);
      expectFieldError(res.body, 'title', 'Title is required');
      expect(res.body).toContain('New words typed before the mistake.');

      const post = await ctx.deps.store.posts.findById(id);
      expect(post?.currentRevision).toBe(1);
      const revision = await ctx.deps.store.posts.revision(id, 1);
      expect(revision?.title).toBe('Kept title');
      expect(revision?.bodyMarkdown).toBe('Kept body.');
    });

    it('refuses a featured image without alt text with 422 naming featuredAlt', async () => {
      const image = await upload(
        ctx.app,
        agent,
        { name: 'cover.png', data: await pngBytes(60, 40) },
        { expect: 'image' },
      );
      expect(image.statusCode).toBe(201);
      const mediaId = image.json<UploadAnswer>().id;
      const res = await agent.post(
        '/write/new',
        postForm([author.id], {
          title: 'With a cover',
          featuredMediaId: mediaId,
          featuredAlt: '  ',
        }),
      );
      expect(res.statusCode).toBe(422);
      expectFieldError(res.body, 'featuredAlt', 'alt text');

      const withAlt = await agent.post(
        '/write/new',
        postForm([author.id], {
          title: 'With a described cover',
          featuredMediaId: mediaId,
          featuredAlt: 'A red square',
        }),
      );
      expect(withAlt.statusCode).toBe(303);
    });

    it('neutralizes <script> and javascript: links in published Markdown', async () => {
      const id = postIdFrom(
        await agent.post(
          '/write/new',
          postForm([author.id], {
            title: 'Tricky markup',
            slug: 'tricky-markup',
            body: [
              'Before the script.',
              '',
              '<script>alert(1)</script>',
              '',
              'A [bad link](javascript:alert(1)) and an <a href="javascript:alert(2)">inline one</a>.',
              '',
              'A [good link](https://example.org/page).',
              '',
              '<img src="x" onerror="alert(3)">',
            ].join('\n'),
          }),
        ),
      );
      const editor = await buildUser(ctx.deps, ['editor']);
      const editorAgent = new Agent(ctx.app);
      await editorAgent.signIn(editor.username);
      expect((await editorAgent.post(`/write/${id}/publish`)).statusCode).toBe(303);

      const post = await ctx.deps.store.posts.findById(id);
      const day = post!.publishedAt!.slice(0, 10).replace(/-/g, '/');
      const page = await ctx.app.inject({ method: 'GET', url: `/en/${day}/tricky-markup` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Before the script.');
      // The link text stays; its javascript: target is dropped. Raw HTML shows only as text.
      expect(page.body).toContain('<a>bad link</a>');
      expect(page.body).toContain('href="https://example.org/page"');
      expect(page.body).not.toMatch(/<script>\s*alert/i);
      expect(page.body).not.toMatch(/<a\b[^>]*href="\s*javascript:/i);
      expect(page.body).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    });
  });
});

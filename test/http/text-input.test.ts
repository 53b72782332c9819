/**
 * Acceptance (issue 7): a NUL in a title was a 500 on PostgreSQL, and a lone surrogate was
 * echoed back but stored as U+FFFD. Now both are refused at the HTTP boundary, on every route
 * and engine, with 422 `validation_failed` naming the field, before any service runs; nothing
 * is stored. Valid astral characters (emoji, 𝕏, CJK Extension B) still pass untouched.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader, multipart, pngBytes, postForm, postIdFrom } from './http-helpers.js';

const NUL = 'contains a NUL character';
const surrogate = (hex: string) =>
  `contains an unpaired surrogate (U+${hex}) — the text is not valid Unicode`;

interface ErrorAnswer {
  error: string;
  message: string;
  problems: { field: string; message: string }[];
}

describe.each(engines())('text input on $name', (engine) => {
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

  const postCount = async () => (await ctx.deps.store.posts.listForAuthor(author.id)).length;

  /** POST /write/new with a raw JSON text (so lone surrogates survive as `\ud800` escapes). */
  const postJson = (json: string): Promise<LightMyRequestResponse> =>
    ctx.app.inject({
      method: 'POST',
      url: '/write/new',
      payload: json,
      headers: {
        cookie: cookieHeader(agent),
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': agent.csrf,
      },
    });

  it('answers a NUL in a form title with 422 naming the field, and stores nothing', async () => {
    const before = await postCount();
    const res = await agent.post(
      '/write/new',
      postForm([author.id], { title: 'Before\u0000after' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<strong>title</strong>: contains a NUL character');
    expect(await postCount()).toBe(before);
  });

  it('answers a lone surrogate in JSON with 422 validation_failed, and stores nothing', async () => {
    const before = await postCount();
    // JSON.stringify writes a lone surrogate as the escape `\ud800`, as a hostile client would.
    const res = await postJson(
      JSON.stringify({ ...postForm([author.id]), title: 'Broken \ud800 text' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorAnswer>()).toEqual({
      error: 'validation_failed',
      message: `title: ${surrogate('D800')}`,
      problems: [{ field: 'title', message: surrogate('D800') }],
    });
    expect(await postCount()).toBe(before);
  });

  it('names nested fields and every bad one, in order', async () => {
    const res = await postJson(
      JSON.stringify({
        ...postForm([author.id]),
        body: 'nul \u0000 here',
        tags: ['fine', 'low \udc00 alone', '\udbff\udfff is a pair'],
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorAnswer>().problems).toEqual([
      { field: 'body', message: NUL },
      { field: 'tags.1', message: surrogate('DC00') },
    ]);
  });

  it('refuses a surrogate pair written the wrong way round', async () => {
    const res = await postJson(JSON.stringify({ ...postForm([author.id]), title: '\udc00\ud800' }));
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorAnswer>().problems).toEqual([
      { field: 'title', message: surrogate('DC00') },
    ]);
  });

  it('refuses a NUL in a query string and in a route parameter (reader routes too)', async () => {
    const search = await ctx.app.inject({
      method: 'GET',
      url: '/en/search?q=a%00b',
      headers: { accept: 'application/json' },
    });
    expect(search.statusCode).toBe(422);
    expect(search.json<ErrorAnswer>().problems).toEqual([{ field: 'q', message: NUL }]);

    const tag = await ctx.app.inject({
      method: 'GET',
      url: '/en/tag/x%00y',
      headers: { accept: 'application/json' },
    });
    expect(tag.statusCode).toBe(422);
    expect(tag.json<ErrorAnswer>().error).toBe('validation_failed');
  });

  it('refuses a NUL in an upload’s fields or file name and stores no file', async () => {
    const before = (await ctx.deps.store.media.list(1000, 0)).length;
    const png = await pngBytes(40, 30);
    for (const [fields, name, field] of [
      [{ _csrf: agent.csrf, expect: 'ima\u0000ge' }, 'fine.png', 'expect'],
      [{ _csrf: agent.csrf }, 'bad\u0000name.png', 'file'],
    ] as const) {
      const { payload, contentType } = await multipart(fields, { name, data: png });
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/media',
        payload,
        headers: {
          cookie: cookieHeader(agent),
          'content-type': contentType,
          accept: 'application/json',
        },
      });
      expect(res.statusCode, field).toBe(422);
      expect(res.json<ErrorAnswer>().problems.map((p) => p.field)).toEqual([field]);
    }
    expect((await ctx.deps.store.media.list(1000, 0)).length).toBe(before);
  });

  it('keeps valid astral characters exactly: emoji, 𝕏 and CJK Extension B', async () => {
    const title = 'Fiesta 🎉 en 𝕏 con 𠀀𪜀 y 👩🏽‍💻';
    const form = await agent.post('/write/new', postForm([author.id], { title }));
    const fromForm = await ctx.deps.store.posts.revision(postIdFrom(form), 1);
    expect(fromForm?.title).toBe(title);

    const json = await postJson(
      JSON.stringify({ ...postForm([author.id]), title: `${title} (JSON)`, slug: 'astral-json' }),
    );
    expect(json.statusCode).toBe(303);
    const fromJson = await ctx.deps.store.posts.revision(postIdFrom(json), 1);
    expect(fromJson?.title).toBe(`${title} (JSON)`);
  });

  it('refuses the same text in the services, whoever calls them (CLI, imports)', async () => {
    const before = await postCount();
    await expect(
      createPost(ctx.deps, author, { language: 'en', title: 'ok', body: 'a\u0000b' }),
    ).rejects.toThrow(new ValidationError([{ field: 'body', message: NUL }]));
    await expect(
      createPost(ctx.deps, author, { language: 'en', title: 'x\ud83d', body: '' }),
    ).rejects.toThrow(ValidationError);
    expect(await postCount()).toBe(before);
  });
});

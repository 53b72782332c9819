/**
 * The REST API (issue 11, acceptance 5): every /api/v1 route refuses a missing, unknown,
 * revoked, expired or wrongly-scoped token and a session cookie alone; reads, cursor pages and
 * saves work through tokens; the OpenAPI document validates.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiTokenHash,
  createApiToken,
  revokeApiToken,
} from '../../src/services/api/tokens.service.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader } from './http-helpers.js';

interface Unit {
  unitId: string;
  source: string;
  sourceRevision: number;
  target: { text: string; version: number; provenance: string } | null;
}

describe.each(engines())('REST API on $name', (engine) => {
  let ctx: TestContext;
  let postIds: string[];
  let translator: UserRecord;
  let readToken: string;
  let translateToken: string;
  let revokedToken: string;
  let expiredToken: string;
  let agent: Agent;

  const call = (
    method: 'GET' | 'PUT',
    url: string,
    token: string | null,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    ctx.app.inject({
      method,
      url,
      headers: {
        ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    postIds = [];
    for (let i = 0; i < 5; i++) {
      const post = await createPost(ctx.deps, author, {
        language: 'en',
        title: `Meeting number ${i}`,
        slug: `meeting-${i}`,
        body: `Join **the session** at [the park](https://example.org).\n\nBring water ${i}.`,
      });
      await publishPost(ctx.deps, editor, post.id);
      postIds.push(post.id);
    }
    translator = await buildUser(ctx.deps, ['translator']);
    readToken = (await createApiToken(ctx.deps, translator, { name: 'r', scopes: ['read'] }))
      .secret;
    translateToken = (
      await createApiToken(ctx.deps, translator, { name: 't', scopes: ['read', 'translate'] })
    ).secret;
    const revoked = await createApiToken(ctx.deps, translator, {
      name: 'gone',
      scopes: ['read', 'translate'],
    });
    await revokeApiToken(ctx.deps, translator, revoked.token.id);
    revokedToken = revoked.secret;
    // Written through the repository: the service refuses an expiry in the past.
    expiredToken = `pp_${'e'.repeat(43)}`;
    await ctx.deps.store.apiTokens.insert({
      ...revoked.token,
      id: ctx.deps.newId(),
      name: 'expired',
      tokenHash: apiTokenHash(expiredToken),
      prefix: expiredToken.slice(0, 10),
      revokedAt: null,
      expiresAt: '2020-01-01T00:00:00.000Z',
    });
    agent = new Agent(ctx.app);
    await agent.signIn(translator.username);
  });
  afterAll(() => ctx.close());

  const routes = (): { method: 'GET' | 'PUT'; url: string; scope: string; body?: object }[] => [
    { method: 'GET', url: '/api/v1/me', scope: 'read' },
    { method: 'GET', url: '/api/v1/posts', scope: 'read' },
    { method: 'GET', url: `/api/v1/posts/${postIds[0]}`, scope: 'read' },
    { method: 'GET', url: `/api/v1/posts/${postIds[0]}/translations/es/units`, scope: 'read' },
    { method: 'GET', url: '/api/v1/memory?source=en&target=es&q=water', scope: 'read' },
    { method: 'GET', url: `/api/v1/posts/${postIds[0]}/translations/es/file`, scope: 'read' },
    {
      method: 'PUT',
      url: `/api/v1/posts/${postIds[0]}/translations/es/file`,
      scope: 'translate',
      body: { file: 'x' },
    },
    {
      method: 'PUT',
      url: `/api/v1/posts/${postIds[0]}/translations/es/units/x`,
      scope: 'translate',
      body: { text: 'x', version: 0, sourceRevision: 1 },
    },
  ];

  it('lists every API route with a token scope, and each one refuses a bad token', async () => {
    const apiRules = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
    const tested = new Set(routes().map((r) => `${r.method} ${r.url.split('?')[0]}`));
    // Every route but the OpenAPI document (open to all) is in the table above.
    expect(apiRules.filter((r) => r.method !== 'HEAD').length).toBe(routes().length + 1);
    expect(tested.size).toBe(routes().length);
    for (const route of routes()) {
      const missing = await call(route.method, route.url, null, route.body);
      expect(missing.statusCode, `${route.url} without a token`).toBe(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer realm="polyphony"/);
      expect(missing.json()).toMatchObject({ error: 'missing_token' });
      const unknown = await call(route.method, route.url, `pp_${'x'.repeat(43)}`, route.body);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toMatchObject({ error: 'invalid_token' });
      const revoked = await call(route.method, route.url, revokedToken, route.body);
      expect(revoked.statusCode, `${route.url} with a revoked token`).toBe(401);
      expect(revoked.json()).toMatchObject({ error: 'revoked_token' });
      const expired = await call(route.method, route.url, expiredToken, route.body);
      expect(expired.statusCode, `${route.url} with an expired token`).toBe(401);
      expect(expired.json()).toMatchObject({ error: 'expired_token' });
      // A session cookie alone is not a caller for the API.
      const cookieOnly = await call(route.method, route.url, null, route.body, {
        cookie: cookieHeader(agent),
      });
      expect(cookieOnly.statusCode, `${route.url} with a cookie only`).toBe(401);
      if (route.scope === 'translate') {
        const wrongScope = await call(route.method, route.url, readToken, route.body);
        expect(wrongScope.statusCode).toBe(403);
        expect(wrongScope.headers['www-authenticate']).toContain('insufficient_scope');
      }
    }
  });

  it('pages through published posts with a cursor, none skipped or repeated', async () => {
    const seen: string[] = [];
    let url = '/api/v1/posts?limit=2';
    for (let page = 0; page < 5; page++) {
      const response = await call('GET', url, readToken);
      expect(response.statusCode).toBe(200);
      const body = response.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((p) => p.id));
      if (!body.nextCursor) break;
      url = `/api/v1/posts?limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen.sort()).toEqual([...postIds].sort());
    const bad = await call('GET', '/api/v1/posts?cursor=nonsense', readToken);
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ problems: [{ field: 'cursor' }] });
    const tooMany = await call('GET', '/api/v1/posts?limit=1000', readToken);
    expect(tooMany.statusCode).toBe(400);
  });

  it('reads a post and its units, saves a unit, and answers 409 with both texts', async () => {
    const post = await call('GET', `/api/v1/posts/${postIds[1]}`, readToken);
    expect(post.json()).toMatchObject({ id: postIds[1], title: 'Meeting number 1' });
    const unitsUrl = `/api/v1/posts/${postIds[1]}/translations/es/units`;
    const units = (await call('GET', unitsUrl, readToken)).json<{ units: Unit[] }>().units;
    const unit = units.find((u) => u.source.startsWith('Bring water'));
    expect(unit?.target).toBeNull();
    const url = `${unitsUrl}/${unit!.unitId}`;
    const body = { text: 'Trae agua 1.', version: 0, sourceRevision: unit!.sourceRevision };
    const saved = await call('PUT', url, translateToken, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ outcome: 'saved', target: { text: 'Trae agua 1.' } });
    const stale = await call('PUT', url, translateToken, { ...body, text: 'Lleva agua 1.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      theirs: { text: 'Trae agua 1.' },
      yours: 'Lleva agua 1.',
    });
    const after = (await call('GET', unitsUrl, readToken)).json<{ units: Unit[] }>().units;
    expect(after.find((u) => u.unitId === unit!.unitId)?.target?.text).toBe('Trae agua 1.');
    const missingField = await call('PUT', url, translateToken, { text: 'x' });
    expect(missingField.statusCode).toBe(400);
    expect(missingField.json<{ message: string }>().message).toMatch(/version|sourceRevision/);
  });

  it('refuses saving for a token whose owner lost the translator role', async () => {
    const user = await buildUser(ctx.deps, ['translator']);
    const { secret } = await createApiToken(ctx.deps, user, {
      name: 't',
      scopes: ['read', 'translate'],
    });
    await ctx.deps.store.users.setRoles(user.id, ['reader']);
    const response = await call(
      'PUT',
      `/api/v1/posts/${postIds[2]}/translations/es/units/x`,
      secret,
      { text: 'x', version: 0, sourceRevision: 1 },
    );
    expect(response.statusCode).toBe(403);
  });

  it('downloads a translation as a file and applies it back, refusing an invalid one', async () => {
    const url = `/api/v1/posts/${postIds[2]}/translations/es/file`;
    for (const format of ['xliff2', 'xliff12', 'po'] as const) {
      const file = await call('GET', `${url}?format=${format}`, readToken);
      expect(file.statusCode, file.body).toBe(200);
      expect(file.body.startsWith(format === 'po' ? 'msgid' : '<?xml')).toBe(true);
      const type = format === 'po' ? 'text/x-gettext-translation' : 'application/xliff+xml';
      expect(file.headers['content-type']).toContain(type);
      const put = (body: string) =>
        ctx.app.inject({
          method: 'PUT',
          url,
          headers: { authorization: `Bearer ${translateToken}`, 'content-type': type },
          payload: body,
        });
      const unchanged = await put(file.body);
      expect(unchanged.statusCode, unchanged.body).toBe(200);
      expect(unchanged.json()).toMatchObject({ saved: 0, conflicts: 0 });
      if (format === 'po') continue;
      if (format === 'xliff12') {
        // A unit without a translation gets one in the file: exactly that unit is saved.
        const edited = file.body.replace(
          /(<trans-unit id="[^"]+"[^>]*>\s*<source>[^<]*<\/source>)(\s*<note)/,
          '$1<target state="translated">Traducido por la API</target>$2',
        );
        expect(edited).not.toBe(file.body);
        const saved = await put(edited);
        expect(saved.statusCode, saved.body).toBe(200);
        expect(saved.json()).toMatchObject({ saved: 1, conflicts: 0 });
      }
      const invalid = await put(file.body.replace('</xliff>', ''));
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json<{ problems: { message: string }[] }>().problems[0]?.message).toMatch(
        /line \d+, column \d+/,
      );
    }
    const wrongType = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${translateToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ file: 'x' }),
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toMatchObject({ message: 'body must be string' });
  });

  it('serves a valid OpenAPI document of the API routes only', async () => {
    const response = await call('GET', '/api/v1/openapi.json', null);
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ paths: Record<string, unknown> }>();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/me',
      '/memory',
      '/posts',
      '/posts/{postId}',
      '/posts/{postId}/translations/{lang}/file',
      '/posts/{postId}/translations/{lang}/units',
      '/posts/{postId}/translations/{lang}/units/{unitId}',
    ]);
  });
});

// Limits are counted in memory, whatever the engine: one engine is enough.
describe.each(engines().slice(0, 1))('REST API rate limit on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine, { requestLimits: { apiPerToken: 2 } });
  });
  afterAll(() => ctx.close());

  it('limits requests per token, not per address', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const first = (await createApiToken(ctx.deps, user, { name: 'a', scopes: ['read'] })).secret;
    const second = (await createApiToken(ctx.deps, user, { name: 'b', scopes: ['read'] })).secret;
    const me = (token: string) =>
      ctx.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me(first)).statusCode).toBe(200);
    expect((await me(first)).statusCode).toBe(200);
    const limited = await me(first);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect((await me(second)).statusCode).toBe(200);
  });
});

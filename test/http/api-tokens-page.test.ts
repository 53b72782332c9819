/**
 * /account/tokens: a person makes a token (its secret shown once, never again), uses it on
 * /api/v1, revokes it; outsiders are refused and forms need the CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

describe.each(engines())('API tokens page on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  it('creates a token shown once, which then works until it is revoked', async () => {
    const user = await buildUser(ctx.deps, ['translator']);
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    const account = await agent.get('/account');
    expect(account.body).toContain('href="/account/tokens"');
    const empty = await agent.get('/account/tokens');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('value="translate"');
    const created = await agent.post('/account/tokens', {
      name: 'OmegaT at home',
      scopes: ['read', 'translate'],
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toContain('no-store');
    const secret = /pp_[A-Za-z0-9_-]{43}/.exec(created.body)?.[0];
    expect(secret).toBeDefined();
    expect(created.body).toContain('OmegaT at home');
    const me = await ctx.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.json()).toMatchObject({ id: user.id });
    const listed = await agent.get('/account/tokens');
    expect(listed.body).not.toContain(secret);
    expect(listed.body).toContain(`${secret!.slice(0, 10)}…`);
    const tokenId = /action="\/account\/tokens\/([^/"]+)\/revoke"/.exec(listed.body)?.[1];
    const revoked = await agent.post(`/account/tokens/${tokenId}/revoke`);
    expect(revoked.statusCode).toBe(303);
    const after = await ctx.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('names the field of a refused token and offers a reader no translate scope', async () => {
    const reader = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    await agent.signIn(reader.username);
    const page = await agent.get('/account/tokens');
    expect(page.body).not.toContain('value="translate"');
    const noName = await agent.post('/account/tokens', { name: '', scopes: 'read' });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('id="name-error"');
    const sneaky = await agent.post('/account/tokens', { name: 'x', scopes: 'translate' });
    expect(sneaky.statusCode).toBe(422);
    expect(sneaky.body).toContain('translator role');
    expect(await ctx.deps.store.apiTokens.listForUser(reader.id)).toEqual([]);
  });

  it('refuses outsiders, other people and forms without the CSRF token', async () => {
    const owner = await buildUser(ctx.deps, ['reader']);
    const ownerAgent = new Agent(ctx.app);
    await ownerAgent.signIn(owner.username);
    await ownerAgent.post('/account/tokens', { name: 'mine', scopes: 'read' });
    const [token] = await ctx.deps.store.apiTokens.listForUser(owner.id);
    const signedOut = await ctx.app.inject({
      url: '/account/tokens',
      headers: { accept: 'text/html' },
    });
    expect(signedOut.statusCode).toBe(303);
    const anonymousPost = await new Agent(ctx.app).post('/account/tokens', {
      name: 'x',
      scopes: 'read',
    });
    expect([401, 303, 403]).toContain(anonymousPost.statusCode);
    const other = await buildUser(ctx.deps, ['translator']);
    const otherAgent = new Agent(ctx.app);
    await otherAgent.signIn(other.username);
    const foreign = await otherAgent.post(`/account/tokens/${token!.id}/revoke`);
    expect(foreign.statusCode).toBe(404);
    const noCsrf = await ownerAgent.post(
      `/account/tokens/${token!.id}/revoke`,
      {},
      { withCsrf: false },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect((await ctx.deps.store.apiTokens.findById(token!.id))?.revokedAt).toBeNull();
  });
});

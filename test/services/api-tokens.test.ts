/**
 * Personal access tokens (issue 11): the secret is shown once and only its hash is stored;
 * revoked, expired and unknown tokens are refused; only the owner (or an admin) revokes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateApiToken,
  createApiToken,
  revokeApiToken,
} from '../../src/services/api/tokens.service.js';
import { engines } from '../support/databases.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

describe.each(engines())('API tokens on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  it('stores only the hash, authenticates, and refuses revoked and unknown tokens', async () => {
    const user = await buildUser(ctx.deps, ['translator']);
    const other = await buildUser(ctx.deps, ['translator']);
    const { token, secret } = await createApiToken(ctx.deps, user, {
      name: 'CAT tool',
      scopes: ['read', 'translate'],
    });
    expect(secret).toMatch(/^pp_[A-Za-z0-9_-]{43}$/);
    const stored = await ctx.deps.store.apiTokens.findById(token.id);
    expect(stored?.tokenHash).not.toContain(secret);
    expect(stored?.prefix).toBe(secret.slice(0, 10));
    const ok = await authenticateApiToken(ctx.deps, secret);
    expect(ok.ok && ok.user.id).toBe(user.id);
    expect((await ctx.deps.store.apiTokens.findById(token.id))?.lastUsedAt).not.toBeNull();
    expect(await authenticateApiToken(ctx.deps, `pp_${'A'.repeat(43)}`)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    await expect(revokeApiToken(ctx.deps, other, token.id)).rejects.toThrow();
    await revokeApiToken(ctx.deps, user, token.id);
    expect(await authenticateApiToken(ctx.deps, secret)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('refuses a scope beyond the roles and an expiry in the past', async () => {
    const reader = await buildUser(ctx.deps, ['reader']);
    await expect(
      createApiToken(ctx.deps, reader, { name: 'x', scopes: ['translate'] }),
    ).rejects.toThrow(/translator role/);
    await expect(
      createApiToken(ctx.deps, reader, { name: 'x', scopes: ['read'], expiresOn: '2001-01-01' }),
    ).rejects.toThrow();
  });

  it('refuses a token once its expiry day begins and touches last_used_at once a minute', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const now = Date.now();
    const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
    const { token, secret } = await createApiToken(ctx.deps, user, {
      name: 'expiring',
      scopes: ['read'],
      expiresOn: tomorrow,
    });
    const at = (ms: number) => ({ ...ctx.deps, clock: { now: () => new Date(ms) } });
    expect((await authenticateApiToken(at(now), secret)).ok).toBe(true);
    const first = (await ctx.deps.store.apiTokens.findById(token.id))?.lastUsedAt;
    expect(first).toBe(new Date(now).toISOString());
    await authenticateApiToken(at(now + 30_000), secret);
    expect((await ctx.deps.store.apiTokens.findById(token.id))?.lastUsedAt).toBe(first);
    await authenticateApiToken(at(now + 61_000), secret);
    expect((await ctx.deps.store.apiTokens.findById(token.id))?.lastUsedAt).toBe(
      new Date(now + 61_000).toISOString(),
    );
    expect(await authenticateApiToken(at(now + 2 * 86_400_000), secret)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await authenticateApiToken(ctx.deps, undefined)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });
});

/**
 * The cookie secret (issue 12): configured wins; otherwise one is generated once and stored, so a
 * restart and every other instance sign alike — even when instances start at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieSecret } from '../../src/services/admin/site-secrets.service.js';
import { engines } from '../support/databases.js';
import { startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

describe.each(engines())('cookie secret on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  it('is generated once, shared by concurrent starts, and kept across calls', async () => {
    const first = await Promise.all(Array.from({ length: 6 }, () => cookieSecret(ctx.deps)));
    expect(new Set(first).size).toBe(1);
    expect(first[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await cookieSecret(ctx.deps)).toBe(first[0]);
    expect(await ctx.deps.store.notifications.secret('cookie')).toBe(first[0]);
  });

  it('uses the configured secret and leaves the stored one alone', async () => {
    const stored = await cookieSecret(ctx.deps);
    expect(await cookieSecret(ctx.deps, 'configured-secret-value')).toBe('configured-secret-value');
    expect(await cookieSecret(ctx.deps, '')).toBe(stored);
  });
});

/**
 * Reset links through HTTP, on each engine: asking for a new link revokes the older ones, and
 * using a link revokes every other link of the account (including ones left from before this
 * rule, made here directly in the store).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const SPENT = 'This reset link is invalid, used or expired';

describe.each(engines())('reset links on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  /** Asks for a reset link for `email`; the path of the link in the mail. */
  async function askLink(agent: Agent, email: string): Promise<string> {
    ctx.mail.length = 0;
    const res = await agent.post('/password/forgot', { email });
    expect(res.statusCode).toBe(200);
    const path = /http:\/\/localhost:3000(\/password\/reset\/[A-Za-z0-9_-]+)/.exec(
      ctx.mail[0]?.text ?? '',
    )?.[1];
    if (!path) throw new Error('no reset link was mailed');
    return path;
  }

  it('refuses the older link once a newer one is asked for, and after the newer is used', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    const older = await askLink(agent, user.email);
    const newer = await askLink(agent, user.email);
    expect(newer).not.toBe(older);

    const tooLate = await agent.post(older, { password: 'the older link passphrase' });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.body).toContain(SPENT);

    const used = await agent.post(newer, { password: 'the newer link passphrase' });
    expect(used.statusCode).toBe(303);
    const afterUse = await agent.post(older, { password: 'the older link passphrase' });
    expect(afterUse.statusCode).toBe(422);
    await new Agent(ctx.app).signIn(user.username, 'the newer link passphrase');
  });

  it('using one link revokes every other live link of the account', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    // Two live links side by side, as the database may hold from before links revoked others.
    const now = new Date();
    const tokens = [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')];
    for (const token of tokens)
      await ctx.deps.store.sessions.createPasswordReset({
        tokenHash: createHash('sha256').update(token).digest('hex'),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      });
    const agent = new Agent(ctx.app);
    const first = await agent.post(`/password/reset/${tokens[1]}`, {
      password: 'set with the second link',
    });
    expect(first.statusCode).toBe(303);
    const second = await agent.post(`/password/reset/${tokens[0]}`, {
      password: 'set with the first link',
    });
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain(SPENT);
    await new Agent(ctx.app).signIn(user.username, 'set with the second link');
  });

  it('leaves other accounts’ links alone', async () => {
    const one = await buildUser(ctx.deps, ['reader']);
    const two = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    const linkOfTwo = await askLink(agent, two.email);
    await askLink(agent, one.email);
    expect((await agent.post(linkOfTwo, { password: 'two keeps a link' })).statusCode).toBe(303);
  });
});

/**
 * The translation save route is limited per account and per address (autosave fires often, so
 * the production limits are generous; small ones here): over either, 429 `rate_limited` with a
 * Retry-After header and a message in the reader's language. Whether a save under the limit
 * succeeds is the editor suite's business; here it only must not be refused for its rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader } from './http-helpers.js';

describe.each(engines())('translation save limits on $name', (engine) => {
  let ctx: TestContext;
  let postId: string;
  let unitId: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine, { requestLimits: { savesPerAccount: 3, savesPerAddress: 5 } });
    const author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(
      ctx.deps,
      { id: author.id, roles: author.roles },
      { language: 'en', title: 'Limits', slug: 'limits', body: 'One paragraph to translate.' },
    );
    await publishPost(ctx.deps, { id: editor.id, roles: editor.roles }, post.id);
    postId = post.id;
    const revision = await ctx.deps.store.translations.latestUnitRevision(postId);
    const units = await ctx.deps.store.translations.units(postId, revision ?? 1);
    unitId = units[0]!.unitId;
  });
  afterAll(() => ctx.close());

  async function translatorAgent(): Promise<Agent> {
    const user = await buildUser(ctx.deps, ['translator']);
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    return agent;
  }

  const save = (agent: Agent, address: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/translate/${postId}/es/units/${unitId}`,
      remoteAddress: address,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': agent.csrf,
        cookie: cookieHeader(agent),
        ...headers,
      },
      payload: JSON.stringify({ text: 'Un párrafo para traducir.', version: 0, state: 'draft' }),
    });

  it('refuses the saves of one account past its limit, then those of its address', async () => {
    const first = await translatorAgent();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await save(first, '192.0.2.10')).statusCode);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);

    const refused = await save(first, '192.0.2.11', { 'accept-language': 'es' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'rate_limited' });
    expect(refused.json<{ message: string }>().message).toContain('Demasiados guardados');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    // A second account from the first address: its own count is fresh, but the address has
    // had 4 of its 5 saves.
    const second = await translatorAgent();
    expect((await save(second, '192.0.2.10')).statusCode).not.toBe(429);
    const overAddress = await save(second, '192.0.2.10');
    expect(overAddress.statusCode).toBe(429);
    expect(overAddress.json<{ message: string }>().message).toContain('Too many saves');
    // From elsewhere it may go on.
    expect((await save(second, '192.0.2.12')).statusCode).not.toBe(429);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const [sqlite] = engines();

describe('smoke', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(sqlite!);
  });
  afterAll(() => ctx.close());

  it('serves the home page and lets an author write a post', async () => {
    const author = await buildUser(ctx.deps, ['author']);
    const agent = new Agent(ctx.app);
    expect((await agent.get('/en/')).statusCode).toBe(200);
    await agent.signIn(author.username);
    const res = await agent.post('/write/new', {
      language: 'en',
      title: 'Hello world',
      body: 'Some *text*.',
      authorIds: [author.id],
    });
    expect(res.statusCode, res.body).toBe(303);
    const edit = await agent.get(res.headers.location as string);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Hello world');
  });
});

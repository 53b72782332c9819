/** The translator hub: posts missing my languages, translations in progress and outdated ones. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { loadEditor as openTranslation } from '../../src/services/translation/open-translation.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });

describe.each(engines())('translator hub on $name', (engine) => {
  let ctx: TestContext;
  let agent: Agent;
  let untouched: string;
  let started: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const author = actorOf(await buildUser(ctx.deps, ['author']));
    const editor = actorOf(await buildUser(ctx.deps, ['editor']));
    const volunteer = await buildUser(ctx.deps, ['reader', 'translator']);
    const make = async (title: string, language = 'en') => {
      const post = await createPost(ctx.deps, author, {
        language,
        title,
        body: `${title} first paragraph.\n\nSecond paragraph.`,
      });
      await publishPost(ctx.deps, editor, post.id);
      return post.id;
    };
    untouched = await make('Nobody translated me');
    started = await make('Half translated');
    await make('Ya en español', 'es');
    // Translate one unit of "Half translated" and all units of a third post, then outdate it.
    const half = await openTranslation(ctx.deps, actorOf(volunteer), started, 'es');
    await saveTarget(ctx.deps, actorOf(volunteer), {
      postId: started,
      language: 'es',
      unitId: half.units[0]!.unitId,
      text: 'Medio traducido',
      version: 0,
      sourceRevision: half.units[0]!.sourceRevision,
    });
    const full = await make('Fully translated');
    const data = await openTranslation(ctx.deps, actorOf(volunteer), full, 'es');
    for (const unit of data.units) {
      await saveTarget(ctx.deps, actorOf(volunteer), {
        postId: full,
        language: 'es',
        unitId: unit.unitId,
        text: `ES ${unit.source}`,
        version: 0,
        sourceRevision: unit.sourceRevision,
      });
    }
    const post = await ctx.deps.store.posts.findById(full);
    await savePost(ctx.deps, author, full, post!.currentRevision, {
      language: 'en',
      title: 'Fully translated',
      body: 'Fully translated first paragraph, now changed.\n\nSecond paragraph.',
    });
    await publishPost(ctx.deps, editor, full);
    await runDueJobs(ctx.deps);
    agent = new Agent(ctx.app);
    await agent.signIn(volunteer.username);
  });
  afterAll(() => ctx.close());

  it('lists, for Spanish, the posts without a translation, the ones in progress and the outdated ones', async () => {
    const page = await agent.get('/translate?language=es');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Into Spanish');
    // Missing: the untouched English post, not the Spanish original, not the started ones.
    expect(body).toContain('1 post has no translation yet');
    expect(body).toContain(`href="/translate/${untouched}/es"`);
    expect(body).not.toMatch(/Translate: <bdi[^>]*>Ya en español/);
    expect(body).toContain('2 translations in progress');
    expect(body).toMatch(/Continue: <bdi[^>]*>Half translated<\/bdi>/);
    expect(body).toContain('1 translation is outdated');
    expect(body).toMatch(/Update: <bdi[^>]*>Fully translated<\/bdi>/);
    expect(body).toContain('1 outdated segment');
    // My recent work lists what I touched.
    expect(body).toContain('Your recent work');
  });

  it('sends a signed-out visitor to sign in first', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/translate',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/signin?next=%2Ftranslate');
  });
});

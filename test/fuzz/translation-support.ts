/**
 * A published post, a translator signed in and the editor's data for one of its units, for
 * the limit tests and the fuzz of tagged text through the translation API.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { EditorState } from '../../src/client/translate/state.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { EngineCase } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { cookieHeader } from '../http/http-helpers.js';

/** What a translation test needs: the app, a translator and where to save. */
export interface TranslationSetup {
  ctx: TestContext;
  postId: string;
  postUrl: string;
  unitId: string;
  sourceRevision: number;
  /** PUTs `text` over the unit as the translator (at `version`). */
  save(text: string, version: number): Promise<LightMyRequestResponse>;
  /** A reader's request for the published post. */
  read(): Promise<LightMyRequestResponse>;
}

function editorState(page: LightMyRequestResponse): EditorState {
  const json = /<script type="application\/json" id="editor-state">([\s\S]*?)<\/script>/.exec(
    page.body,
  )?.[1];
  if (!json) throw new Error(`no editor state in the page (${page.statusCode})`);
  return JSON.parse(json) as EditorState;
}

/** Starts an app (no save rate limits) with a published post whose paragraph has three codes. */
export async function translationSetup(engine: EngineCase): Promise<TranslationSetup> {
  const ctx = await startTestApp(engine, {
    requestLimits: { savesPerAccount: Infinity, savesPerAddress: Infinity },
  });
  const author = await buildUser(ctx.deps, ['author']);
  const editor = await buildUser(ctx.deps, ['editor']);
  const post = await createPost(
    ctx.deps,
    { id: author.id, roles: author.roles },
    {
      language: 'en',
      title: 'Tagged text',
      slug: 'tagged-text',
      body: 'Join **the session** at [the park](https://example.org) with `npm test`.',
    },
  );
  await publishPost(ctx.deps, { id: editor.id, roles: editor.roles }, post.id);
  const at = (await ctx.deps.store.posts.findById(post.id))?.publishedAt ?? '';
  const postUrl = `/en/${at.slice(0, 4)}/${at.slice(5, 7)}/${at.slice(8, 10)}/tagged-text`;
  const translator = await buildUser(ctx.deps, ['translator']);
  const agent = new Agent(ctx.app);
  await agent.signIn(translator.username);
  const page = await agent.get(`/translate/${post.id}/es`);
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no csrf meta tag on the editor page');
  const unit = editorState(page).units.find((u) => u.source.includes('the session'));
  if (!unit) throw new Error('the paragraph unit is missing from the editor');
  return {
    ctx,
    postId: post.id,
    postUrl,
    unitId: unit.unitId,
    sourceRevision: unit.sourceRevision,
    save: (text, version) =>
      ctx.app.inject({
        method: 'PUT',
        url: `/api/translate/${post.id}/es/units/${unit.unitId}`,
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrf,
          cookie: cookieHeader(agent),
        },
        payload: JSON.stringify({ text, version, sourceRevision: unit.sourceRevision }),
      }),
    read: () => ctx.app.inject({ method: 'GET', url: postUrl, headers: { accept: 'text/html' } }),
  };
}

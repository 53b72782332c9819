/**
 * The suggestions of one unit over HTTP, on every engine: a translation saved for one unit is
 * suggested for a repeated unit (100 %, with the post and translator it came from) and for a
 * similar one (fuzzy, with the difference of sources), never for the unit itself; a text
 * replaced by another stops being suggested; machine translation appears labelled with its
 * engine once an administrator enables the pair (a LibreTranslate-compatible server here; the
 * real Apertium server is in the browser journey), and inserting it records `mt:<engine>`. A
 * reader and a signed-out visitor are refused; an unknown unit is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionsView } from '../../src/client/translate/state.js';
import { apertiumProvider } from '../../src/integrations/mt/apertium.js';
import { libreTranslateProvider } from '../../src/integrations/mt/libretranslate.js';
import { createMtRegistry } from '../../src/services/mt/registry.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UnitRecord, UserRecord } from '../../src/services/repositories.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { startLibreTranslate, startServer } from '../integrations/mt-fake-servers.js';
import type { FakeServer } from '../integrations/mt-fake-servers.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader } from './http-helpers.js';

const BODY = [
  '**What did Nairobi add to the playbook?**',
  '',
  'The timetable.',
  '',
  '**What did Leipzig add to the playbook?**',
  '',
  'The remote buddies.',
  '',
  '**What did Nairobi add to the playbook?**',
  '',
].join('\n');

describe.each(engines())('unit suggestions over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let lt: FakeServer;
  let postId: string;
  let volunteer: UserRecord;
  let agent: Agent;
  let units: UnitRecord[];
  const actor = (u: UserRecord) => ({ id: u.id, roles: u.roles });
  const questions = () => units.filter((u) => u.source.includes('add to the playbook'));
  const suggestions = (unitId: string, who: Agent | null = agent) =>
    ctx.app.inject({
      method: 'GET',
      url: `/api/translate/${postId}/es/units/${unitId}/suggestions`,
      headers: {
        accept: 'application/json',
        ...(who ? { cookie: cookieHeader(who) } : {}),
      },
    });
  const view = async (unitId: string): Promise<SuggestionsView> => {
    const response = await suggestions(unitId);
    expect(response.statusCode).toBe(200);
    return response.json<SuggestionsView>();
  };
  const save = async (unit: UnitRecord, text: string, version = 0) =>
    saveTarget(ctx.deps, actor(volunteer), {
      postId,
      language: 'es',
      unitId: unit.unitId,
      text,
      version,
      sourceRevision: unit.revision,
    });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    lt = await startLibreTranslate();
    ctx.deps.mt = createMtRegistry([libreTranslateProvider({ url: lt.url })]);
    const author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(ctx.deps, actor(author), {
      language: 'en',
      title: 'Six cities',
      body: BODY,
    });
    postId = post.id;
    await publishPost(ctx.deps, actor(editor), postId);
    volunteer = await buildUser(ctx.deps, ['reader', 'translator'], {
      displayName: 'Vera Volunteer',
    });
    agent = new Agent(ctx.app);
    await agent.signIn(volunteer.username);
    const data = await loadEditor(ctx.deps, actor(volunteer), postId, 'es');
    const revision = await ctx.deps.store.translations.latestUnitRevision(postId);
    units = await ctx.deps.store.translations.units(postId, revision!);
    expect(data.units.length).toBe(units.length);
  });
  afterAll(async () => {
    await lt.close();
    await ctx.close();
  });

  it('refuses a signed-out visitor and a reader; answers 404 for an unknown unit', async () => {
    const [first] = questions();
    const signedOut = await suggestions(first!.unitId, null);
    expect(signedOut.statusCode).toBe(401);
    const reader = await buildUser(ctx.deps, ['reader']);
    const readerAgent = new Agent(ctx.app);
    await readerAgent.signIn(reader.username);
    expect((await suggestions(first!.unitId, readerAgent)).statusCode).toBe(403);
    expect((await suggestions('no-such-unit')).statusCode).toBe(404);
  });

  it('suggests a saved translation for the repeated unit (100 %) and the similar one (fuzzy)', async () => {
    const [first, leipzig, repeated] = questions();
    expect(first!.source).toBe(repeated!.source);
    const before = await view(repeated!.unitId);
    expect(before.memory).toEqual([]);
    await save(first!, '<pc id="1">¿Qué aportó Nairobi al manual?</pc>');

    const exact = await view(repeated!.unitId);
    expect(exact.memory[0]).toMatchObject({
      score: 100,
      text: '<pc id="1">¿Qué aportó Nairobi al manual?</pc>',
      codesMapped: true,
      uses: 1,
    });
    expect(exact.memory[0]!.originLabel).toContain('Six cities');
    expect(exact.memory[0]!.originLabel).toContain('Vera Volunteer');

    const fuzzy = await view(leipzig!.unitId);
    const match = fuzzy.memory[0];
    expect(match?.score).toBeGreaterThanOrEqual(70);
    expect(match?.score).toBeLessThan(100);
    expect(match?.diff.some((p) => p.kind === 'removed' && p.text.includes('Nairobi'))).toBe(true);
    expect(match?.diff.some((p) => p.kind === 'added' && p.text.includes('Leipzig'))).toBe(true);

    // Never the unit's own text.
    const own = await view(first!.unitId);
    expect(own.memory.filter((m) => m.score === 100 && !m.inContext)).toEqual([]);
  });

  it('counts the segments with memory matches in the editor and the translator hub', async () => {
    const editor = await loadEditor(ctx.deps, actor(volunteer), postId, 'es');
    // The repeated question (100 %) and the Leipzig one (fuzzy); not the translated one.
    expect(editor.memoryMatches).toBe(2);
    const hub = await agent.get('/translate?language=es');
    expect(hub.statusCode).toBe(200);
    expect(hub.body).toContain('2 segments have memory matches');
  });

  it('stops suggesting a text once it is replaced', async () => {
    const [first, , repeated] = questions();
    const current = await ctx.deps.store.translations.findTranslation(postId, 'es');
    const target = await ctx.deps.store.translations.target(current!.id, first!.unitId);
    await save(first!, '<pc id="1">¿Qué sumó Nairobi al manual?</pc>', target!.version);
    const texts = (await view(repeated!.unitId)).memory.map((m) => m.text);
    expect(texts).toContain('<pc id="1">¿Qué sumó Nairobi al manual?</pc>');
    expect(texts).not.toContain('<pc id="1">¿Qué aportó Nairobi al manual?</pc>');
  });

  it('adds machine translation, labelled with its engine, once the pair is enabled', async () => {
    const [, leipzig] = questions();
    expect((await view(leipzig!.unitId)).machine).toBeNull();
    expect((await view(leipzig!.unitId)).machineState).toEqual({ state: 'disabled' });
    await ctx.deps.store.mt.savePair({
      sourceLanguage: 'en',
      targetLanguage: 'es',
      engine: 'libretranslate',
      enabledBy: null,
      enabledAt: new Date().toISOString(),
    });
    const answer = await view(leipzig!.unitId);
    expect(answer.machineState).toMatchObject({ state: 'ready', engine: 'LibreTranslate' });
    expect(answer.machine).toMatchObject({ engine: 'libretranslate', label: 'LibreTranslate' });
    expect(answer.machine!.text).toContain('<pc id="1">');

    // Saved from the suggestion: the target records where it came from.
    const saved = await saveTarget(ctx.deps, actor(volunteer), {
      postId,
      language: 'es',
      unitId: leipzig!.unitId,
      text: answer.machine!.text,
      version: 0,
      sourceRevision: leipzig!.revision,
      origin: { kind: 'machine', engine: 'libretranslate' },
    });
    expect(saved.outcome).toBe('saved');
    if (saved.outcome === 'saved') {
      expect(saved.target.provenance).toBe('machine');
      expect(saved.target.origin).toMatchObject({ kind: 'machine', engine: 'libretranslate' });
    }
  });
});

describe.each(engines())(
  'a failing machine translation engine in the editor on $name',
  (engine) => {
    let ctx: TestContext;
    let silent: FakeServer;
    let postId: string;
    let agent: Agent;
    let unitId: string;

    beforeAll(async () => {
      ctx = await startTestApp(engine);
      silent = await startServer(null);
      ctx.deps.mt = createMtRegistry([apertiumProvider({ url: silent.url })], {
        limits: { timeoutMs: 150 },
      });
      const author = await buildUser(ctx.deps, ['author']);
      const editor = await buildUser(ctx.deps, ['editor']);
      const post = await createPost(
        ctx.deps,
        { id: author.id, roles: author.roles },
        { language: 'en', title: 'Picnic', body: 'Bring [water](https://example.org) today.' },
      );
      postId = post.id;
      await publishPost(ctx.deps, { id: editor.id, roles: editor.roles }, postId);
      await ctx.deps.store.mt.savePair({
        sourceLanguage: 'en',
        targetLanguage: 'es',
        engine: 'apertium',
        enabledBy: null,
        enabledAt: new Date().toISOString(),
      });
      const volunteer = await buildUser(ctx.deps, ['translator']);
      agent = new Agent(ctx.app);
      await agent.signIn(volunteer.username);
      const data = await loadEditor(
        ctx.deps,
        { id: volunteer.id, roles: volunteer.roles },
        postId,
        'es',
      );
      unitId = data.units.find((u) => u.kind === 'paragraph')!.unitId;
    });
    afterAll(async () => {
      await silent.close();
      await ctx.close();
    });

    it('says each failure, then that the engine is paused, why and until when', async () => {
      const ask = async () => {
        const response = await ctx.app.inject({
          method: 'GET',
          url: `/api/translate/${postId}/es/units/${unitId}/suggestions`,
          headers: { accept: 'application/json', cookie: cookieHeader(agent) },
        });
        expect(response.statusCode).toBe(200);
        return response.json<SuggestionsView>();
      };
      for (let attempt = 1; attempt <= 2; attempt++) {
        const answer = await ask();
        expect(answer.machine).toBeNull();
        expect(answer.machineError).toContain('Machine translation (Apertium) failed just now');
      }
      const third = await ask();
      expect(third.machineState).toMatchObject({ state: 'paused', engine: 'Apertium' });
      expect(third.machineState.state === 'paused' && third.machineState.reason).toContain(
        'failed 3 times in a row',
      );
      expect(silent.requests).toHaveLength(3);
      // The editor's own state says so too, and no further call reaches the engine.
      const state = await ctx.app.inject({
        method: 'GET',
        url: `/api/translate/${postId}/es`,
        headers: { accept: 'application/json', cookie: cookieHeader(agent) },
      });
      expect(state.json<{ machine: SuggestionsView['machineState'] }>().machine).toMatchObject({
        state: 'paused',
        engine: 'Apertium',
      });
      expect((await ask()).machineState).toMatchObject({ state: 'paused' });
      expect(silent.requests).toHaveLength(3);
    });
  },
);

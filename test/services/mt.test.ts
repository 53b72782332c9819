/**
 * Machine translation through the services on every engine: off by default and enabled per
 * pair by an administrator only; results kept, so a repeated request never calls the engine;
 * lost codes give plain text that says so; an engine that times out three times is paused and
 * the status says why and until when, nothing is sent to it meanwhile, and a failed trial
 * after the pause pauses it longer. Engines are local servers speaking their APIs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '../../src/domain/errors.js';
import type { Actor } from '../../src/domain/roles.js';
import type { CodeInfo } from '../../src/domain/units/types.js';
import { apertiumProvider } from '../../src/integrations/mt/apertium.js';
import { libreTranslateProvider } from '../../src/integrations/mt/libretranslate.js';
import { cachedMachineText } from '../../src/services/mt/cached-machine-text.service.js';
import { machineStatus } from '../../src/services/mt/machine-status.service.js';
import { machineSuggestions } from '../../src/services/mt/machine-suggestions.service.js';
import { mtOverview } from '../../src/services/mt/mt-overview.service.js';
import { createMtRegistry } from '../../src/services/mt/registry.js';
import { setMtPair } from '../../src/services/mt/set-mt-pair.service.js';
import type { MtProvider } from '../../src/services/ports/mt.js';
import { startLibreTranslate, startServer } from '../integrations/mt-fake-servers.js';
import type { FakeServer } from '../integrations/mt-fake-servers.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const codes: Record<string, CodeInfo> = {
  '1': { kind: 'pc', type: 'link', label: 'link → https://example.org/guide' },
  '2': { kind: 'pc', type: 'strong', label: 'bold' },
};
const SOURCE = 'Read <pc id="1">our guide</pc> and <pc id="2">call us</pc> today.';
/** A unit: the tagged source with its codes (a source without codes has none). */
const unit = (unitId: string, source = SOURCE) => ({
  unitId,
  source,
  codes: source === SOURCE ? codes : {},
});

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

describe.each(engines())('machine translation services on $name', (engine) => {
  let ctx: TestContext;
  let admin: Actor;
  let translator: Actor;
  const servers: FakeServer[] = [];
  let now = new Date('2026-03-01T10:00:00.000Z');

  const serve = async (server: Promise<FakeServer>) => {
    const started = await server;
    servers.push(started);
    return started;
  };
  const useEngines = (providers: MtProvider[], timeoutMs = 5000) => {
    ctx.deps.mt = createMtRegistry(providers, { limits: { timeoutMs } });
  };
  const enable = (engineName: 'apertium' | 'libretranslate', from = 'en', to = 'es') =>
    ctx.deps.store.mt.savePair({
      sourceLanguage: from,
      targetLanguage: to,
      engine: engineName,
      enabledBy: null,
      enabledAt: now.toISOString(),
    });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    ctx.deps.clock = { now: () => now };
    const a = await buildUser(ctx.deps, ['admin']);
    admin = { id: a.id, roles: a.roles };
    const t = await buildUser(ctx.deps, ['translator', 'reviewer', 'editor']);
    translator = { id: t.id, roles: t.roles };
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    for (const p of await ctx.deps.store.mt.listPairs())
      await ctx.deps.store.mt.deletePair(p.sourceLanguage, p.targetLanguage);
  });
  afterAll(() => ctx.close());

  it('is off by default: no suggestion, and the engine is never asked', async () => {
    const lt = await serve(startLibreTranslate());
    useEngines([libreTranslateProvider({ url: lt.url })]);
    const answer = await machineSuggestions(ctx.deps, {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      units: [unit('u1')],
    });
    expect(answer).toEqual({ status: { state: 'disabled' }, results: [], unavailable: [] });
    expect(await machineStatus(ctx.deps, { sourceLanguage: 'en', targetLanguage: 'es' })).toEqual({
      state: 'disabled',
    });
    expect(lt.requests).toEqual([]);
  });

  it('is enabled per pair by an administrator only, with an engine that offers the pair', async () => {
    const lt = await serve(startLibreTranslate());
    useEngines([libreTranslateProvider({ url: lt.url })]);
    const input = { sourceLanguage: 'en', targetLanguage: 'es', engine: 'libretranslate' };
    expect(await thrown(setMtPair(ctx.deps, translator, input))).toMatchObject({
      code: 'forbidden',
    });
    const problems = async (raw: typeof input) => {
      const error = await thrown(setMtPair(ctx.deps, admin, raw));
      if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError`);
      return error.problems.map((p) => p.field);
    };
    expect(await problems({ ...input, engine: 'apertium' })).toEqual(['engine']); // not configured
    expect(await problems({ ...input, engine: 'deepl' })).toEqual(['engine']); // unknown
    expect(await problems({ ...input, targetLanguage: 'sw' })).toEqual(['engine']); // not offered
    expect(await problems({ ...input, targetLanguage: 'EN' })).toEqual(['targetLanguage']);
    expect(await problems({ ...input, sourceLanguage: 'not a tag!' })).toEqual(['sourceLanguage']);
    expect(await ctx.deps.store.mt.listPairs()).toEqual([]);

    expect(await setMtPair(ctx.deps, admin, { ...input, targetLanguage: 'ES' })).toBe(true);
    expect(await ctx.deps.store.mt.listPairs()).toEqual([
      {
        sourceLanguage: 'en',
        targetLanguage: 'es',
        engine: 'libretranslate',
        enabledBy: admin.id,
        enabledAt: now.toISOString(),
      },
    ]);
    expect(await machineStatus(ctx.deps, { sourceLanguage: 'en', targetLanguage: 'es' })).toEqual({
      state: 'ready',
      engine: 'libretranslate',
      label: 'LibreTranslate',
    });
    const overview = await mtOverview(ctx.deps, admin);
    expect(overview.engines).toEqual([
      { name: 'libretranslate', label: 'LibreTranslate', origin: lt.url, state: 'ready' },
    ]);
    expect(overview.pairs).toContainEqual({
      sourceLanguage: 'en',
      targetLanguage: 'es',
      enabled: 'libretranslate',
      offeredBy: ['libretranslate'],
    });
    expect(overview.pairs).toContainEqual({
      sourceLanguage: 'en',
      targetLanguage: 'de',
      enabled: null,
      offeredBy: ['libretranslate'],
    });
    expect(overview.pairs.some((p) => p.targetLanguage === 'sw')).toBe(false);
    expect(await thrown(mtOverview(ctx.deps, translator))).toMatchObject({ code: 'forbidden' });

    expect(await setMtPair(ctx.deps, admin, { ...input, engine: '' })).toBe(false);
    expect(await ctx.deps.store.mt.listPairs()).toEqual([]);
  });

  it('keeps each result: a repeated request is answered without calling the engine', async () => {
    const lt = await serve(startLibreTranslate());
    useEngines([libreTranslateProvider({ url: lt.url })]);
    await enable('libretranslate');
    const ask = () =>
      machineSuggestions(ctx.deps, {
        sourceLanguage: 'en',
        targetLanguage: 'es',
        units: [unit('u1'), unit('u2'), unit('u3', 'Today')],
      });
    const first = await ask();
    const translated = 'Lee <pc id="1">nuestra guía</pc> y <pc id="2">llama nos</pc> hoy.';
    expect(first.status).toEqual({
      state: 'ready',
      engine: 'libretranslate',
      label: 'LibreTranslate',
    });
    expect(first.results).toEqual([
      {
        unitId: 'u1',
        engine: 'libretranslate',
        text: translated,
        codesPlaced: true,
        cached: false,
      },
      {
        unitId: 'u2',
        engine: 'libretranslate',
        text: translated,
        codesPlaced: true,
        cached: false,
      },
      { unitId: 'u3', engine: 'libretranslate', text: 'Hoy', codesPlaced: true, cached: false },
    ]);
    expect(lt.count('/translate')).toBe(1);
    // The same source twice in one request is sent once.
    const sent = lt.requests.find((r) => r.path === '/translate')?.body as { q: string[] };
    expect(sent.q).toHaveLength(2);

    const second = await ask();
    expect(second.results.map((r) => [r.unitId, r.text, r.cached])).toEqual([
      ['u1', translated, true],
      ['u2', translated, true],
      ['u3', 'Hoy', true],
    ]);
    expect(lt.count('/translate')).toBe(1);

    const base = { engine: 'libretranslate', sourceLanguage: 'en', targetLanguage: 'es' };
    expect(await cachedMachineText(ctx.deps, { ...base, source: SOURCE })).toBe(translated);
    expect(
      await cachedMachineText(ctx.deps, { ...base, engine: 'apertium', source: SOURCE }),
    ).toBeNull();
    expect(
      await cachedMachineText(ctx.deps, { ...base, targetLanguage: 'de', source: SOURCE }),
    ).toBeNull();
    expect(await cachedMachineText(ctx.deps, { ...base, source: `${SOURCE} ` })).toBeNull();
  });

  it('gives plain text, saying so, when the engine loses the codes', async () => {
    const lt = await serve(startLibreTranslate({ tags: 'drop' }));
    useEngines([libreTranslateProvider({ url: lt.url })]);
    await enable('libretranslate', 'en', 'de');
    const answer = await machineSuggestions(ctx.deps, {
      sourceLanguage: 'en',
      targetLanguage: 'de',
      units: [unit('u1'), { unitId: 'u2', source: 'Read our guide', codes: {} }],
    });
    expect(answer.results).toEqual([
      {
        unitId: 'u1',
        engine: 'libretranslate',
        text: 'Lies unseren Leitfaden und call us heute.',
        codesPlaced: false,
        cached: false,
      },
      {
        unitId: 'u2',
        engine: 'libretranslate',
        text: 'Lies unseren Leitfaden',
        codesPlaced: true,
        cached: false,
      },
    ]);
  });

  it('pauses an engine that times out three times in a row, and says why and until when', async () => {
    const silent = await serve(startServer(null));
    useEngines([apertiumProvider({ url: silent.url })], 150);
    await enable('apertium');
    const ask = () =>
      machineSuggestions(ctx.deps, {
        sourceLanguage: 'en',
        targetLanguage: 'es',
        units: [unit('u1')],
      });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const answer = await ask();
      expect(answer.status).toMatchObject({
        state: 'failed',
        engine: 'apertium',
        cause: 'timeout',
      });
      expect(answer.unavailable).toEqual([{ unitId: 'u1', reason: 'engine_failed' }]);
    }
    const third = await ask();
    const until = new Date(now.getTime() + 5 * 60_000).toISOString();
    expect(third.status).toMatchObject({
      state: 'paused',
      engine: 'apertium',
      label: 'Apertium',
      until,
      cause: 'timeout',
    });
    expect(third.status.state === 'paused' && third.status.reason).toContain(
      'failed 3 times in a row',
    );
    expect(third.status.state === 'paused' && third.status.reason).toContain('time limit');
    expect(silent.requests).toHaveLength(3);

    // Paused: nothing goes to the engine; the editor is told.
    now = new Date(now.getTime() + 4 * 60_000);
    const fourth = await ask();
    expect(fourth.status).toMatchObject({ state: 'paused', until });
    expect(fourth.unavailable).toEqual([{ unitId: 'u1', reason: 'paused' }]);
    expect(
      await machineStatus(ctx.deps, { sourceLanguage: 'en', targetLanguage: 'es' }),
    ).toMatchObject({
      state: 'paused',
      until,
    });
    const overview = await mtOverview(ctx.deps, admin);
    expect(overview.engines).toMatchObject([{ name: 'apertium', state: 'paused', until }]);
    expect(silent.requests).toHaveLength(3);

    // The pause ends; the first call after it fails, so it pauses again, for longer.
    now = new Date(now.getTime() + 60_000 + 1);
    const trial = await ask();
    expect(silent.requests).toHaveLength(4);
    expect(trial.status).toMatchObject({
      state: 'paused',
      until: new Date(now.getTime() + 10 * 60_000).toISOString(),
    });
  });

  it('does not pause an engine for refusing requests (4xx), and answers kept results while paused', async () => {
    const keyed = await serve(startLibreTranslate({ apiKeys: ['k'] }));
    useEngines([libreTranslateProvider({ url: keyed.url })], 2000);
    await enable('libretranslate');
    for (let attempt = 1; attempt <= 4; attempt++) {
      const answer = await machineSuggestions(ctx.deps, {
        sourceLanguage: 'en',
        targetLanguage: 'es',
        units: [unit('u1', 'Read our guide and call us.')],
      });
      expect(answer.status).toMatchObject({ state: 'failed', cause: 'rejected' });
    }

    // A kept result is still suggested when the engine is paused.
    const broken = await serve(startLibreTranslate({ failWith: 500 }));
    const working = await serve(startLibreTranslate());
    useEngines([libreTranslateProvider({ url: working.url })], 2000);
    await machineSuggestions(ctx.deps, {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      units: [unit('kept', 'Read today')],
    });
    useEngines([libreTranslateProvider({ url: broken.url })], 2000);
    for (let attempt = 1; attempt <= 3; attempt++)
      await machineSuggestions(ctx.deps, {
        sourceLanguage: 'en',
        targetLanguage: 'es',
        units: [unit('u1', 'Call us')],
      });
    const answer = await machineSuggestions(ctx.deps, {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      units: [unit('kept', 'Read today'), unit('u1', 'Call us')],
    });
    expect(answer.status).toMatchObject({ state: 'paused', cause: 'server_error' });
    expect(answer.results).toEqual([
      {
        unitId: 'kept',
        engine: 'libretranslate',
        text: 'Lee hoy',
        codesPlaced: true,
        cached: true,
      },
    ]);
    expect(answer.unavailable).toEqual([{ unitId: 'u1', reason: 'paused' }]);
  });

  it('refuses requests over its limits, naming the field, and skips over-long units', async () => {
    const lt = await serve(startLibreTranslate());
    ctx.deps.mt = createMtRegistry([libreTranslateProvider({ url: lt.url })], {
      limits: { maxUnits: 2, maxUnitChars: 40 },
    });
    await enable('libretranslate');
    const fields = async (
      units: { unitId: string; source: string; codes: Record<string, CodeInfo> }[],
    ) => {
      const error = await thrown(
        machineSuggestions(ctx.deps, { sourceLanguage: 'en', targetLanguage: 'es', units }),
      );
      expect(error).toBeInstanceOf(DomainError);
      return error instanceof ValidationError ? error.problems.map((p) => p.field) : [];
    };
    expect(await fields([unit('a', 'x'), unit('b', 'y'), unit('c', 'z')])).toEqual(['units']);
    expect(await fields([unit('a', 'Read <b>raw</b>')])).toEqual(['units.0.source']);
    const answer = await machineSuggestions(ctx.deps, {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      units: [unit('long', 'Read '.repeat(10)), unit('short', 'Today')],
    });
    expect(answer.unavailable).toEqual([{ unitId: 'long', reason: 'too_long' }]);
    expect(answer.results.map((r) => r.unitId)).toEqual(['short']);
  });
});

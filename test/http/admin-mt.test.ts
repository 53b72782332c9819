/**
 * The administrator's machine-translation page through HTTP on every engine: outsiders are
 * sent to sign in, non-administrators refused (page and form); an administrator sees the
 * configured engine and the site's pairs it offers (all off), enables one (the pair's status
 * becomes ready), sees a refusal naming the field, and turns it off again. The engine is a
 * local server speaking LibreTranslate's API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libreTranslateProvider } from '../../src/integrations/mt/libretranslate.js';
import { machineStatus } from '../../src/services/mt/machine-status.service.js';
import { createMtRegistry } from '../../src/services/mt/registry.js';
import { startLibreTranslate } from '../integrations/mt-fake-servers.js';
import type { FakeServer } from '../integrations/mt-fake-servers.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

describe.each(engines())('machine translation administration on $name', (engine) => {
  let ctx: TestContext;
  let lt: FakeServer;
  let admin: Agent;

  beforeAll(async () => {
    lt = await startLibreTranslate();
    ctx = await startTestApp(engine, {
      mt: createMtRegistry([libreTranslateProvider({ url: lt.url, apiKey: 'never-shown-key' })]),
    });
    const user = await buildUser(ctx.deps, ['admin']);
    admin = new Agent(ctx.app);
    await admin.signIn(user.username);
  });
  afterAll(async () => {
    await ctx.close();
    await lt.close();
  });

  it('sends a signed-out visitor to sign in and refuses every other role', async () => {
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/admin/mt');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fadmin%2Fmt');
    expect((await visitor.post('/admin/mt/pairs', { sourceLanguage: 'en' })).statusCode).toBe(401);
    for (const role of ['reader', 'translator', 'reviewer', 'editor'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      expect((await agent.get('/admin/mt')).statusCode, role).toBe(403);
      const post = await agent.post('/admin/mt/pairs', {
        sourceLanguage: 'en',
        targetLanguage: 'es',
        engine: 'libretranslate',
      });
      expect(post.statusCode, role).toBe(403);
    }
    expect(await ctx.deps.store.mt.listPairs()).toEqual([]);
  });

  it('lists the engine and the pairs it offers, all off, and never the API key', async () => {
    const page = await admin.get('/admin/mt');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Machine translation');
    expect(page.body).toContain('LibreTranslate');
    expect(page.body).toContain(lt.url);
    expect(page.body).not.toContain('never-shown-key');
    expect(page.body).toContain('No pair is enabled.');
    expect(page.body).toContain('data-pair="en|es"');
    expect(page.body).toContain('data-pair="es|en"');
    expect(page.body).not.toContain('data-pair="en|sw"');
    expect((await admin.get('/admin')).body).toContain('href="/admin/mt"');
  });

  it('enables a pair with an engine, then turns it off', async () => {
    const on = await admin.post('/admin/mt/pairs', {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      engine: 'libretranslate',
    });
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe('/admin/mt');
    expect(await machineStatus(ctx.deps, { sourceLanguage: 'en', targetLanguage: 'es' })).toEqual({
      state: 'ready',
      engine: 'libretranslate',
      label: 'LibreTranslate',
    });
    const page = await admin.get('/admin/mt');
    expect(page.body).toContain('1 pair is enabled.');
    expect(page.body).toMatch(/<option value="libretranslate" selected[^>]*>LibreTranslate/);

    const off = await admin.post('/admin/mt/pairs', {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      engine: '',
    });
    expect(off.statusCode).toBe(303);
    expect(await ctx.deps.store.mt.listPairs()).toEqual([]);
  });

  it('answers 422 naming the field for a pair the engine does not offer or a bad tag', async () => {
    const unsupported = await admin.post('/admin/mt/pairs', {
      sourceLanguage: 'en',
      targetLanguage: 'sw',
      engine: 'libretranslate',
    });
    expect(unsupported.statusCode).toBe(422);
    expect(unsupported.body).toContain('LibreTranslate does not offer en → sw');
    const badTag = await admin.post('/admin/mt/pairs', {
      sourceLanguage: 'not a tag!',
      targetLanguage: 'es',
      engine: 'libretranslate',
    });
    expect(badTag.statusCode).toBe(422);
    expect(badTag.body).toContain('is not a valid BCP 47 language tag');
    expect(await ctx.deps.store.mt.listPairs()).toEqual([]);
  });

  it('speaks Arabic, with the zero plural form for no enabled pair', async () => {
    const mt = await admin.get('/admin/mt', { 'accept-language': 'ar' });
    expect(mt.body).toContain('الترجمة الآلية');
    expect(mt.body).toContain('لا يوجد زوج مفعّل.');
  });
});

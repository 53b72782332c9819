/**
 * The site's languages run from /admin/languages through HTTP on every engine: outsiders are
 * sent to sign in or refused (page and every form), forms need their CSRF token; an
 * administrator adds pt-BR (typed `pt-br`) and yo — names from CLDR, direction from the
 * script, fallback chain from the tag — and they appear in the readers' switcher and prefix
 * routes at once; a bad tag and a duplicate are refused naming `tag`; languages move up and
 * down; disabling yo makes /yo/ a 404 and keeps its translation, which is back when yo is
 * enabled again; the default language cannot be disabled; every action is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPath } from '../../src/domain/post.js';
import type { Actor } from '../../src/domain/roles.js';
import { applySiteSettings } from '../../src/services/admin/site-settings.service.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const ENV_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'];

describe.each(engines())('site languages administration on $name', (engine) => {
  let ctx: TestContext;
  let admin: Agent;
  let adminActor: Actor;
  let postId: string;
  let postUrl: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await applySiteSettings(ctx.deps);
    const user = await buildUser(ctx.deps, ['admin']);
    adminActor = { id: user.id, roles: user.roles };
    admin = new Agent(ctx.app);
    await admin.signIn(user.username);
    const author = await buildUser(ctx.deps, ['author']);
    const post = await createPost(
      ctx.deps,
      { id: author.id, roles: author.roles },
      { language: 'en', title: 'Market day', slug: 'market-day', body: 'Bring a basket.' },
    );
    const published = await publishPost(ctx.deps, adminActor, post.id);
    postId = post.id;
    postUrl = postPath({
      language: 'en',
      slug: published.slug,
      publishedAt: published.publishedAt,
    });
  });
  afterAll(() => ctx.close());

  const actions = async () =>
    (await ctx.deps.store.audit.list({ limit: 100, actionPrefix: 'language.' })).map((e) => [
      e.action,
      e.subject.id,
    ]);

  it('seeds the database from the environment on first start, changing nothing', async () => {
    const stored = await ctx.deps.store.site.listLanguages();
    expect(stored.map((l) => l.tag)).toEqual(ENV_LANGUAGES);
    expect(stored.find((l) => l.tag === 'ar')).toMatchObject({
      direction: 'rtl',
      fallback: ['en'],
      reading: true,
      translating: true,
    });
    expect(stored.find((l) => l.tag === 'sr-Cyrl')?.fallback).toEqual(['sr', 'en']);
    expect(ctx.deps.settings.languages).toEqual(ENV_LANGUAGES);
    // A second start finds the languages there and seeds nothing.
    await applySiteSettings(ctx.deps);
    expect(await ctx.deps.store.site.listLanguages()).toEqual(stored);
  });

  it('sends a signed-out visitor to sign in and refuses translators and editors', async () => {
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/admin/languages');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fadmin%2Flanguages');
    expect((await visitor.post('/admin/languages', { tag: 'yo' })).statusCode).toBe(401);
    expect((await visitor.post('/admin/languages/es/reading', { reading: 'off' })).statusCode).toBe(
      401,
    );
    for (const role of ['reader', 'translator', 'editor'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      expect((await agent.get('/admin/languages')).statusCode, role).toBe(403);
      expect((await agent.post('/admin/languages', { tag: 'yo' })).statusCode, role).toBe(403);
      expect((await agent.post('/admin/languages/es', { fallback: '' })).statusCode, role).toBe(
        403,
      );
      expect((await agent.post('/admin/languages/es/move', { way: 'up' })).statusCode, role).toBe(
        403,
      );
      const off = await agent.post('/admin/languages/es/reading', { reading: 'off' });
      expect(off.statusCode, role).toBe(403);
    }
    expect((await ctx.deps.store.site.listLanguages()).map((l) => l.tag)).toEqual(ENV_LANGUAGES);
    expect(await actions()).toEqual([]);
  });

  it('refuses a form without its CSRF token', async () => {
    const forged = await admin.post('/admin/languages', { tag: 'yo' }, { withCsrf: false });
    expect(forged.statusCode).toBe(403);
    const off = await admin.post(
      '/admin/languages/es/reading',
      { reading: 'off' },
      { withCsrf: false },
    );
    expect(off.statusCode).toBe(403);
    expect(ctx.deps.settings.languages).toEqual(ENV_LANGUAGES);
  });

  it('lists the languages in order with their names, direction and fallback', async () => {
    const page = await admin.get('/admin/languages');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Site languages');
    const order = [...page.body.matchAll(/data-language="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(ENV_LANGUAGES);
    expect(page.body).toContain('Arabic');
    expect(page.body).toContain('<span lang="ar" dir="rtl">العربية</span>');
    expect(page.body).toContain('Right to left');
    expect(page.body).toContain('Default language');
    expect((await admin.get('/admin')).body).toContain('href="/admin/languages"');
  });

  it('adds pt-BR and yo: canonical tag, CLDR names, defaults, and readers see them at once', async () => {
    const add = await admin.post('/admin/languages', { tag: 'pt-br', direction: '', fallback: '' });
    expect(add.statusCode).toBe(303);
    expect(add.headers.location).toBe('/admin/languages');
    expect((await admin.post('/admin/languages', { tag: 'yo' })).statusCode).toBe(303);
    const ptBR = await ctx.deps.store.site.findLanguage('pt-BR');
    expect(ptBR).toMatchObject({
      position: 6,
      direction: 'ltr',
      fallback: ['pt', 'en'],
      reading: true,
      translating: true,
      addedBy: adminActor.id,
    });
    expect(ctx.deps.settings.languages).toEqual([...ENV_LANGUAGES, 'pt-BR', 'yo']);
    expect(ctx.deps.settings.languageFallbacks?.['pt-BR']).toEqual(['pt', 'en']);

    const page = await admin.get('/admin/languages');
    expect(page.body).toContain('Brazilian Portuguese');
    expect(page.body).toContain('português (Brasil)');
    expect(page.body).toContain('Yoruba');
    expect(page.body).toContain('Èdè Yorùbá');

    // The readers' switcher on the home page, in CLDR's own names, and the prefix routes.
    const visitor = new Agent(ctx.app);
    const root = await visitor.get('/');
    expect(root.statusCode).toBe(302);
    const home = await visitor.get(root.headers.location as string);
    expect(home.statusCode).toBe(200);
    expect(home.body).toMatch(
      /<a href="[^"]*pt-BR[^"]*" lang="pt-BR"[^>]*>português \(Brasil\)<\/a>/,
    );
    expect(home.body).toMatch(/<a href="[^"]*yo[^"]*" lang="yo"[^>]*>Èdè Yorùbá<\/a>/);
    const pt = await visitor.get('/pt-BR/');
    expect(pt.statusCode).toBe(200);
    expect(pt.body).toContain('<link rel="canonical" href="http://localhost:3000/pt-BR/"/>');
    expect((await visitor.get('/yo/')).statusCode).toBe(200);
    expect(await actions()).toEqual([
      ['language.add', 'yo'],
      ['language.add', 'pt-BR'],
    ]);
  });

  it('refuses a tag that is not BCP 47 and a duplicate, naming the field tag', async () => {
    const bad = await admin.post('/admin/languages', { tag: 'not a tag!' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#tag"');
    expect(bad.body).toContain('is not a valid BCP 47 language tag');
    expect(bad.body).toContain('value="not a tag!"');
    const duplicate = await admin.post('/admin/languages', { tag: 'PT-br' });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain('href="#tag"');
    expect(duplicate.body).toContain('pt-BR is already a site language');
    const fallback = await admin.post('/admin/languages', { tag: 'gsw', fallback: 'de, ???' });
    expect(fallback.statusCode).toBe(422);
    expect(fallback.body).toContain('href="#fallback"');
    expect(await ctx.deps.store.site.findLanguage('gsw')).toBeNull();
  });

  it('moves a language up and down the menu', async () => {
    expect((await admin.post('/admin/languages/yo/move', { way: 'up' })).statusCode).toBe(303);
    expect(ctx.deps.settings.languages.slice(-2)).toEqual(['yo', 'pt-BR']);
    expect((await admin.post('/admin/languages/yo/move', { way: 'down' })).statusCode).toBe(303);
    expect(ctx.deps.settings.languages.slice(-2)).toEqual(['pt-BR', 'yo']);
    // Nothing below the last one.
    await admin.post('/admin/languages/yo/move', { way: 'down' });
    expect(ctx.deps.settings.languages.slice(-2)).toEqual(['pt-BR', 'yo']);
    const moves = (await actions()).filter(([a]) => a === 'language.move');
    expect(moves).toEqual([
      ['language.move', 'yo'],
      ['language.move', 'yo'],
    ]);
  });

  it('edits the fallback chain, direction and translating switch', async () => {
    const saved = await admin.post('/admin/languages/pt-BR', {
      direction: 'ltr',
      fallback: 'pt-PT, es',
      translating: 'on',
    });
    expect(saved.statusCode).toBe(303);
    expect((await ctx.deps.store.site.findLanguage('pt-BR'))?.fallback).toEqual(['pt-PT', 'es']);
    expect(ctx.deps.settings.languageFallbacks?.['pt-BR']).toEqual(['pt-PT', 'es']);
    const bad = await admin.post('/admin/languages/pt-BR', { direction: 'up', fallback: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#direction-pt-BR"');
    const [entry] = await ctx.deps.store.audit.list({ limit: 1, actionPrefix: 'language.update' });
    expect(entry?.details).toEqual({
      before: { direction: 'ltr', fallback: ['pt', 'en'], translating: true },
      after: { direction: 'ltr', fallback: ['pt-PT', 'es'], translating: true },
    });
    // Interface text pt-BR has no catalog for falls back along the chain (es before en).
    const visitor = new Agent(ctx.app);
    const pt = await visitor.get('/pt-BR/');
    expect(pt.body).toContain('Buscar');
    // Closed to translators: no longer offered in "Translate this post", still read.
    const chooser = await admin.get(`/translate/${postId}`);
    expect(chooser.body).toContain('name="language" value="pt-BR"');
    await admin.post('/admin/languages/pt-BR', { direction: 'ltr', fallback: '', translating: '' });
    expect(ctx.deps.settings.translationLanguages).not.toContain('pt-BR');
    expect(ctx.deps.settings.languages).toContain('pt-BR');
    expect((await admin.get(`/translate/${postId}`)).body).not.toContain('value="pt-BR"');
    expect((await visitor.get('/pt-BR/')).body).not.toContain('Buscar');
  });

  it('disabling yo hides it from readers and keeps its translation, which is back once enabled', async () => {
    const translator = await buildUser(ctx.deps, ['translator']);
    const [unit] = await ctx.deps.store.translations.units(postId, 1);
    if (!unit) throw new Error('the published post has units');
    await saveTarget(
      ctx.deps,
      { id: translator.id, roles: translator.roles },
      {
        postId,
        language: 'yo',
        unitId: unit.unitId,
        text: 'Ọjà ọjọ́',
        version: 0,
        sourceRevision: unit.revision,
      },
    );
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'yo');
    expect(translation).not.toBeNull();
    // Readers of the post are invited to translate it into yo (and see it in the switcher).
    const invited = await new Agent(ctx.app).get(postUrl);
    expect(invited.statusCode).toBe(200);
    expect(invited.body).toMatch(/<ul class="missing-languages">.*hreflang="yo"/s);

    const off = await admin.post('/admin/languages/yo/reading', { reading: 'off' });
    expect(off.statusCode).toBe(303);
    expect(ctx.deps.settings.languages).not.toContain('yo');
    const visitor = new Agent(ctx.app);
    expect((await visitor.get('/yo/')).statusCode).toBe(404);
    const home = await visitor.get('/en/');
    expect(home.body).not.toContain('hreflang="yo"');
    expect(home.body).toContain('hreflang="pt-BR"');
    const post = await visitor.get(postUrl);
    expect(post.body).toContain('class="missing-languages"');
    expect(post.body).not.toContain('hreflang="yo"');
    expect(await ctx.deps.store.translations.findTranslation(postId, 'yo')).toEqual(translation);
    expect(await ctx.deps.store.translations.target(translation!.id, unit.unitId)).toMatchObject({
      text: 'Ọjà ọjọ́',
    });
    const page = await admin.get('/admin/languages');
    expect(page.body).toContain('data-language="yo" data-reading="off"');
    expect(page.body).toContain('Hidden from readers');

    expect((await admin.post('/admin/languages/yo/reading', { reading: 'on' })).statusCode).toBe(
      303,
    );
    expect(ctx.deps.settings.languages).toContain('yo');
    expect((await visitor.get('/yo/')).statusCode).toBe(200);
    expect(await ctx.deps.store.translations.findTranslation(postId, 'yo')).toEqual(translation);
    const recent = (await actions()).slice(0, 2);
    expect(recent).toEqual([
      ['language.enable', 'yo'],
      ['language.disable', 'yo'],
    ]);
  });

  it('never disables the default language', async () => {
    const page = await admin.get('/admin/languages');
    expect(page.body).not.toContain('action="/admin/languages/en/reading"');
    const off = await admin.post('/admin/languages/en/reading', { reading: 'off' });
    expect(off.statusCode).toBe(422);
    expect(off.body).toContain('The default language cannot be disabled');
    expect(ctx.deps.settings.languages).toContain('en');
    expect((await ctx.deps.store.site.findLanguage('en'))?.reading).toBe(true);
    expect(
      (await admin.post('/admin/languages/xx-unknown/reading', { reading: 'off' })).statusCode,
    ).toBe(404);
  });

  it('lists every action in the audit page', async () => {
    const page = await admin.get('/admin/audit?action=language.');
    expect(page.statusCode).toBe(200);
    for (const action of [
      'language.add',
      'language.move',
      'language.update',
      'language.disable',
      'language.enable',
    ])
      expect(page.body).toContain(`data-action="${action}"`);
  });
});

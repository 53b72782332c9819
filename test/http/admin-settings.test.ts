/**
 * The site settings run from /admin/settings through HTTP on every engine: outsiders are sent
 * to sign in or refused, the form needs its CSRF token; an administrator's change applies
 * without a restart (the site name on the cached home page, the default language of `/`, the
 * publication policy object other services hold), is recorded once with before and after, and
 * wins over the environment at the next start; a refusal names the field and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySiteSettings } from '../../src/services/admin/site-settings.service.js';
import { EVERY_PAGE_KEY } from '../../src/services/change-feed.js';
import { PageCache } from '../../src/http/plugins/page-cache.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const form = (overrides: Record<string, string> = {}): Record<string, string> => ({
  siteName: 'Polyphony',
  siteDescription: '',
  defaultLanguage: 'en',
  minCompletion: '100',
  requireReview: 'on',
  translatorRoleAtSignUp: 'on',
  ...overrides,
});

describe('the page cache on a change of every page', () => {
  it('drops every page it keeps, whatever their keys', () => {
    const cache = new PageCache(10);
    const entry = (keys: string[]) => ({
      body: Buffer.from('x'),
      etag: '"x"',
      contentType: 'text/html',
      keys,
    });
    cache.set('/en/', entry(['list:all']));
    cache.set('/es/2026/01/02/a', entry(['post:1']));
    expect(cache.invalidate(['post:2'])).toBe(0);
    expect(cache.invalidate([EVERY_PAGE_KEY])).toBe(2);
    expect(cache.size).toBe(0);
    expect(cache.byteSize).toBe(0);
  });
});

describe.each(engines())('site settings administration on $name', (engine) => {
  let ctx: TestContext;
  let admin: Agent;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await applySiteSettings(ctx.deps);
    const user = await buildUser(ctx.deps, ['admin']);
    admin = new Agent(ctx.app);
    await admin.signIn(user.username);
  });
  afterAll(() => ctx.close());

  const settingsEntries = () => ctx.deps.store.audit.list({ limit: 10, actionPrefix: 'settings.' });

  it('sends a signed-out visitor to sign in and refuses translators and editors', async () => {
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/admin/settings');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fadmin%2Fsettings');
    expect((await visitor.post('/admin/settings', form({ siteName: 'X' }))).statusCode).toBe(401);
    for (const role of ['reader', 'translator', 'editor'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      expect((await agent.get('/admin/settings')).statusCode, role).toBe(403);
      const post = await agent.post('/admin/settings', form({ siteName: 'Taken over' }));
      expect(post.statusCode, role).toBe(403);
    }
    expect(ctx.deps.settings.siteName).toBe('Polyphony');
    expect(await settingsEntries()).toEqual([]);
  });

  it('refuses the form without its CSRF token', async () => {
    const forged = await admin.post('/admin/settings', form({ siteName: 'Forged' }), {
      withCsrf: false,
    });
    expect(forged.statusCode).toBe(403);
    expect(ctx.deps.settings.siteName).toBe('Polyphony');
  });

  it('shows the settings in effect', async () => {
    const page = await admin.get('/admin/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Site settings');
    expect(page.body).toMatch(/<input id="siteName" name="siteName"[^>]*value="Polyphony"/);
    expect(page.body).toMatch(/<option value="en" selected/);
    expect(page.body).toMatch(/id="minCompletion"[^>]*value="100"/);
    expect(page.body).toMatch(/id="requireReview" name="requireReview" checked/);
    expect(page.body).not.toMatch(/id="editorsAnyCompletion" name="editorsAnyCompletion" checked/);
    expect((await admin.get('/admin')).body).toContain('href="/admin/settings"');
  });

  it('refuses bad values naming the field, and changes nothing', async () => {
    const noName = await admin.post('/admin/settings', form({ siteName: '  ' }));
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('href="#siteName"');
    const tooMuch = await admin.post('/admin/settings', form({ minCompletion: '150' }));
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.body).toContain('href="#minCompletion"');
    expect(tooMuch.body).toMatch(/id="minCompletion"[^>]*value="150"/);
    const notEnabled = await admin.post('/admin/settings', form({ defaultLanguage: 'yo' }));
    expect(notEnabled.statusCode).toBe(422);
    expect(notEnabled.body).toContain('href="#defaultLanguage"');
    expect(ctx.deps.settings.defaultLanguage).toBe('en');
    expect(ctx.deps.settings.publication.minCompletion).toBe(100);
    expect(await settingsEntries()).toEqual([]);
  });

  it('applies a change at once, without a restart, and records it with before and after', async () => {
    const visitor = new Agent(ctx.app);
    expect((await visitor.get('/en/')).body).toContain('<title>Polyphony</title>');
    const cached = await visitor.get('/en/');
    expect(cached.headers['x-cache']).toBe('HIT');
    const publication = ctx.deps.settings.publication;
    const languages = ctx.deps.settings.languages;

    const saved = await admin.post(
      '/admin/settings',
      form({
        siteName: 'Kijiji Voices',
        siteDescription: 'News from the valley, in every language we speak.',
        defaultLanguage: 'es',
        minCompletion: '80',
        requireReview: '',
        editorsAnyCompletion: 'on',
        translationEditsGoLive: 'on',
        translatorRoleAtSignUp: '',
      }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/settings?saved=1');
    // The administrator chose no language: their pages now speak the new default.
    expect((await admin.get('/admin/settings?saved=1')).body).toContain('Ajustes guardados.');

    // The same objects every part of the site holds, changed in place.
    expect(ctx.deps.settings.publication).toBe(publication);
    expect(ctx.deps.settings.languages).toBe(languages);
    expect(publication).toEqual({
      minCompletion: 80,
      requireReview: false,
      editorsAnyCompletion: true,
    });
    expect(ctx.deps.settings).toMatchObject({
      siteName: 'Kijiji Voices',
      siteDescription: 'News from the valley, in every language we speak.',
      defaultLanguage: 'es',
      translationEditsGoLive: true,
      translatorRoleAtSignUp: false,
    });

    // The cached home page was dropped; `/` now picks the new default.
    const home = await visitor.get('/en/');
    expect(home.headers['x-cache']).not.toBe('HIT');
    expect(home.body).toContain('<title>Kijiji Voices</title>');
    const root = await new Agent(ctx.app).get('/');
    expect(root.headers.location).toBe('/es/');

    // A new account no longer gets the translator role.
    const newcomer = new Agent(ctx.app);
    await newcomer.get('/signin');
    const signUp = await newcomer.post('/signup', {
      username: 'newcomer',
      displayName: 'New Comer',
      email: 'newcomer@example.org',
      password: 'a long enough password',
    });
    expect(signUp.statusCode, signUp.body).toBe(303);
    expect((await ctx.deps.store.users.findByEmail('newcomer@example.org'))?.roles).toEqual([
      'reader',
    ]);

    const [entry, ...others] = await settingsEntries();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      action: 'settings.update',
      subject: { kind: 'settings', id: 'site', label: 'Kijiji Voices' },
    });
    expect(entry?.details).toEqual({
      changed: [
        'siteName',
        'siteDescription',
        'defaultLanguage',
        'publication',
        'translationEditsGoLive',
        'translatorRoleAtSignUp',
      ],
      before: {
        siteName: 'Polyphony',
        siteDescription: '',
        defaultLanguage: 'en',
        publication: { minCompletion: 100, requireReview: true, editorsAnyCompletion: false },
        translationEditsGoLive: false,
        translatorRoleAtSignUp: true,
      },
      after: {
        siteName: 'Kijiji Voices',
        siteDescription: 'News from the valley, in every language we speak.',
        defaultLanguage: 'es',
        publication: { minCompletion: 80, requireReview: false, editorsAnyCompletion: true },
        translationEditsGoLive: true,
        translatorRoleAtSignUp: false,
      },
    });
  });

  it('records nothing when nothing changed', async () => {
    const again = await admin.post(
      '/admin/settings',
      form({
        siteName: 'Kijiji Voices',
        siteDescription: 'News from the valley, in every language we speak.',
        defaultLanguage: 'es',
        minCompletion: '80',
        requireReview: '',
        editorsAnyCompletion: 'on',
        translationEditsGoLive: 'on',
        translatorRoleAtSignUp: '',
      }),
    );
    expect(again.statusCode).toBe(303);
    expect(await settingsEntries()).toHaveLength(1);
  });

  it('keeps the new default language enabled, and frees the old one', async () => {
    const off = await admin.post('/admin/languages/es/reading', { reading: 'off' });
    expect(off.statusCode).toBe(422);
    expect(off.body).toContain('The default language cannot be disabled');
    expect((await admin.post('/admin/languages/en/reading', { reading: 'off' })).statusCode).toBe(
      303,
    );
    expect(ctx.deps.settings.languages).not.toContain('en');
    expect((await admin.get('/admin/settings')).body).not.toContain('<option value="en"');
    await admin.post('/admin/languages/en/reading', { reading: 'on' });
    expect(ctx.deps.settings.languages).toContain('en');
  });

  it('wins over the environment at the next start', async () => {
    // A restart: main.ts fills settings from the environment, then applies the database.
    Object.assign(ctx.deps.settings, {
      siteName: 'Polyphony',
      defaultLanguage: 'en',
      translationEditsGoLive: false,
    });
    ctx.deps.settings.publication.minCompletion = 100;
    await applySiteSettings(ctx.deps);
    expect(ctx.deps.settings).toMatchObject({
      siteName: 'Kijiji Voices',
      defaultLanguage: 'es',
      translationEditsGoLive: true,
    });
    expect(ctx.deps.settings.publication.minCompletion).toBe(80);
  });
});

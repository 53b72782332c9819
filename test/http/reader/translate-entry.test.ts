/**
 * "Translate this post": signed-out volunteers are sent to sign in and come back; the page
 * offers every site language but the post's own (by autonym); choosing one (or any other BCP 47
 * tag) leads to the translation editor, and bad choices are explained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageAutonym } from '../../../src/domain/language.js';
import { translator } from '../../../src/i18n/translator.js';
import type { PostRecord } from '../../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../../support/app.js';
import type { TestContext } from '../../support/app.js';
import { engines } from '../../support/databases.js';
import { read, writePost } from './reader-support.js';

const SITE_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'];

describe.each(engines())('translate this post on $name', (engine) => {
  let ctx: TestContext;
  let post: PostRecord;
  let spanish: PostRecord;
  let draft: PostRecord;
  let volunteerName: string;
  let volunteer: Agent;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const editor = await buildUser(ctx.deps, ['editor']);
    post = await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title: 'Open knowledge in Nairobi',
      publishedAt: '2026-09-10T10:00:00.000Z',
    });
    spanish = await writePost(ctx.deps, editor, editor, {
      language: 'es',
      title: 'Conocimiento libre en Buenos Aires',
      publishedAt: '2026-09-11T10:00:00.000Z',
    });
    draft = await writePost(ctx.deps, editor, editor, { language: 'en', title: 'Not yet' });
    volunteerName = (await buildUser(ctx.deps, ['translator'])).username;
    volunteer = new Agent(ctx.app);
    await volunteer.signIn(volunteerName);
  });
  afterAll(() => ctx.close());

  const start = (id: string, query: string) => volunteer.get(`/translate/${id}/start?${query}`);

  it('sends a signed-out reader to sign in, and back to the post afterwards', async () => {
    const res = await read(ctx.app, `/translate/${post.id}`);
    expect(res.statusCode).toBe(303);
    const next = `/translate/${post.id}`;
    expect(res.headers.location).toBe(`/signin?next=${encodeURIComponent(next)}`);
    expect(res.headers.location).toBe(`/signin?next=%2Ftranslate%2F${post.id}`);

    const browser = new Agent(ctx.app);
    const form = await browser.get(String(res.headers.location));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${next}"`);
    const signIn = await browser.post('/signin', {
      login: volunteerName,
      password: 'correct horse battery',
      next,
    });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe(next);
    const page = await browser.get(next);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Open knowledge in Nairobi');
  });

  it('does not follow an off-site next after signing in', async () => {
    const browser = new Agent(ctx.app);
    await browser.get('/signin');
    const signIn = await browser.post('/signin', {
      login: volunteerName,
      password: 'correct horse battery',
      next: '//evil.example/translate',
    });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/');
  });

  it('offers every site language except the post’s own, by autonym', async () => {
    const page = await volunteer.get(`/translate/${post.id}`);
    expect(page.statusCode).toBe(200);
    const offered = [
      ...page.body.matchAll(/<input type="radio" name="language" value="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(offered).toEqual(SITE_LANGUAGES.filter((tag) => tag !== 'en'));
    for (const tag of offered)
      expect(page.body).toContain(`<span lang="${tag}">${languageAutonym(tag ?? '')}</span>`);
    expect(page.body).toContain('This post was written in English.');
    expect(page.body).toContain(`action="/translate/${post.id}/start"`);

    const fromSpanish = await volunteer.get(`/translate/${spanish.id}`);
    const offeredForSpanish = [
      ...fromSpanish.body.matchAll(/<input type="radio" name="language" value="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(offeredForSpanish).toEqual(SITE_LANGUAGES.filter((tag) => tag !== 'es'));
    expect(fromSpanish.body).toContain('This post was written in Spanish.');
  });

  it('preselects the language the invitation linked to', async () => {
    const page = await volunteer.get(`/translate/${post.id}?language=sw`);
    expect(page.body).toMatch(/<input type="radio" name="language" value="sw" checked(="")?\/?>/);
    expect(page.body).not.toMatch(/value="de" checked/);
  });

  it('starts a site language, or any other valid tag in canonical form', async () => {
    const es = await start(post.id, 'language=es');
    expect(es.statusCode).toBe(303);
    expect(es.headers.location).toBe(`/translate/${post.id}/es`);
    const other = await start(post.id, 'other=pt-br');
    expect(other.statusCode).toBe(303);
    expect(other.headers.location).toBe(`/translate/${post.id}/pt-BR`);
    // "Another language" wins over the radio choice when both are given.
    const both = await start(post.id, 'language=es&other=%20yo%20');
    expect(both.headers.location).toBe(`/translate/${post.id}/yo`);
    const script = await start(post.id, 'language=SR-cyrl');
    expect(script.headers.location).toBe(`/translate/${post.id}/sr-Cyrl`);
  });

  it('refuses the post’s own language with the “same language” message', async () => {
    const res = await start(post.id, 'language=en');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(translator('en').t('translate.choose.same'));
    // The form is shown again, so the volunteer can choose another language.
    expect(res.body).toContain('<input type="radio" name="language" value="es"');
    const otherCase = await start(spanish.id, 'other=ES');
    expect(otherCase.statusCode).toBe(422);
    expect(otherCase.body).toContain(translator('en').t('translate.choose.same'));
  });

  it('refuses something that is not a language tag, and an empty choice', async () => {
    const bad = await start(post.id, `other=${encodeURIComponent('!!')}`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain(translator('en').t('translate.choose.invalid', { tag: '!!' }));
    expect(bad.body).toContain('value="!!"');
    const empty = await start(post.id, '');
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(translator('en').t('translate.choose.invalid', { tag: '—' }));
  });

  it('speaks the volunteer’s remembered language', async () => {
    const res = await volunteer.get(`/translate/${post.id}/start?language=en`, {
      cookie: `${[...volunteer.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; pp_lang=es`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(translator('es').t('translate.choose.same'));
  });

  it('is not found for a draft or an unknown post', async () => {
    for (const id of [draft.id, 'no-such-post']) {
      expect((await volunteer.get(`/translate/${id}`)).statusCode, id).toBe(404);
      expect((await start(id, 'language=es')).statusCode, id).toBe(404);
    }
  });
});

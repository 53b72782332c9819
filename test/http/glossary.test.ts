/**
 * The glossary through HTTP on every engine: outsiders (signed out: 303 to sign-in for
 * pages, 401 for the rest) and plain translators (403 for every write) are refused; a
 * reviewer adds, edits (a stale edit is a 409 that keeps the other change), deletes, imports
 * a CSV with malformed rows (the report names their lines, the other rows are imported;
 * without the CSRF token nothing is read) and exports CSV and TBX identical to the golden
 * files; the editor's JSON lookup answers GlossaryHit[]; the page speaks Arabic right to left.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlossaryHit } from '../../src/domain/glossary/index.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader, multipart } from './http-helpers.js';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/glossary', name));

const term = (overrides: Record<string, string> = {}) => ({
  from: 'en',
  to: 'fr',
  term: 'playbook',
  translation: 'guide',
  partOfSpeech: 'noun',
  definition: 'The shared guide.',
  note: '',
  forbidden: 'manuel de jeu',
  ...overrides,
});

describe.each(engines())('glossary over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let reviewer: Agent;
  let translator: Agent;

  /** POSTs a multipart import as `agent` (fields first, then the file). */
  async function importFile(
    agent: Agent,
    file: { name: string; data: Buffer },
    fields: Record<string, string> = { from: 'en', to: 'es' },
    withCsrf = true,
  ): Promise<LightMyRequestResponse> {
    const body = await multipart({ ...(withCsrf ? { _csrf: agent.csrf } : {}), ...fields }, file);
    return ctx.app.inject({
      method: 'POST',
      url: '/translate/glossary/import',
      payload: body.payload,
      headers: {
        cookie: cookieHeader(agent),
        'content-type': body.contentType,
        accept: 'text/html',
      },
    });
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    reviewer = new Agent(ctx.app);
    await reviewer.signIn((await buildUser(ctx.deps, ['translator', 'reviewer'])).username);
    translator = new Agent(ctx.app);
    await translator.signIn((await buildUser(ctx.deps, ['translator'])).username);
  });
  afterAll(() => ctx.close());

  it('refuses outsiders: pages redirect to sign-in, the rest answers 401', async () => {
    const outsider = new Agent(ctx.app);
    const page = await outsider.get('/translate/glossary?from=en&to=es');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(
      `/signin?next=${encodeURIComponent('/translate/glossary?from=en&to=es')}`,
    );
    const api = await ctx.app.inject({
      method: 'GET',
      url: '/api/glossary/matches?from=en&to=es&text=playbook',
      headers: { accept: 'application/json' },
    });
    expect(api.statusCode).toBe(401);
    const exported = await ctx.app.inject({
      method: 'GET',
      url: '/translate/glossary/export.csv?from=en&to=es',
      headers: { accept: 'text/csv' },
    });
    expect(exported.statusCode).toBe(401);
    await outsider.get('/signin');
    for (const url of [
      '/translate/glossary/terms',
      '/translate/glossary/terms/x',
      '/translate/glossary/terms/x/delete',
      '/translate/glossary/import',
    ]) {
      const res = await outsider.post(url, term());
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('lets a translator read and export but not change anything (403)', async () => {
    const page = await translator.get('/translate/glossary?from=en&to=fr');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Reviewers and editors add and change terms.');
    expect(page.body).not.toContain('Add the term');
    expect(page.body).not.toContain('/translate/glossary/import');
    const create = await translator.post('/translate/glossary/terms', term());
    expect(create.statusCode).toBe(403);
    expect(create.json<{ message: string }>().message).toBe('This needs the reviewer role');
    expect((await translator.post('/translate/glossary/terms/x/delete', term())).statusCode).toBe(
      403,
    );
    const imported = await importFile(translator, { name: 'g.csv', data: fixture('en-es.csv') });
    expect(imported.statusCode).toBe(403);
    expect((await translator.get('/translate/glossary/export.csv?from=en&to=fr')).statusCode).toBe(
      200,
    );
    expect(
      await ctx.deps.store.glossary.count({ sourceLanguage: 'en', targetLanguage: 'fr' }, {}),
    ).toBe(0);
  });

  it('lets a reviewer add, edit and delete terms; a stale edit keeps the other change', async () => {
    const added = await reviewer.post('/translate/glossary/terms', term());
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toMatch(/^\/translate\/glossary\?from=en&to=fr&notice=added/);
    const page = await reviewer.get(String(added.headers.location));
    expect(page.body).toContain('Added “playbook”.');
    expect(page.body).toContain('<del lang="fr" dir="auto">manuel de jeu</del>');
    const [stored] = await ctx.deps.store.glossary.list(
      { sourceLanguage: 'en', targetLanguage: 'fr' },
      { limit: 10, offset: 0 },
    );
    if (!stored) throw new Error('the term was not stored');
    expect(stored.forbidden).toEqual(['manuel de jeu']);

    const invalid = await reviewer.post(
      '/translate/glossary/terms',
      term({ translation: '', term: 'host' }),
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Give the approved translation');
    expect(invalid.body).toContain('value="host"');

    const edit = await reviewer.get(`/translate/glossary?from=en&to=fr&edit=${stored.id}`);
    expect(edit.body).toContain(`action="/translate/glossary/terms/${stored.id}"`);
    const saved = await reviewer.post(`/translate/glossary/terms/${stored.id}`, {
      ...term({ translation: 'manuel' }),
      baseUpdatedAt: stored.updatedAt,
    });
    expect(saved.statusCode).toBe(303);
    const stale = await reviewer.post(`/translate/glossary/terms/${stored.id}`, {
      ...term({ translation: 'livret' }),
      baseUpdatedAt: stored.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone changed or deleted this term');
    expect((await ctx.deps.store.glossary.findById(stored.id))?.translation).toBe('manuel');

    const deleted = await reviewer.post(`/translate/glossary/terms/${stored.id}/delete`, {
      from: 'en',
      to: 'fr',
    });
    expect(deleted.statusCode).toBe(303);
    expect(await ctx.deps.store.glossary.findById(stored.id)).toBeNull();
  });

  it('imports a CSV with malformed rows and reports them by line; without the token reads nothing', async () => {
    const forged = await importFile(
      reviewer,
      { name: 'g.csv', data: fixture('malformed.csv') },
      { from: 'en', to: 'de' },
      false,
    );
    expect(forged.statusCode).toBe(403);
    const pairDe = { sourceLanguage: 'en', targetLanguage: 'de' };
    expect(await ctx.deps.store.glossary.count(pairDe, {})).toBe(0);

    const res = await importFile(
      reviewer,
      { name: 'g.csv', data: fixture('malformed.csv') },
      { from: 'en', to: 'de' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Added: 4. Updated: 0. Unchanged: 0.');
    for (const line of [5, 7, 8, 9, 10, 12, 13]) expect(res.body).toContain(`Line ${line}`);
    expect(await ctx.deps.store.glossary.count(pairDe, {})).toBe(4);

    const notTbx = await importFile(reviewer, {
      name: 'g.tbx',
      data: Buffer.from('<tbx>\n<text>\n</tbx>'),
    });
    expect(notTbx.statusCode).toBe(422);
    expect(notTbx.body).toContain('line 3: not well-formed XML');
  });

  it('round-trips CSV and TBX through upload and download', async () => {
    const res = await importFile(reviewer, { name: 'en-es.csv', data: fixture('en-es.csv') });
    expect(res.body).toContain('Added: 4.');
    const csv = await reviewer.get('/translate/glossary/export.csv?from=en&to=es');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="glossary-en-es.csv"');
    expect(csv.body).toBe(fixture('en-es.csv').toString('utf8'));
    const tbx = await reviewer.get('/translate/glossary/export.tbx?from=en&to=es');
    expect(tbx.body).toBe(fixture('en-es.tbx').toString('utf8'));
    const again = await importFile(reviewer, { name: 'en-es.tbx', data: fixture('en-es.tbx') });
    expect(again.body).toContain('Added: 0. Updated: 0. Unchanged: 4.');
  });

  it('answers the editor’s lookup with glossary hits (any signed-in user)', async () => {
    const text = 'A <pc id="1">remote buddy</pc> joined our edit-a-thons.';
    const res = await translator.get(
      `/api/glossary/matches?from=en&to=es&text=${encodeURIComponent(text)}`,
      { accept: 'application/json' },
    );
    expect(res.statusCode).toBe(200);
    const hits = res.json<GlossaryHit[]>();
    expect(hits.map((h) => [h.term, h.start, h.end, h.translation])).toEqual([
      ['remote buddy', 2, 14, 'compañero a distancia'],
      ['edit-a-thon', 26, 38, 'editatón'],
    ]);
    expect(hits[1]?.forbidden).toEqual(['maratón de edición', 'editathon']);
    const bad = await translator.get('/api/glossary/matches?from=en&to=en&text=x', {
      accept: 'application/json',
    });
    expect(bad.statusCode).toBe(422);
  });

  it('speaks the reader’s interface language, right to left in Arabic', async () => {
    const arabic = new Agent(ctx.app);
    arabic.cookies = new Map(reviewer.cookies);
    arabic.cookies.set('pp_lang', 'ar');
    const page = await arabic.get('/translate/glossary?from=en&to=es');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('استورد مصطلحات');
    expect(page.body).toContain(
      '<strong lang="en" dir="auto" class="glossary-source">edit-a-thon</strong>',
    );
    const chooser = await reviewer.get('/translate/glossary');
    expect(chooser.body).toContain('href="/translate/glossary?from=en&amp;to=es"');
  });
});

/**
 * A translation as XLIFF 2.0 and PO and back (issue 11, acceptance 3): export → import
 * unchanged writes no history row; two edited targets and a moved code save exactly those two
 * with provenance `import`; invalid files are refused with a located message and nothing
 * saved; a unit saved since the export is a conflict; outsiders and forms without CSRF refused.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader, multipart } from './http-helpers.js';

describe.each(engines())('translation files on $name', (engine) => {
  let ctx: TestContext;
  let postId: string;
  let translator: UserRecord;
  let agent: Agent;

  const download = async (format: 'xliff2' | 'xliff12' | 'po'): Promise<string> => {
    const response = await agent.get(`/translate/${postId}/es/file?format=${format}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    return response.body;
  };

  const send = async (
    name: string,
    text: string,
    options: { csrf?: boolean; as?: Agent; page?: boolean } = {},
  ): Promise<LightMyRequestResponse> => {
    const who = options.as ?? agent;
    if (!who.csrf) await who.get('/signin');
    const { payload, contentType } = await multipart(
      {
        ...(options.csrf === false ? {} : { _csrf: who.csrf }),
        ...(options.page ? { respond: 'page' } : {}),
      },
      { name, data: Buffer.from(text) },
    );
    return ctx.app.inject({
      method: 'POST',
      url: `/translate/${postId}/es/file`,
      payload,
      headers: {
        cookie: cookieHeader(who),
        'content-type': contentType,
        accept: options.page ? 'text/html' : 'application/json',
      },
    });
  };

  /** Every history row of the translation (one per save of any unit). */
  const historyRows = async (): Promise<number> => {
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'es');
    if (!translation) return 0;
    const data = await loadEditor(ctx.deps, translator, postId, 'es');
    let rows = 0;
    for (const unit of data.units)
      rows += (await ctx.deps.store.translations.history(translation.id, unit.unitId)).length;
    return rows;
  };

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'Meeting in Nairobi',
      slug: 'meeting-in-nairobi',
      body: 'Join **the session** at [the park](https://example.org).\n\nBring water & snacks.\n\nAsk `npm test` questions.',
    });
    await publishPost(ctx.deps, editor, post.id);
    postId = post.id;
    translator = await buildUser(ctx.deps, ['translator']);
    agent = new Agent(ctx.app);
    await agent.signIn(translator.username);
    // Some units translated in the editor first.
    const data = await loadEditor(ctx.deps, translator, postId, 'es');
    for (const unit of data.units) {
      const text =
        unit.kind === 'title'
          ? 'Reunión en Nairobi'
          : unit.source.startsWith('Join')
            ? 'Únete a <pc id="1">la sesión</pc> en <pc id="2">el parque</pc>.'
            : null;
      if (text)
        await saveTarget(ctx.deps, translator, {
          postId,
          language: 'es',
          unitId: unit.unitId,
          text,
          version: 0,
          sourceRevision: unit.sourceRevision,
        });
    }
  });
  afterAll(() => ctx.close());

  it('links both files from the editor page', async () => {
    const page = await agent.get(`/translate/${postId}/es`);
    expect(page.body).toContain(`href="/translate/${postId}/es/file?format=xliff2"`);
    expect(page.body).toContain(`href="/translate/${postId}/es/file?format=xliff12"`);
    expect(page.body).toContain(`href="/translate/${postId}/es/file?format=po"`);
    // The upload form: CSRF field first (checked before the file is read), then the file.
    const form =
      /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(
        page.body,
      );
    expect(form?.[1]).toBe(`/translate/${postId}/es/file`);
    expect(form?.[2]).toMatch(/name="_csrf"[\s\S]*name="respond" value="page"[\s\S]*type="file"/);
  });

  for (const format of ['xliff2', 'xliff12', 'po'] as const) {
    it(`${format}: importing an unchanged export writes nothing`, async () => {
      const before = await historyRows();
      const file = await download(format);
      const response = await send(format === 'po' ? 'post.po' : 'post.xlf', file);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ saved: 0, conflicts: 0 });
      if (format === 'xliff12') expect(file).toContain('version="1.2"');
      expect(await historyRows()).toBe(before);
    });
  }

  it('xliff2: two edited targets and a moved code save exactly those two, as imports', async () => {
    const file = await download('xliff2');
    const before = await historyRows();
    // Edit the title, and move the first code in the paragraph (and change its text).
    const edited = file
      .replace('Reunión en Nairobi', 'Encuentro en Nairobi')
      .replace(
        /(<target[^>]*>)Únete a (<pc id="1"[^>]*>)la sesión(<\/pc>) en/,
        '$1$2Únete a la sesión$3 en',
      );
    expect(edited).not.toBe(file);
    const response = await send('post.xlf', edited);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<{ saved: number; units: { unitId: string; outcome: string }[] }>();
    expect(report.saved).toBe(2);
    expect(await historyRows()).toBe(before + 2);
    const data = await loadEditor(ctx.deps, translator, postId, 'es');
    const title = data.units.find((u) => u.kind === 'title');
    expect(title?.target).toMatchObject({ text: 'Encuentro en Nairobi', provenance: 'import' });
    const join = data.units.find((u) => u.source.startsWith('Join'));
    expect(join?.target?.text).toBe(
      '<pc id="1">Únete a la sesión</pc> en <pc id="2">el parque</pc>.',
    );
    expect(join?.target?.provenance).toBe('import');
  });

  it('answers the editor form with a report page, and a refused file with its located errors', async () => {
    const file = await download('xliff2');
    const before = await historyRows();
    const ok = await send('post.xlf', file, { page: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/html');
    expect(ok.body).toContain('Saved: 0.');
    expect(ok.body).toContain(`href="/translate/${postId}/es"`);
    const bad = await send('post.xlf', file.replace('</xliff>', ''), { page: true });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.body).toContain('nothing was saved');
    expect(bad.body).toMatch(/line \d+, column \d+/);
    expect(await historyRows()).toBe(before);
  });

  it('po: an edited target is saved, an unchanged one is not', async () => {
    const file = await download('po');
    const before = await historyRows();
    const edited = file.replace('msgstr "Encuentro en Nairobi"', 'msgstr "Cita en Nairobi"');
    expect(edited).not.toBe(file);
    const response = await send('post.po', edited);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ saved: 1 });
    expect(await historyRows()).toBe(before + 1);
  });

  it('refuses invalid files with a located message and saves nothing', async () => {
    const file = await download('xliff2');
    const before = await historyRows();
    const cases: [string, string, RegExp][] = [
      ['malformed XML', file.replace('</unit>', '</unti>'), /line \d+, column \d+/],
      [
        'a pc without its pair',
        file.replace(/(<target[^>]*>[^<]*<pc id="1"[^>]*>[^<]*)<\/pc>/, '$1'),
        /line \d+/,
      ],
      ['a duplicate id', file.replace(/<unit id="([^"]+)"/g, '<unit id="same"'), /line \d+/],
      ['a wrong trgLang', file.replace('trgLang="es"', 'trgLang="fr"'), /trgLang|target language/],
      [
        'an unknown code id',
        file.replace(
          'el parque</pc>.</target>',
          'el parque</pc><ph id="9" dataRef="d1"/>.</target>',
        ),
        /code|9/,
      ],
    ];
    for (const [what, text, message] of cases) {
      expect(text, what).not.toBe(file);
      const response = await send('post.xlf', text);
      expect(response.statusCode, what).toBe(422);
      expect(
        response.json<{ problems: { message: string }[] }>().problems[0]?.message,
        what,
      ).toMatch(message);
    }
    expect(await historyRows()).toBe(before);
  });

  it('xliff12: refuses invalid files with a located message and saves nothing', async () => {
    const file = await download('xliff12');
    const before = await historyRows();
    const cases: [string, string, RegExp][] = [
      ['malformed XML', file.replace('</trans-unit>', '</trans-unti>'), /line \d+, column \d+/],
      [
        'a g without its pair',
        file.replace(/(<target[^>]*>[^<]*<g id="1"[^>]*>[^<]*)<\/g>/, '$1'),
        /line \d+/,
      ],
      [
        'a duplicate id',
        file.replace(/<trans-unit id="([^"]+)"/g, '<trans-unit id="same"'),
        /line \d+/,
      ],
      [
        'a wrong target language',
        file.replace('target-language="es"', 'target-language="fr"'),
        /trgLang|target language/,
      ],
      [
        'an unknown code id',
        file.replace(/(<target[^>]*>[^\n]*)\.<\/target>/, '$1<x id="9"/>.</target>'),
        /code|9/,
      ],
    ];
    for (const [what, text, message] of cases) {
      expect(text, what).not.toBe(file);
      const response = await send('post.xlf', text);
      expect(response.statusCode, what).toBe(422);
      expect(
        response.json<{ problems: { message: string }[] }>().problems[0]?.message,
        what,
      ).toMatch(message);
    }
    expect(await historyRows()).toBe(before);
  });

  it('keeps both texts when a unit was saved in Polyphony since the export', async () => {
    const file = await download('xliff2');
    const data = await loadEditor(ctx.deps, translator, postId, 'es');
    const title = data.units.find((u) => u.kind === 'title')!;
    await saveTarget(ctx.deps, translator, {
      postId,
      language: 'es',
      unitId: title.unitId,
      text: 'Reunión nairobiana',
      version: title.target!.version,
      sourceRevision: title.sourceRevision,
    });
    const current = (await loadEditor(ctx.deps, translator, postId, 'es')).units.find(
      (u) => u.kind === 'title',
    )!.target!.text;
    const edited = file.replace(
      /(<target[^>]*>)[^<]*Nairobi[^<]*<\/target>/,
      '$1Charla en Nairobi</target>',
    );
    expect(edited).not.toBe(file);
    const response = await send('post.xlf', edited);
    expect(response.json()).toMatchObject({ conflicts: 1 });
    const after = await loadEditor(ctx.deps, translator, postId, 'es');
    expect(after.units.find((u) => u.kind === 'title')?.target?.text).toBe(current);
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'es');
    const history = await ctx.deps.store.translations.history(translation!.id, title.unitId);
    expect(history.map((h) => h.text)).toContain('Charla en Nairobi');
  });

  it('refuses outsiders and uploads without the CSRF token', async () => {
    const signedOut = await ctx.app.inject({
      url: `/translate/${postId}/es/file?format=po`,
      headers: { accept: 'application/json' },
    });
    expect(signedOut.statusCode).toBe(401);
    const file = await download('xliff2');
    const reader = await buildUser(ctx.deps, ['reader']);
    const readerAgent = new Agent(ctx.app);
    await readerAgent.signIn(reader.username);
    expect((await send('post.xlf', file, { as: readerAgent })).statusCode).toBe(403);
    expect((await send('post.xlf', file, { csrf: false })).statusCode).toBe(403);
    const anonymous = new Agent(ctx.app);
    expect((await send('post.xlf', file, { as: anonymous })).statusCode).toBe(401);
  });
  // Last: it changes the texts the tests above start from.
  it('xliff12: two edited targets and a moved code save exactly those two, as imports', async () => {
    const file = await download('xliff12');
    const before = await historyRows();
    const edited = file
      // The title (the first unit), whatever the tests above left in it.
      .replace(/(<target[^>]*>)[^<]*(<\/target>)/, '$1Junta en Nairobi$2')
      // Move the first code's start over "Únete a ", one way or the other.
      .replace(
        /(<target[^>]*>)(Únete a )(<g id="1"[^>]*>)|(<target[^>]*>)(<g id="1"[^>]*>)(Únete a )/,
        (...m: string[]) => (m[1] ? `${m[1]}${m[3]}${m[2]}` : `${m[4]}${m[6]}${m[5]}`),
      );
    expect(edited).not.toBe(file);
    const response = await send('post.xlf', edited);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ saved: 2, conflicts: 0 });
    expect(await historyRows()).toBe(before + 2);
    const data = await loadEditor(ctx.deps, translator, postId, 'es');
    expect(data.units.find((u) => u.kind === 'title')?.target).toMatchObject({
      text: 'Junta en Nairobi',
      provenance: 'import',
    });
    const join = data.units.find((u) => u.source.startsWith('Join'));
    expect(join?.target?.text.replace(/<[^>]+>/g, '')).toBe('Únete a la sesión en el parque.');
    expect(join?.target?.provenance).toBe('import');
  });
});

/**
 * The glossary services on every engine: who may read and manage terms, validation naming
 * the field, duplicates by folded term and part of speech, edits guarded against concurrent
 * changes, matching through the database (only the pair's terms, keyed by the source's
 * words), and acceptance 4 (issue 8): a CSV and a TBX import with a malformed row report
 * it by line and lose nothing else, in one transaction, idempotent on re-import; and the
 * import → export round trip gives the golden files back.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import type { Actor } from '../../src/domain/roles.js';
import {
  glossaryToCsv,
  glossaryToTbx,
  parseGlossaryCsv,
  parseGlossaryTbx,
} from '../../src/interchange/glossary/index.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTerm } from '../../src/services/glossary/create-term.service.js';
import { deleteTerm } from '../../src/services/glossary/delete-term.service.js';
import { exportGlossary } from '../../src/services/glossary/export-glossary.service.js';
import { glossaryMatches } from '../../src/services/glossary/glossary-matches.service.js';
import { importGlossary } from '../../src/services/glossary/import-glossary.service.js';
import { glossaryPairs, listGlossary } from '../../src/services/glossary/list-glossary.service.js';
import { updateTerm } from '../../src/services/glossary/update-term.service.js';
import { buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/glossary', name));
const enEs = { from: 'en', to: 'es' };
const pair = { sourceLanguage: 'en', targetLanguage: 'es' };

/** The rejection of `promise`: its code and field names. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error && 'code' in error) {
      const problems =
        'problems' in error && Array.isArray(error.problems)
          ? error.problems.map((p: { field: string }) => p.field)
          : [];
      return { code: error.code, fields: problems };
    }
    throw error;
  }
  return { code: 'none', fields: [] };
}

describe.each(engines())('glossary services on $name', (engine) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let reviewer: Actor;
  let editor: Actor;
  let translator: Actor;
  let reader: Actor;

  beforeAll(async () => {
    handle = await engine.open();
    deps = testDeps(handle.db, '/tmp/polyphony-glossary-unused');
    const as = async (roles: Parameters<typeof buildUser>[1]) => {
      const u = await buildUser(deps, roles);
      return { id: u.id, roles: u.roles };
    };
    reviewer = await as(['translator', 'reviewer']);
    editor = await as(['editor']);
    translator = await as(['translator']);
    reader = await as(['reader']);
  });
  afterAll(() => handle.close());

  it('lets reviewers and editors manage terms, everyone signed in read them', async () => {
    const wiki = { term: 'wiki', translation: 'wiki', partOfSpeech: 'noun' };
    expect(await refusal(createTerm(deps, translator, { ...enEs, term: wiki }))).toMatchObject({
      code: 'forbidden',
    });
    expect(await refusal(createTerm(deps, null, { ...enEs, term: wiki }))).toMatchObject({
      code: 'unauthenticated',
    });
    const made = await createTerm(deps, editor, { ...enEs, term: wiki });
    const listing = await listGlossary(deps, reader, { ...enEs, search: 'WIK' });
    expect(listing.terms.map((t) => t.id)).toEqual([made.id]);
    expect(listing.canManage).toBe(false);
    expect((await listGlossary(deps, reviewer, enEs)).canManage).toBe(true);
    expect(await refusal(listGlossary(deps, null, enEs))).toMatchObject({
      code: 'unauthenticated',
    });
    expect(
      await refusal(
        updateTerm(deps, translator, { id: made.id, baseUpdatedAt: made.updatedAt, term: wiki }),
      ),
    ).toMatchObject({ code: 'forbidden' });
    expect(await refusal(deleteTerm(deps, translator, { id: made.id }))).toMatchObject({
      code: 'forbidden',
    });
    await deleteTerm(deps, reviewer, { id: made.id });
    expect(await refusal(deleteTerm(deps, reviewer, { id: made.id }))).toMatchObject({
      code: 'not_found',
    });
  });

  it('validates terms, naming the field', async () => {
    const bad = async (term: Record<string, unknown>, from = 'en', to = 'es') =>
      (await refusal(createTerm(deps, reviewer, { from, to, term }))).fields;
    expect(await bad({ term: '', translation: 'x', partOfSpeech: 'noun' })).toEqual(['term']);
    expect(await bad({ term: '…', translation: 'x', partOfSpeech: 'noun' })).toEqual(['term']);
    expect(await bad({ term: 'a\nb', translation: 'x', partOfSpeech: 'noun' })).toEqual(['term']);
    expect(await bad({ term: 'host', partOfSpeech: 'noun' })).toEqual(['translation']);
    expect(await bad({ term: 'host', translation: 'x', partOfSpeech: 'pronoun' })).toEqual([
      'partOfSpeech',
    ]);
    expect(
      await bad({
        term: 'host',
        translation: 'anfitrión',
        partOfSpeech: 'noun',
        forbidden: ['anfitrión'],
      }),
    ).toEqual(['forbidden']);
    expect(
      await bad({
        term: 'Wikimedia',
        translation: 'Wikimedía',
        partOfSpeech: 'properNoun',
        doNotTranslate: true,
      }),
    ).toEqual(['translation']);
    expect(await bad({ term: 'host', translation: 'x', partOfSpeech: 'noun' }, 'en', 'en')).toEqual(
      ['to'],
    );
    expect(
      await bad({ term: 'host', translation: 'x', partOfSpeech: 'noun' }, 'not a tag'),
    ).toEqual(['from']);
    expect(await bad({ term: 'a\u0000b', translation: 'x', partOfSpeech: 'noun' })).toEqual([
      'term',
    ]);
  });

  it('refuses a duplicate (same folded term and part of speech) but allows another part of speech', async () => {
    await createTerm(deps, reviewer, {
      from: 'en',
      to: 'de',
      term: {
        term: 'Polish',
        translation: 'polnisch',
        partOfSpeech: 'adjective',
        caseSensitive: true,
      },
    });
    expect(
      await refusal(
        createTerm(deps, reviewer, {
          from: 'en',
          to: 'de',
          term: { term: 'POLISH', translation: 'x', partOfSpeech: 'adjective' },
        }),
      ),
    ).toEqual({ code: 'validation_failed', fields: ['term'] });
    const verb = await createTerm(deps, reviewer, {
      from: 'en',
      to: 'de',
      term: { term: 'polish', translation: 'polieren', partOfSpeech: 'verb' },
    });
    expect(verb.termKey).toBe('polish');
    const hits = await glossaryMatches(deps, {
      sourceLanguage: 'en',
      targetLanguage: 'de',
      source: 'Polish editors <pc id="1">polish</pc> their texts.',
    });
    expect(hits.map((h) => [h.start, h.end, h.translation])).toEqual([
      [0, 6, 'polieren'],
      [0, 6, 'polnisch'],
      [15, 21, 'polieren'],
    ]);
  });

  it('keeps an edit from overwriting a change made since the form was opened', async () => {
    const made = await createTerm(deps, reviewer, {
      ...enEs,
      term: { term: 'venue', translation: 'lugar', partOfSpeech: 'noun' },
    });
    const later = { ...deps, clock: { now: () => new Date(Date.now() + 60_000) } };
    const first = await updateTerm(later, editor, {
      id: made.id,
      baseUpdatedAt: made.updatedAt,
      term: { term: 'venue', translation: 'sede', partOfSpeech: 'noun' },
    });
    expect(first.updatedBy).toBe(editor.id);
    expect(
      await refusal(
        updateTerm(deps, reviewer, {
          id: made.id,
          baseUpdatedAt: made.updatedAt,
          term: { term: 'venue', translation: 'local', partOfSpeech: 'noun' },
        }),
      ),
    ).toMatchObject({ code: 'conflict' });
    expect((await deps.store.glossary.findById(made.id))?.translation).toBe('sede');
    const other = await createTerm(deps, reviewer, {
      ...enEs,
      term: { term: 'location', translation: 'ubicación', partOfSpeech: 'noun' },
    });
    expect(
      await refusal(
        updateTerm(deps, reviewer, {
          id: other.id,
          baseUpdatedAt: other.updatedAt,
          term: { term: 'Venue', translation: 'x', partOfSpeech: 'noun' },
        }),
      ),
    ).toEqual({ code: 'validation_failed', fields: ['term'] });
  });

  it('matches only the pair’s terms, offsets into the plain text of a tagged source', async () => {
    await createTerm(deps, reviewer, {
      from: 'en',
      to: 'fr',
      term: { term: 'remote buddy', translation: 'parrain à distance', partOfSpeech: 'noun' },
    });
    await createTerm(deps, reviewer, {
      from: 'en',
      to: 'sw',
      term: { term: 'remote buddy', translation: 'rafiki wa mbali', partOfSpeech: 'noun' },
    });
    const source = 'Leipzig introduced the <pc id="1">remote buddies</pc> &amp; more.';
    const hits = await glossaryMatches(deps, {
      sourceLanguage: 'en',
      targetLanguage: 'fr',
      source,
    });
    expect(hits).toEqual([
      expect.objectContaining({
        term: 'remote buddy',
        translation: 'parrain à distance',
        start: 23,
        end: 37,
      }),
    ]);
    expect('Leipzig introduced the remote buddies & more.'.slice(23, 37)).toBe('remote buddies');
    expect(
      await glossaryMatches(deps, { sourceLanguage: 'en', targetLanguage: 'it', source }),
    ).toEqual([]);
  });

  it('imports a CSV with malformed rows: each reported by line, every other row imported, idempotent', async () => {
    const parsed = parseGlossaryCsv(fixture('malformed.csv'), {
      sourceLanguage: 'en',
      targetLanguage: 'ca',
    });
    expect(
      await refusal(importGlossary(deps, translator, { from: 'en', to: 'ca', file: parsed })),
    ).toMatchObject({ code: 'forbidden' });
    const report = await importGlossary(deps, reviewer, { from: 'en', to: 'ca', file: parsed });
    expect(report.rows.map((r) => [r.line, r.term, r.outcome])).toEqual([
      [2, 'edit-a-thon', 'created'],
      [3, 'playbook', 'created'],
      [6, 'Wikimedia', 'created'],
      [14, 'venue', 'created'],
    ]);
    expect(report.problems.map((p) => [p.line, p.field ?? ''])).toEqual([
      [5, ''],
      [7, 'translation'],
      [8, 'partOfSpeech'],
      [9, 'case_sensitive'],
      [10, 'forbidden'],
      [12, 'term'],
      [13, ''],
    ]);
    expect(report.problems.find((p) => p.line === 12)?.message).toMatch(/line 2/);
    const stored = await listGlossary(deps, reader, { from: 'en', to: 'ca' });
    expect(stored.terms.map((t) => t.term)).toEqual([
      'edit-a-thon',
      'playbook',
      'venue',
      'Wikimedia',
    ]);
    expect(stored.terms.find((t) => t.term === 'playbook')?.definition).toBe(
      'The shared guide\nfor organizers',
    );

    const again = await importGlossary(deps, editor, { from: 'en', to: 'ca', file: parsed });
    expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, 4]);
    const after = await listGlossary(deps, reader, { from: 'en', to: 'ca' });
    expect(after.terms).toEqual(stored.terms);

    const changed = parseGlossaryCsv(
      new TextEncoder().encode('term,translation\nvenue,seu\nhost,amfitrió\n'),
      { sourceLanguage: 'en', targetLanguage: 'ca' },
    );
    const update = await importGlossary(deps, editor, { from: 'en', to: 'ca', file: changed });
    expect(update.rows.map((r) => [r.term, r.outcome])).toEqual([
      ['venue', 'updated'],
      ['host', 'created'],
    ]);
    const venue = (await listGlossary(deps, reader, { from: 'en', to: 'ca', search: 'venue' }))
      .terms[0];
    expect(venue).toMatchObject({
      translation: 'seu',
      createdBy: reviewer.id,
      updatedBy: editor.id,
    });
    expect(venue?.id).toBe(stored.terms.find((t) => t.term === 'venue')?.id);
  });

  it('imports a row without a part of speech into the only term with its text, or reports which', async () => {
    const file = (text: string) =>
      parseGlossaryCsv(new TextEncoder().encode(text), {
        sourceLanguage: 'en',
        targetLanguage: 'de',
      });
    // en→de has "Polish" (adjective) and "polish" (verb) from above.
    const ambiguous = await importGlossary(deps, reviewer, {
      from: 'en',
      to: 'de',
      file: file('term,translation\npolish,glänzen\nwiki,Wiki\n'),
    });
    expect(ambiguous.problems).toEqual([
      {
        line: 2,
        field: 'partOfSpeech',
        message: 'the glossary has this term as adjective and verb: give the part of speech',
      },
    ]);
    expect(ambiguous.rows).toEqual([{ line: 3, term: 'wiki', outcome: 'created' }]);
    const [wiki] = (await listGlossary(deps, reader, { from: 'en', to: 'de', search: 'wiki' }))
      .terms;
    expect(wiki?.partOfSpeech).toBe('other');
    const again = await importGlossary(deps, reviewer, {
      from: 'en',
      to: 'de',
      file: file('term,translation\nWiki,das Wiki\n'),
    });
    expect(again.rows).toEqual([{ line: 2, term: 'Wiki', outcome: 'updated' }]);
  });

  it('imports a TBX with malformed entries: each reported by line, every other entry imported', async () => {
    // The fixture's Spanish sections, relabelled Portuguese (es-ES becomes pt-ES).
    const tbx = fixture('malformed.tbx')
      .toString('utf8')
      .replaceAll('xml:lang="es', 'xml:lang="pt');
    const file = parseGlossaryTbx(new TextEncoder().encode(tbx), {
      sourceLanguage: 'en',
      targetLanguage: 'pt',
    });
    const report = await importGlossary(deps, reviewer, { from: 'en', to: 'pt', file });
    expect(report.rows.map((r) => [r.line, r.term])).toEqual([
      [12, 'edit-a-thon'],
      [37, 'remote buddy'],
      [72, 'venue'],
    ]);
    expect(report.problems.map((p) => [p.line, p.field])).toEqual([
      [25, 'term'],
      [51, 'translation'],
      [59, 'partOfSpeech'],
    ]);
  });

  it('round-trips through the database: import CSV and TBX, export the same files', async () => {
    const csv = parseGlossaryCsv(fixture('en-es.csv'), pair);
    const created = await importGlossary(deps, reviewer, { ...enEs, file: csv });
    expect(created.problems).toEqual([]);
    const exported = await exportGlossary(deps, reader, enEs);
    const ours = exported.terms.filter((t) =>
      ['edit-a-thon', 'playbook', 'remote buddy', 'Wikimedia'].includes(t.term),
    );
    expect(ours).toHaveLength(exported.terms.length - 2); // venue and location from above
    expect(glossaryToCsv(ours)).toBe(fixture('en-es.csv').toString('utf8'));
    expect(glossaryToTbx(pair, ours)).toBe(fixture('en-es.tbx').toString('utf8'));

    // The TBX golden file imports as the same terms: nothing changes.
    const tbx = parseGlossaryTbx(fixture('en-es.tbx'), pair);
    const again = await importGlossary(deps, reviewer, { ...enEs, file: tbx });
    expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, 4]);
    expect(await refusal(exportGlossary(deps, null, enEs))).toMatchObject({
      code: 'unauthenticated',
    });
    const pairs = await glossaryPairs(deps, reader);
    expect(pairs).toContainEqual({ sourceLanguage: 'en', targetLanguage: 'es', terms: 6 });
  });
});

/**
 * Translation memory on every engine (acceptance 2 of issue 8): entries written (unit and
 * sentences, no duplicates, concurrent writers included), retired entries kept but never
 * suggested, exact / in-context / fuzzy matches with the expected scores on a golden set
 * (1–3-word strings and strings with codes), codes mapped onto the current unit's codes or
 * plain text when impossible, grouping by target with "used N times", and the time budget.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest, migrationProvider } from '../../src/db/migrate.js';
import { entryGramKeys } from '../../src/domain/memory/grams.js';
import type { CodeInfo } from '../../src/domain/units/types.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { RecordMemoryInput } from '../../src/services/memory/entries.js';
import { lookupMemory } from '../../src/services/memory/lookup-memory.service.js';
import type { LookupInput } from '../../src/services/memory/lookup-memory.service.js';
import { memoryMatchCounts } from '../../src/services/memory/memory-match-counts.service.js';
import { recordMemory } from '../../src/services/memory/record-memory.service.js';
import { retireMemory } from '../../src/services/memory/retire-memory.service.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

const link: CodeInfo = { kind: 'pc', type: 'link', label: 'link' };
const strong: CodeInfo = { kind: 'pc', type: 'strong', label: 'bold' };
const brk: CodeInfo = { kind: 'ph', type: 'break', label: 'line break' };

let sequence = 0;
/** A unit record in en→es, each from its own unit unless told. */
function unit(source: string, target: string, extra: Partial<RecordMemoryInput> = {}) {
  sequence += 1;
  return {
    sourceLanguage: 'en',
    targetLanguage: 'es',
    source,
    target,
    provenance: 'human',
    postId: 'post-1',
    translationId: 'tr-1',
    unitId: `u-${sequence}`,
    userId: 'user-1',
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)),
    previousSource: null,
    nextSource: null,
    ...extra,
  } satisfies RecordMemoryInput;
}

describe.each(engines())('translation memory on $name', (engine) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  const lookup = (source: string, extra: Partial<LookupInput> = {}) =>
    lookupMemory(deps, {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      source,
      codes: {},
      budgetMs: 10_000,
      ...extra,
    });
  const rows = async () =>
    handle.db.selectFrom('memory_entries').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    handle = await engine.open();
    deps = testDeps(handle.db, '/tmp/polyphony-memory-unused');
    // Noise in the same pair and in others, so probes have something to skip.
    for (let i = 0; i < 40; i++) {
      await recordMemory(
        deps.store,
        unit(`Volunteers met in room ${i} to plan the next edit-a-thon.`, `Reunión ${i}.`),
      );
    }
    await recordMemory(deps.store, {
      ...unit('Thank you for joining us today.', 'Danke, dass ihr heute dabei seid.'),
      targetLanguage: 'de',
    });
  });
  afterAll(() => handle.close());

  it('writes a unit entry and one per sentence, once per unit', async () => {
    const input = unit(
      'The session starts at nine. Bring <pc id="1">your laptop</pc>.',
      'La sesión empieza a las nueve. Trae <pc id="1">tu portátil</pc>.',
      { unitId: 'two-sentences' },
    );
    await recordMemory(deps.store, input);
    await recordMemory(deps.store, input); // the same unit saved again
    const mine = (await rows()).filter((r) => r.unit_id === 'two-sentences');
    expect(mine.map((r) => [r.kind, r.source, r.target, r.uses])).toEqual([
      [
        'unit',
        'The session starts at nine. Bring <pc id="1">your laptop</pc>.',
        'La sesión empieza a las nueve. Trae <pc id="1">tu portátil</pc>.',
        2,
      ],
      ['sentence', 'The session starts at nine.', 'La sesión empieza a las nueve.', 2],
      ['sentence', 'Bring <pc id="1">your laptop</pc>.', 'Trae <pc id="1">tu portátil</pc>.', 2],
    ]);
    // A sentence entry is an exact match on its own.
    const found = await lookup('The session starts at nine.');
    expect(found.matches[0]).toMatchObject({
      score: 100,
      target: 'La sesión empieza a las nueve.',
      inContext: false,
      uses: 1,
      origin: { postId: 'post-1', provenance: 'human', userId: 'user-1' },
    });
    // Different sentence counts: no sentence entries.
    await recordMemory(deps.store, unit('One. Two.', 'Uno y dos.', { unitId: 'uneven' }));
    expect((await rows()).filter((r) => r.unit_id === 'uneven').map((r) => r.kind)).toEqual([
      'unit',
    ]);
  });

  it('finds exact matches, in context when the neighbours match, grouped by target', async () => {
    const question = 'What got you started on Wikipedia?';
    const context = { previousSource: 'Question 1', nextSource: 'Answer' };
    await recordMemory(deps.store, unit(question, '¿Cómo empezaste en Wikipedia?', context));
    await recordMemory(deps.store, unit(question, '¿Cómo empezaste en Wikipedia?'));
    await recordMemory(deps.store, unit(question, '¿Qué te llevó a Wikipedia?'));
    const inContext = await lookup(question, context);
    expect(
      inContext.matches.map((m) => [m.score, m.inContext, m.target, m.uses, m.codesPlaced]),
    ).toEqual([
      [100, true, '¿Cómo empezaste en Wikipedia?', 2, true],
      [100, false, '¿Qué te llevó a Wikipedia?', 1, true],
    ]);
    expect(inContext.partial).toBe(false);
    // Other neighbours: still exact, no longer in context; whitespace does not matter.
    const elsewhere = await lookup(`  What got you  started on Wikipedia? `, {
      previousSource: 'Question 7',
      nextSource: 'Answer',
    });
    expect(elsewhere.matches.map((m) => [m.score, m.inContext])).toEqual([
      [100, false],
      [100, false],
    ]);
    // Only the pair's entries.
    expect((await lookup('Thank you for joining us today.')).matches).toEqual([]);
  });

  it('scores fuzzy matches on the golden set (short strings and codes included)', async () => {
    const golden: { entry: [string, string]; query: string; score: number }[] = [
      // Case only: half an edit.
      { entry: ['Thank you', 'Gracias'], query: 'thank you', score: 94 },
      // 1–3 words: one character of ten.
      { entry: ['Question 3', 'Pregunta 3'], query: 'Question 4', score: 90 },
      { entry: ['Hello', 'Hola'], query: 'Hallo', score: 80 },
      { entry: ['Read more', 'Leer más'], query: 'Read more.', score: 90 },
      // A sentence: "noon" → "nine" is 3 edits of 25.
      {
        entry: ['Join the meetup at noon.', 'Únete al encuentro a mediodía.'],
        query: 'Join the meetup at nine.',
        score: 87,
      },
      // A code is one character: the coded entry against plain text is 2 edits of 29.
      {
        entry: [
          'Read <pc id="1">the guide</pc> before editing.',
          'Lee <pc id="1">la guía</pc> antes de editar.',
        ],
        query: 'Read the guide before editing.',
        score: 93,
      },
    ];
    for (const g of golden) await recordMemory(deps.store, unit(g.entry[0], g.entry[1]));
    for (const g of golden) {
      const { matches } = await lookup(g.query);
      expect(
        matches.map((m) => [m.score, m.source]),
        g.query,
      ).toContainEqual([g.score, g.entry[0]]);
      expect(matches[0]?.score, g.query).toBe(g.score);
    }
    // Under the threshold: nothing; a lower threshold finds it.
    expect((await lookup('Join a meetup later.')).matches).toEqual([]);
    const low = await lookup('Join the meetups after noon!', { threshold: 50 });
    expect(low.matches[0]).toMatchObject({ source: 'Join the meetup at noon.' });
    expect(low.matches[0]?.score).toBeLessThan(87);
    // The diff of the match's source against the current source.
    const { matches } = await lookup('Join the meetup at nine.');
    expect(matches[0]?.diff.filter((d) => d.added || d.removed)).toEqual([
      { value: 'noon', removed: true },
      { value: 'nine', added: true },
    ]);
  });

  it("maps a match's codes onto the current unit's codes, or gives plain text", async () => {
    await recordMemory(
      deps.store,
      unit(
        'See <pc id="1">the schedule</pc> and <pc id="2">the map</pc>.<ph id="3"/>',
        'Mira <pc id="2">el mapa</pc> y <pc id="1">el horario</pc>.<ph id="3"/>',
      ),
    );
    const current = 'See <pc id="4">the schedule</pc> and <pc id="5">the map</pc>.<ph id="6"/>';
    const exact = await lookup(current, { codes: { '4': link, '5': strong, '6': brk } });
    expect(exact.matches[0]).toMatchObject({
      score: 100,
      codesPlaced: true,
      target: 'Mira <pc id="5">el mapa</pc> y <pc id="4">el horario</pc>.<ph id="6"/>',
    });
    // Same text, a placeholder where the match has a paired code: impossible, plain text.
    const mismatch = await lookup(
      'See <ph id="1"/>the schedule and <pc id="2">the map</pc>.<ph id="3"/>',
      { codes: { '1': brk, '2': link, '3': brk } },
    );
    expect(mismatch.matches[0]).toMatchObject({
      codesPlaced: false,
      target: 'Mira el mapa y el horario.',
    });
    expect(mismatch.matches[0]?.score).toBe(94); // 2 edits of 34 key characters
    // Fewer codes in the current unit: plain text as well.
    const fewer = await lookup('See the schedule and <pc id="1">the map</pc>.', {
      codes: { '1': link },
    });
    expect(fewer.matches[0]).toMatchObject({ codesPlaced: false });
  });

  it('stops suggesting retired entries, keeps them, and revives them when recorded again', async () => {
    const input = unit(
      'Our sponsors made this possible.',
      'Nuestros patrocinadores lo hicieron posible.',
      {
        unitId: 'sponsors',
        translationId: 'tr-9',
      },
    );
    await recordMemory(deps.store, input);
    expect((await lookup(input.source)).matches).toHaveLength(1);
    await retireMemory(deps.store, {
      translationId: 'tr-9',
      unitId: 'sponsors',
      target: 'Nuestros patrocinadores  lo hicieron posible.',
    });
    expect((await lookup(input.source)).matches).toEqual([]);
    expect((await lookup('Our sponsors made that possible.')).matches).toEqual([]);
    const kept = (await rows()).filter((r) => r.unit_id === 'sponsors');
    expect(kept).toHaveLength(1);
    expect(kept[0]?.retired_at).not.toBeNull();
    await recordMemory(deps.store, input);
    expect((await lookup(input.source)).matches).toHaveLength(1);
  });

  it("never suggests the edited unit's own entries to it", async () => {
    const input = unit('A sentence only this unit has.', 'Una frase solo de esta unidad.', {
      unitId: 'lonely',
    });
    await recordMemory(deps.store, input);
    const own = { translationId: input.translationId, unitId: 'lonely' };
    expect((await lookup(input.source, { exclude: own })).matches).toEqual([]);
    expect((await lookup('A sentence only this unit had.', { exclude: own })).matches).toEqual([]);
    expect((await lookup(input.source)).matches).toHaveLength(1);
  });

  it('returns what it found when the time budget runs out', async () => {
    await recordMemory(deps.store, unit('Meet the team behind the project.', 'Conoce al equipo.'));
    await recordMemory(
      deps.store,
      unit('Meet the team behind the projects.', 'Conoce a los equipos.'),
    );
    const full = await lookup('Meet the team behind the project.');
    expect(full.partial).toBe(false);
    expect(full.matches.map((m) => m.score)).toEqual([100, 97]);
    const hurried = await lookup('Meet the team behind the project.', { budgetMs: 0 });
    expect(hurried.partial).toBe(true);
    expect(hurried.matches.map((m) => m.score)).toEqual([100]);
  });

  it('counts the units that have suggestions', async () => {
    await recordMemory(
      deps.store,
      unit('Welcome to the annual report.', 'Bienvenidos al informe anual.', {
        translationId: 'tr-counts',
        unitId: 'c-own',
      }),
    );
    const found = await memoryMatchCounts(deps, {
      sourceLanguage: 'en',
      targetLanguage: 'es',
      translationId: 'tr-counts',
      units: [
        { unitId: 'c-exact', source: 'What got you started on Wikipedia?' },
        { unitId: 'c-fuzzy', source: 'Question 5' },
        { unitId: 'c-none', source: 'Nothing like this was ever said.' },
        // Only its own entry has this text: not a suggestion for itself…
        { unitId: 'c-own', source: 'Welcome to the annual report.' },
        // …but one for another unit of the same translation.
        { unitId: 'c-other', source: 'Welcome to the annual report.' },
      ],
    });
    expect([...found].sort()).toEqual(['c-exact', 'c-fuzzy', 'c-other']);
  });

  it('records the same entry from concurrent connections without duplicates or errors', async () => {
    const input = unit('Concurrency is hard.', 'La concurrencia es difícil.', { unitId: 'race' });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        deps.store.transaction((store) => recordMemory(store, input)),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const race = (await rows()).filter((r) => r.unit_id === 'race');
    expect(race).toHaveLength(1);
    expect(race[0]?.uses).toBe(8);
  });

  it('upgrades through migration 0015: existing entries keep their fuzzy matches', async () => {
    await recordMemory(
      deps.store,
      unit('The upgrade keeps every translated segment searchable.', 'Se conserva todo.', {
        unitId: 'upgrade',
      }),
    );
    const near = 'The upgrade keeps every translated segment findable.';
    const before = (await lookup(near)).matches.map((m) => [m.source, m.score]);
    expect(before[0]?.[0]).toBe('The upgrade keeps every translated segment searchable.');

    // Back to the schema before 0015 (PostgreSQL: no keys, pg_trgm's index), then start-up.
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    const previous = names[names.indexOf('0015_memory_scoped_grams') - 1] ?? '';
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
    const down = await migrator.migrateTo(previous);
    expect(down.error).toBeUndefined();
    if (handle.engine === 'postgres') {
      const { rows: columns } = await sql<{ n: number }>`SELECT count(*)::int AS n
        FROM information_schema.columns
        WHERE table_name = 'memory_entries' AND column_name = 'fuzzy_grams'`.execute(handle.db);
      expect(columns[0]?.n).toBe(0);
    }
    // 0015 and every later migration, migrated down above, run again.
    expect(await migrateToLatest(handle)).toEqual(
      names.slice(names.indexOf('0015_memory_scoped_grams')),
    );

    if (handle.engine === 'postgres') {
      // Every row's keys as the application writes them (a copy of the function is frozen in
      // the migration; the two must agree or old rows would never be found).
      const { rows: stored } = await sql<{
        match_tag: string;
        prefilter: string;
        fuzzy_grams: number[];
      }>`SELECT match_tag, prefilter, fuzzy_grams FROM memory_entries`.execute(handle.db);
      expect(stored.length).toBeGreaterThan(40);
      for (const row of stored) {
        expect(row.fuzzy_grams.map(Number)).toEqual(entryGramKeys(row.match_tag, row.prefilter));
      }
    }
    expect((await lookup(near)).matches.map((m) => [m.source, m.score])).toEqual(before);
  });
});

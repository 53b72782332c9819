import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignUnits } from './align.js';
import { normalizeWhitespace } from './text.js';
import type { Alignment, NextUnit, PreviousUnit } from './types.js';

const word = fc.stringMatching(/^[a-z]{3,8}$/);
const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
const kind = fc.constantFrom('paragraph', 'heading', 'item');

const previousUnits = fc
  .uniqueArray(fc.record({ kind, text }), { selector: (u) => u.text, maxLength: 40 })
  .map((units): PreviousUnit[] => units.map((u, i) => ({ id: `p${i}`, ...u })));

const edit = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), kind, text }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

/** Applies edits; inserted texts that already exist anywhere are skipped to keep texts unique. */
function applyEdits(previous: readonly PreviousUnit[], edits: readonly Edit[]): NextUnit[] {
  const seen = new Set(previous.map((u) => u.text));
  const units = previous.map(({ kind, text }) => ({ kind, text }));
  for (const e of edits) {
    if (e.op === 'insert') {
      if (seen.has(e.text)) continue;
      seen.add(e.text);
      units.splice(e.at % (units.length + 1), 0, { kind: e.kind, text: e.text });
    } else if (units.length > 0) {
      const [unit] = units.splice(e.at % units.length, 1);
      if (e.op === 'move' && unit) units.splice(e.to % (units.length + 1), 0, unit);
    }
  }
  return units.map((u, i) => ({ path: `n${i}`, ...u }));
}

function run(previous: readonly PreviousUnit[], next: readonly NextUnit[]): Alignment {
  let fresh = 0;
  return alignUnits(previous, next, () => `fresh${++fresh}`);
}

function expectWellFormed(
  previous: readonly PreviousUnit[],
  next: readonly NextUnit[],
  a: Alignment,
) {
  expect(a.units.map((u) => u.path)).toEqual(next.map((u) => u.path));
  expect(a.units.map((u) => u.text)).toEqual(next.map((u) => u.text));
  const ids = a.units.map((u) => u.id);
  expect(new Set(ids).size).toBe(ids.length);
  const kept = new Set(ids.filter((id) => id.startsWith('p')));
  for (const { id } of previous) expect(kept.has(id) !== a.removed.includes(id)).toBe(true);
  expect(new Set(a.removed).size).toBe(a.removed.length);
  for (const u of a.units) expect(u.change === 'new').toBe(u.id.startsWith('fresh'));
}

describe('alignUnits properties', () => {
  it('keeps the ids of unchanged units under random insertions, deletions and moves', () => {
    fc.assert(
      fc.property(previousUnits, fc.array(edit, { maxLength: 12 }), (previous, edits) => {
        const next = applyEdits(previous, edits);
        const a = run(previous, next);
        expectWellFormed(previous, next, a);
        const idOfText = new Map(previous.map((u) => [u.text, u.id]));
        a.units.forEach((u) => {
          const id = idOfText.get(u.text);
          if (id !== undefined) expect(u).toMatchObject({ id, change: 'same' });
        });
      }),
    );
  });

  it('keeps the ids of units with one word changed when nothing moves', () => {
    const longText = fc.array(word, { minLength: 5, maxLength: 12 });
    const scenario = fc
      .uniqueArray(fc.record({ kind, words: longText }), {
        selector: (u) => u.words.join(' '),
        minLength: 1,
        maxLength: 30,
      })
      .chain((units) =>
        fc.tuple(
          fc.constant(units),
          fc.array(fc.record({ unit: fc.nat(), word: fc.nat(), replacement: word }), {
            maxLength: 10,
          }),
        ),
      );
    fc.assert(
      fc.property(scenario, ([units, edits]) => {
        const previous: PreviousUnit[] = units.map((u, i) => ({
          id: `p${i}`,
          kind: u.kind,
          text: u.words.join(' '),
        }));
        const texts = new Set(previous.map((u) => u.text));
        const words = units.map((u) => [...u.words]);
        const edited = new Set<number>();
        for (const e of edits) {
          const i = e.unit % words.length;
          const w = words[i];
          if (!w || edited.has(i)) continue;
          const at = e.word % w.length;
          if (w[at] === e.replacement) continue;
          const candidate = w.with(at, e.replacement);
          if (texts.has(candidate.join(' '))) continue;
          words[i] = candidate;
          edited.add(i);
        }
        const next: NextUnit[] = units.map((u, i) => ({
          path: `n${i}`,
          kind: u.kind,
          text: (words[i] ?? []).join(' '),
        }));
        const a = run(previous, next);
        expectWellFormed(previous, next, a);
        expect(a.units.map((u) => u.id)).toEqual(previous.map((u) => u.id));
        expect(a.removed).toEqual([]);
        a.units.forEach((u, i) => {
          expect(u.change).toBe(edited.has(i) ? 'changed' : 'same');
          if (edited.has(i)) expect(u.previousText).toBe(previous[i]?.text);
        });
      }),
    );
  });

  it('never pairs units of different kinds unless their texts are equal up to whitespace', () => {
    fc.assert(
      fc.property(previousUnits, previousUnits, (previous, other) => {
        const next = other.map((u, i) => ({ path: `n${i}`, kind: u.kind, text: u.text }));
        const a = run(previous, next);
        expectWellFormed(previous, next, a);
        const byId = new Map(previous.map((u) => [u.id, u]));
        for (const u of a.units) {
          const before = byId.get(u.id);
          if (before && normalizeWhitespace(before.text) !== normalizeWhitespace(u.text)) {
            expect(before.kind).toBe(u.kind);
          }
        }
      }),
    );
  });
});

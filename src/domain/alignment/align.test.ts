import { describe, expect, it } from 'vitest';
import { alignUnits } from './align.js';
import type { NextUnit, PreviousUnit } from './types.js';

const P = [
  'The meeting starts at nine in the town hall.',
  'Bring your own cup; coffee and tea are free.',
  'Children are welcome and there is a play corner.',
  'We close the day with a short concert by the school choir.',
  'Questions? Write to the organizers at any time.',
];

type Spec = string | [kind: string, text: string];

function previousOf(specs: readonly Spec[]): PreviousUnit[] {
  return specs.map((spec, i) => {
    const [kind, text] = typeof spec === 'string' ? ['paragraph', spec] : spec;
    return { id: `u${i}`, kind, text };
  });
}

function nextOf(specs: readonly Spec[]): NextUnit[] {
  return specs.map((spec, i) => {
    const [kind, text] = typeof spec === 'string' ? ['paragraph', spec] : spec;
    return { path: `body.${i}`, kind, text };
  });
}

function align(before: readonly Spec[], after: readonly Spec[]) {
  let fresh = 0;
  const result = alignUnits(previousOf(before), nextOf(after), () => `new${++fresh}`);
  return {
    ...result,
    ids: result.units.map((u) => u.id),
    changes: result.units.map((u) => u.change),
  };
}

describe('alignUnits', () => {
  it('keeps every id when nothing changed', () => {
    const a = align(P, P);
    expect(a.ids).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(a.changes).toEqual(['same', 'same', 'same', 'same', 'same']);
    expect(a.removed).toEqual([]);
    expect(a.units[0]).toEqual({
      path: 'body.0',
      kind: 'paragraph',
      text: P[0],
      id: 'u0',
      change: 'same',
    });
  });

  it('marks only the edited paragraph changed and keeps its id', () => {
    const edited = 'Children are welcome and there is a small play corner with books.';
    const a = align(P, [P[0]!, P[1]!, edited, P[3]!, P[4]!]);
    expect(a.ids).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(a.changes).toEqual(['same', 'same', 'changed', 'same', 'same']);
    expect(a.units[2]?.previousText).toBe(P[2]);
    expect(a.units[0]).not.toHaveProperty('previousText');
  });

  it.each([
    ['start', 0],
    ['middle', 2],
    ['end', 5],
  ])('gives a unit inserted at the %s a new id and keeps the others', (_, at) => {
    const after = [...P];
    after.splice(at, 0, 'Parking is available behind the library.');
    const a = align(P, after);
    const expected: string[] = ['u0', 'u1', 'u2', 'u3', 'u4'];
    expected.splice(at, 0, 'new1');
    expect(a.ids).toEqual(expected);
    expect(a.units[at]?.change).toBe('new');
    expect(a.removed).toEqual([]);
  });

  it('lists a deleted unit as removed', () => {
    const a = align(P, [P[0]!, P[1]!, P[3]!, P[4]!]);
    expect(a.ids).toEqual(['u0', 'u1', 'u3', 'u4']);
    expect(a.changes.every((c) => c === 'same')).toBe(true);
    expect(a.removed).toEqual(['u2']);
  });

  it('keeps both ids when two paragraphs are swapped', () => {
    const a = align(P, [P[0]!, P[3]!, P[2]!, P[1]!, P[4]!]);
    expect(a.ids).toEqual(['u0', 'u3', 'u2', 'u1', 'u4']);
    expect(a.changes.every((c) => c === 'same')).toBe(true);
    expect(a.removed).toEqual([]);
  });

  it('uses each previous id once for duplicated identical paragraphs', () => {
    const a = align(['Yes.', P[0]!, 'Yes.'], ['Yes.', 'Yes.', P[0]!, 'Yes.']);
    expect(new Set(a.ids).size).toBe(4);
    expect(a.ids.filter((id) => id.startsWith('u')).sort()).toEqual(['u0', 'u1', 'u2']);
    expect(a.changes.filter((c) => c === 'new')).toHaveLength(1);
    expect(a.removed).toEqual([]);
  });

  it('removes the extra copy when a duplicated paragraph is deleted', () => {
    const a = align(['Yes.', P[0]!, 'Yes.'], [P[0]!, 'Yes.']);
    expect(a.ids).toEqual(['u1', 'u2']);
    expect(a.removed).toEqual(['u0']);
  });

  it('calls a whitespace-only change whitespace', () => {
    const spaced = ' Bring your  own cup;\ncoffee and tea are free. ';
    const a = align(P, [P[0]!, spaced, P[2]!, P[3]!, P[4]!]);
    expect(a.ids).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(a.changes[1]).toBe('whitespace');
    expect(a.units[1]?.previousText).toBe(P[1]);
  });

  it('finds a moved unit whose whitespace changed', () => {
    const a = align(P, [`${P[4]!} `, P[0]!, P[1]!, P[2]!, P[3]!]);
    expect(a.ids).toEqual(['u4', 'u0', 'u1', 'u2', 'u3']);
    expect(a.changes[0]).toBe('whitespace');
  });

  it('pairs a heavily rewritten paragraph in place, not with a distant look-alike', () => {
    // similarity(P[1], rewritten) ≈ 0.45; the new last unit is far closer to P[1] (≈ 0.8),
    // but the unchanged units around P[1] fence the rewrite in, and the look-alike's own gap
    // holds only P[4], which it does not resemble.
    const rewritten = 'Please bring a cup of your own, since the coffee and the tea cost nothing.';
    const lookAlike = 'Bring your own cup; coffee and tea are free for members.';
    const a = align(P, [P[0]!, rewritten, P[2]!, P[3]!, lookAlike]);
    expect(a.ids).toEqual(['u0', 'u1', 'u2', 'u3', 'new1']);
    expect(a.changes).toEqual(['same', 'changed', 'same', 'same', 'new']);
    expect(a.removed).toEqual(['u4']);
  });

  it('pairs several changed units in order inside one gap', () => {
    const a = align(
      ['Intro.', 'alpha beta gamma delta', 'one two three four five', 'Outro.'],
      ['Intro.', 'alpha beta gamma delta epsilon', 'one two three four six', 'Outro.'],
    );
    expect(a.ids).toEqual(['u0', 'u1', 'u2', 'u3']);
    expect(a.changes).toEqual(['same', 'changed', 'changed', 'same']);
  });

  it('treats a replacement with unrelated text as new plus removed', () => {
    const a = align(P, [P[0]!, 'Xylophones zigzag quietly.', P[2]!, P[3]!, P[4]!]);
    expect(a.ids).toEqual(['u0', 'new1', 'u2', 'u3', 'u4']);
    expect(a.removed).toEqual(['u1']);
  });

  it('pairs on containment when a sentence is appended to a short unit', () => {
    const a = align(
      [P[0]!, 'See you there!', P[1]!],
      [P[0]!, 'See you there! And do not forget to bring your friends and family along.', P[1]!],
    );
    expect(a.ids).toEqual(['u0', 'u1', 'u2']);
    expect(a.changes[1]).toBe('changed');
  });

  it('does not pair units of different kinds by similarity', () => {
    const a = align(
      [P[0]!, ['heading', 'Program of the day'], P[1]!],
      [P[0]!, ['paragraph', 'Program of the day!'], P[1]!],
    );
    expect(a.ids).toEqual(['u0', 'new1', 'u2']);
    expect(a.removed).toEqual(['u1']);
  });

  it('keeps the id of identical text whose kind changed, preferring the same kind', () => {
    const a = align(
      [['heading', 'Program'], P[0]!, ['paragraph', 'Program']],
      [P[0]!, ['paragraph', 'Program'], ['caption', 'Program']],
    );
    expect(a.ids).toEqual(['u1', 'u2', 'u0']);
    expect(a.changes).toEqual(['same', 'same', 'same']);
  });

  it('compares visible text only, so a changed link target is a small change', () => {
    const a = align(
      ['Read <pc id="1">the report</pc> &amp; more.'],
      ['Read <pc id="2">the report</pc> &amp; more.'],
    );
    expect(a.units[0]).toMatchObject({ id: 'u0', change: 'changed' });
  });

  it('handles empty revisions', () => {
    expect(align([], [])).toMatchObject({ units: [], removed: [] });
    expect(align(P, []).removed).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(align([], ['a', 'b']).ids).toEqual(['new1', 'new2']);
  });

  it('stays bounded on a huge gap by pairing by position and kind', () => {
    // 300 × 300 changed units exceed MAX_GAP_PAIRS: the k-th meets the k-th.
    const before = Array.from({ length: 300 }, (_, i) => `Paragraph number ${i} says hello.`);
    const after = before.map((t) => `${t} Edited.`);
    const a = align(before, after);
    expect(a.ids).toEqual(before.map((_, i) => `u${i}`));
    expect(a.changes.every((c) => c === 'changed')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';
import { unmodifiedMachineShare, unmodifiedShare } from './machine.js';

const es = 'La reunión empieza a las diez en la sala grande del centro.';
const de = 'Das Treffen beginnt um zehn Uhr im großen Saal des Zentrums.';
const ar = 'يبدأ الاجتماع في الساعة العاشرة في القاعة الكبيرة بالمركز.';
const ja = '会議は十時にセンターの大ホールで始まります。';

const rows: CheckCase[] = [
  {
    name: 'de kept as is',
    source: 'x',
    target: de,
    targetLanguage: 'de',
    machine: { text: de, engine: 'apertium' },
    expected: ['machine.unmodified'],
  },
  {
    name: 'de revised',
    source: 'x',
    target: 'Um zehn Uhr fängt unser Treffen im Saal an.',
    targetLanguage: 'de',
    machine: { text: de, engine: 'apertium' },
    expected: [],
  },
  {
    name: 'en one word of twelve changed (92% kept)',
    source: 'x',
    target: 'The meeting starts at ten in the big hall of the centre today.',
    targetLanguage: 'en',
    machine: {
      text: 'The meeting starts at ten in the large hall of the centre today.',
      engine: 'mint',
    },
    expected: ['machine.unmodified'],
  },
  {
    name: 'ar kept as is',
    source: 'x',
    target: ar,
    targetLanguage: 'ar',
    machine: { text: ar, engine: 'mint' },
    expected: ['machine.unmodified'],
  },
  {
    name: 'ar rewritten',
    source: 'x',
    target: 'في العاشرة يبدأ لقاؤنا.',
    targetLanguage: 'ar',
    machine: { text: ar, engine: 'mint' },
    expected: [],
  },
  {
    name: 'ja kept as is',
    source: 'x',
    target: ja,
    targetLanguage: 'ja',
    machine: { text: ja, engine: 'mint' },
    expected: ['machine.unmodified'],
  },
  {
    name: 'ja rewritten',
    source: 'x',
    target: '十時から大ホールで会議です。',
    targetLanguage: 'ja',
    machine: { text: ja, engine: 'mint' },
    expected: [],
  },
  { name: 'no machine translation', source: 'x', target: de, targetLanguage: 'de', expected: [] },
];

describe('unmodified machine translation', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'machine').map((f) => f.check)).toEqual(row.expected);
  });

  it('counts the longest common subsequence of word tokens over the larger count', () => {
    expect(unmodifiedShare(es, es)).toEqual({ share: 1, words: 12, unchanged: 12 });
    // Two words replaced: 10 of 12 unchanged.
    const edited = 'La reunión empieza a las once en la sala pequeña del centro.';
    expect(unmodifiedShare(es, edited)).toEqual({ share: 10 / 12, words: 12, unchanged: 10 });
    // Words moved: only the subsequence in order counts (Content Translation does the same).
    expect(unmodifiedShare('a b c d', 'd c b a').unchanged).toBe(1);
    // Words added: the larger count is the denominator.
    expect(unmodifiedShare('a b', 'a b c d')).toEqual({ share: 0.5, words: 4, unchanged: 2 });
    // Codes are not words; punctuation is not a word.
    expect(unmodifiedShare('Read <pc id="1">this</pc>.', 'Read this!').share).toBe(1);
    expect(unmodifiedShare('', '')).toEqual({ share: 0, words: 0, unchanged: 0 });
  });

  it('reports the percentage and the engine', () => {
    const [found] = findingsOf(rows[0]!, 'machine');
    expect(found?.params).toEqual({ percent: 100, engine: 'apertium' });
  });

  it('aggregates a translation: unmodified MT words over all words, and the units to revise', () => {
    const summary = unmodifiedMachineShare([
      { machine: 'a b c d', final: 'a b c d' }, // 4 of 4
      { machine: 'e f g h', final: 'e x y z' }, // 1 of 4
      { final: 'typed by a person' }, // 0 of 4
      { machine: null, final: 'also typed' }, // 0 of 2
    ]);
    expect(summary.words).toBe(14);
    expect(summary.unchanged).toBe(5);
    expect(summary.share).toBeCloseTo(5 / 14, 10);
    expect(summary.over).toEqual([0]);
    expect(summary.units.map((u) => u.unchanged)).toEqual([4, 1, 0, 0]);
    expect(unmodifiedMachineShare([]).share).toBe(0);
  });
});

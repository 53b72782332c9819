import { describe, expect, it } from 'vitest';
import type { RowFacts } from './filters.js';
import { matchesFilter, nextNeedingWork } from './filters.js';

const rows: RowFacts[] = [
  { state: 'translated', mine: true },
  { state: null, mine: false },
  { state: 'reviewed', mine: false, pending: true },
  { state: 'outdated', mine: true },
  { state: 'draft', mine: true },
];

describe('filters', () => {
  it('selects rows by state and by translator', () => {
    const pick = (filter: Parameters<typeof matchesFilter>[1]) =>
      rows.flatMap((row, i) => (matchesFilter(row, filter) ? [i] : []));
    expect(pick('all')).toEqual([0, 1, 2, 3, 4]);
    expect(pick('untranslated')).toEqual([1, 4]);
    expect(pick('outdated')).toEqual([3]);
    expect(pick('mine')).toEqual([0, 3, 4]);
    expect(pick('pending')).toEqual([2]);
  });

  it('moves to the next and previous row needing work, wrapping around', () => {
    expect(nextNeedingWork(rows, 0, 1)).toBe(1);
    expect(nextNeedingWork(rows, 1, 1)).toBe(3);
    expect(nextNeedingWork(rows, 4, 1)).toBe(1);
    expect(nextNeedingWork(rows, 1, -1)).toBe(4);
    expect(nextNeedingWork(rows, 3, 1, 'untranslated')).toBe(4);
  });

  it('returns null when nothing else needs work', () => {
    expect(
      nextNeedingWork(
        [
          { state: 'translated', mine: false },
          { state: null, mine: false },
        ],
        1,
        1,
      ),
    ).toBeNull();
  });
});

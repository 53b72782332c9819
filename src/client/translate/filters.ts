/** Which rows the editor shows, and where keyboard navigation goes next. */
import type { TargetState } from './state.js';

export type Filter = 'all' | 'untranslated' | 'outdated' | 'pending' | 'mine';

export const FILTERS: readonly Filter[] = ['all', 'untranslated', 'outdated', 'pending', 'mine'];

/** What a filter and the navigation need to know about a row. */
export interface RowFacts {
  state: TargetState | null;
  mine: boolean;
  /** Proposals wait for a reviewer on this row. */
  pending?: boolean;
}

/** Not done yet: nothing saved, or only a draft. */
export function isUntranslated(row: RowFacts): boolean {
  return row.state === null || row.state === 'untranslated' || row.state === 'draft';
}

/** Needs the translator's attention: untranslated, draft or outdated. */
export function needsWork(row: RowFacts): boolean {
  return isUntranslated(row) || row.state === 'outdated';
}

export function matchesFilter(row: RowFacts, filter: Filter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'untranslated':
      return isUntranslated(row);
    case 'outdated':
      return row.state === 'outdated';
    case 'pending':
      return row.pending === true;
    case 'mine':
      return row.mine;
  }
}

/**
 * The index of the next (step 1) or previous (step -1) row after `from` that needs work and is
 * shown under `filter`, wrapping around; null when there is none other than `from` itself.
 */
export function nextNeedingWork(
  rows: readonly RowFacts[],
  from: number,
  step: 1 | -1,
  filter: Filter = 'all',
): number | null {
  const n = rows.length;
  for (let i = 1; i < n; i++) {
    const index = (((from + step * i) % n) + n) % n;
    const row = rows[index];
    if (row && needsWork(row) && matchesFilter(row, filter)) return index;
  }
  return null;
}

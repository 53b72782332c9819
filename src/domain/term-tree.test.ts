import { describe, expect, it } from 'vitest';
import { ancestorsOf, childrenOf, descendantsOf, makesCycle } from './term-tree.js';

// news → africa → kenya, africa → ghana; sport stands alone.
const terms = [
  { id: 'news', parentId: null },
  { id: 'africa', parentId: 'news' },
  { id: 'kenya', parentId: 'africa' },
  { id: 'ghana', parentId: 'africa' },
  { id: 'sport', parentId: null },
];
const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe('term tree', () => {
  it('walks up to the root, nearest first', () => {
    expect(ids(ancestorsOf(terms, 'kenya'))).toEqual(['africa', 'news']);
    expect(ids(ancestorsOf(terms, 'news'))).toEqual([]);
    expect(ids(ancestorsOf(terms, 'unknown'))).toEqual([]);
  });

  it('finds children and every descendant', () => {
    expect(ids(childrenOf(terms, 'africa'))).toEqual(['kenya', 'ghana']);
    expect(ids(descendantsOf(terms, 'news'))).toEqual(['africa', 'kenya', 'ghana']);
    expect(ids(descendantsOf(terms, 'sport'))).toEqual([]);
  });

  it('refuses a parent that is the term itself or below it', () => {
    expect(makesCycle(terms, 'news', 'kenya')).toBe(true);
    expect(makesCycle(terms, 'africa', 'africa')).toBe(true);
    expect(makesCycle(terms, 'kenya', 'sport')).toBe(false);
    expect(makesCycle(terms, 'sport', 'kenya')).toBe(false);
  });

  it('stops on data that already holds a cycle', () => {
    const looped = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(ids(ancestorsOf(looped, 'a'))).toEqual(['b']);
    expect(ids(descendantsOf(looped, 'a'))).toEqual(['b']);
  });
});

import { describe, expect, it } from 'vitest';
import { entryGramKeys, gramKeys, scopeOfTag, scopesOfTags, trigramsOf } from './grams.js';
import { entryTag, lengthBucket, windowTags } from './partition.js';
import { lengthWindow } from './score.js';

describe('trigramsOf', () => {
  it('gives the distinct three-code-point windows, spaces included, in order', () => {
    expect(trigramsOf('a banana')).toEqual(['a b', ' ba', 'ban', 'ana', 'nan']);
    expect(trigramsOf('ab')).toEqual([]);
    // Code points, not UTF-16 units: an astral character is one.
    expect(trigramsOf('𝒜bc𝒟')).toEqual(['𝒜bc', 'bc𝒟']);
  });
});

describe('scopes', () => {
  it('puts five neighbouring length buckets of one pair in one scope, other pairs apart', () => {
    const scope = (length: number) => scopeOfTag(entryTag('en', 'es', length));
    const band = (length: number) => Math.floor(lengthBucket(length) / 5);
    for (const [a, b] of [
      [40, 60],
      [60, 80],
      [100, 180],
      [100, 400],
      [16, 15],
      [1_000, 1_900],
    ] as const) {
      expect(scope(a) === scope(b)).toBe(band(a) === band(b));
    }
    expect(scope(100)).not.toBe(scope(400));
    expect(scopeOfTag(entryTag('en', 'de', 100))).not.toBe(scope(100));
  });

  it('a 70% window asks for two or three scopes, and always for the entry’s own', () => {
    for (const length of [16, 40, 77, 120, 201, 650, 4_000]) {
      const window = lengthWindow(length, 70);
      const scopes = scopesOfTags(windowTags('en', 'ar', window));
      expect(scopes.length).toBeGreaterThanOrEqual(1);
      expect(scopes.length).toBeLessThanOrEqual(3);
      for (const inside of [window.min, length, window.max]) {
        expect(scopes).toContain(scopeOfTag(entryTag('en', 'ar', inside)));
      }
    }
  });
});

describe('gramKeys', () => {
  it('a piece of a text has a subset of its keys in the same scope, and none in another', () => {
    const tag = entryTag('en', 'es', 60);
    const text = 'the volunteers translated every question of the interview';
    const all = new Set(entryGramKeys(tag, text));
    const piece = gramKeys(scopeOfTag(tag), 'nteers tra');
    expect(piece.length).toBe(8);
    for (const key of piece) expect(all.has(key)).toBe(true);
    const elsewhere = gramKeys(scopeOfTag(entryTag('en', 'de', 60)), 'nteers tra');
    expect(elsewhere.filter((key) => all.has(key))).toEqual([]);
  });

  it('is sorted 32-bit signed integers without repeats, stable across calls', () => {
    const keys = gramKeys('\uf000\uf040\uf106', 'banana banana');
    expect(keys).toEqual([...new Set(keys)].sort((a, b) => a - b));
    for (const key of keys) {
      expect(Number.isInteger(key)).toBe(true);
      expect(key).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(key).toBeLessThan(2 ** 31);
    }
    expect(gramKeys('\uf000\uf040\uf106', 'banana banana')).toEqual(keys);
    expect(keys.length).toBe(trigramsOf('banana banana').length);
  });
});

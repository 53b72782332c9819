import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levenshtein, pairScore, prepare, similarity, PAIR_THRESHOLD } from './similarity.js';

const points = (s: string) => prepare(s).points;

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['😀a', '😁a', 1],
  ])('distance(%s, %s) = %i', (a, b, d) => {
    expect(levenshtein(points(a), points(b))).toBe(d);
  });

  it('stops early past max but is exact within it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(20), (a, b, max) => {
        const exact = levenshtein(points(a), points(b));
        const bounded = levenshtein(points(a), points(b), max);
        expect(bounded).toBe(exact <= max ? exact : max + 1);
        expect(levenshtein(points(b), points(a))).toBe(exact);
      }),
    );
  });
});

describe('similarity', () => {
  it('is 1 for identical visible text and 0 for nothing in common', () => {
    expect(similarity('<pc id="1">Hello</pc>', 'Hello')).toBe(1);
    expect(similarity(' a  b ', 'a b')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
    expect(similarity('', '')).toBe(1);
    expect(similarity('', 'x')).toBe(0);
  });

  it('is 1 − distance / longer', () => {
    expect(similarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7);
  });

  it('agrees with pairScore above the threshold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const s = similarity(a, b);
        const score = pairScore(prepare(a), prepare(b));
        if (score === 0) expect(s).toBeLessThan(PAIR_THRESHOLD);
        else expect(score).toBeGreaterThanOrEqual(Math.min(s, PAIR_THRESHOLD));
        if (s >= PAIR_THRESHOLD) expect(score).toBeCloseTo(s);
      }),
    );
  });
});

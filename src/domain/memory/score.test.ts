import { describe, expect, it } from 'vitest';
import { matchKey } from './key.js';
import { clampThreshold, lengthWindow, matchScore } from './score.js';

describe('matchScore', () => {
  it.each([
    ['Thank you', 'Thank you', 100],
    ['Thank you', 'thank you', 94], // a case-only change costs half an edit
    ['Question 3', 'Question 4', 90],
    ['Hello', 'Hallo', 80],
    ['Yes', 'Yes!', 75],
    ['Join the meetup at noon.', 'Join the meetup at nine.', 87],
    ['abc', 'xyz', 0],
    ['', '', 100],
  ])('%j against %j is %i', (a, b, score) => {
    expect(matchScore(a, b)).toBe(score);
    expect(matchScore(b, a)).toBe(score);
  });
  it('counts a code as one edit and is never 100 for different keys', () => {
    const coded = matchKey('Read <pc id="1">the guide</pc> before editing.');
    expect(matchScore(coded, matchKey('Read the guide before editing.'))).toBe(93);
    const long = 'x'.repeat(500);
    expect(matchScore(long, `${long}y`)).toBe(99);
  });
});

describe('lengthWindow', () => {
  it('spans every length that can still reach the threshold', () => {
    expect(lengthWindow(10, 70)).toEqual({ min: 7, max: 14 });
    expect(lengthWindow(100, 100)).toEqual({ min: 100, max: 100 });
    // The bounds are exact: just outside cannot reach 70, just inside can.
    expect(matchScore('a'.repeat(10), 'a'.repeat(14))).toBeGreaterThanOrEqual(70);
    expect(matchScore('a'.repeat(10), 'a'.repeat(15))).toBeLessThan(70);
    expect(matchScore('a'.repeat(10), 'a'.repeat(7))).toBeGreaterThanOrEqual(70);
    expect(matchScore('a'.repeat(10), 'a'.repeat(6))).toBeLessThan(70);
  });
  it('keeps thresholds between 50 and 100', () => {
    expect(clampThreshold(10)).toBe(50);
    expect(clampThreshold(120)).toBe(100);
    expect(clampThreshold(Number.NaN)).toBe(70);
    expect(clampThreshold(75.4)).toBe(75);
  });
});

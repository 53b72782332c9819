import { describe, expect, it } from 'vitest';
import { MAX_CHUNKS, maxEdits, probeChunks, probeOrder } from './chunks.js';

describe('probeChunks', () => {
  it('gives nothing under three characters', () => {
    expect(probeChunks('ok', 70)).toEqual([]);
  });
  it('probes short texts by every trigram that has three letters or digits', () => {
    expect(probeChunks('hello', 70)).toEqual(['hel', 'ell', 'llo']);
    expect(probeChunks('yes!', 70)).toEqual(['yes']);
    expect(probeChunks('question 4', 70)).toEqual(['que', 'ues', 'est', 'sti', 'tio', 'ion']);
  });
  it('probes texts of words by their longest words, longest first, disjoint', () => {
    const text = 'the volunteers met again on saturday';
    const chunks = probeChunks(text, 90);
    expect(chunks).toEqual(['volunteers', 'saturday', 'again']);
    expect(chunks.length).toBeLessThanOrEqual(maxEdits(text.length, 90) + 1);
    expect(probeChunks('a b c d e f g h i j k l m n o p', 70)).toEqual([]);
  });
  it('cuts texts without spaces into disjoint pieces, one more than the edits allowed', () => {
    const text = '今日は良い天気ですね散歩に行きましょうか';
    const chunks = probeChunks(text, 90);
    expect(chunks).toHaveLength(maxEdits(text.length, 90) + 1);
    const starts = chunks.map((chunk) => text.indexOf(chunk)).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i] ?? 0).toBeGreaterThanOrEqual((starts[i - 1] ?? 0) + 3);
    }
  });
  it('finds an entry with fewer edits than pieces by one intact piece (pigeonhole)', () => {
    const query = 'please bring your own laptop and a charger to the workshop';
    const entry = 'please bring your old laptop and the charger to a workshop';
    const chunks = probeChunks(query, 70);
    expect(chunks.some((chunk) => entry.includes(chunk))).toBe(true);
  });
  it('never makes more than MAX_CHUNKS probes, whatever the length', () => {
    expect(probeChunks('lorem ipsum dolor sit amet '.repeat(100), 70).length).toBeLessThanOrEqual(
      MAX_CHUNKS,
    );
    expect(probeChunks('abcdefghijklmnopqrstuvwxyz'.repeat(3), 70).length).toBeLessThanOrEqual(
      MAX_CHUNKS,
    );
  });
  it('works on scripts without spaces', () => {
    const chunks = probeChunks('今日は良い天気ですね、散歩に行きましょう', 70);
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(Array.from(chunk).length).toBeGreaterThanOrEqual(3);
  });
});

describe('probeOrder', () => {
  it('takes the ends first, then ever finer middles, each piece once', () => {
    expect(probeOrder([0, 1, 2, 3, 4, 5, 6, 7])).toEqual([0, 7, 3, 1, 5, 2, 4, 6]);
    expect(probeOrder(['a'])).toEqual(['a']);
    expect(probeOrder([])).toEqual([]);
    const many = Array.from({ length: 12 }, (_, i) => i);
    expect([...probeOrder(many)].sort((a, b) => a - b)).toEqual(many);
  });
});

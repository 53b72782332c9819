import { describe, expect, it } from 'vitest';
import { prefilterText } from './key.js';
import { bucketsOf, entryTag, lengthBucket, pairCode, windowTags } from './partition.js';
import { lengthWindow } from './score.js';

describe('partition tags', () => {
  it('are three private-use characters that no prefilter text contains', () => {
    const tag = entryTag('en', 'es', 42);
    expect(Array.from(tag)).toHaveLength(3);
    expect(/^[\uF000-\uF1FF]{3}$/.test(tag)).toBe(true);
    expect(prefilterText(`hello ${tag}`)).toBe('hello');
  });
  it('differ by pair and by length bucket, and ignore case of the tags', () => {
    expect(entryTag('en', 'es', 42)).not.toBe(entryTag('es', 'en', 42));
    expect(entryTag('en', 'es', 42)).not.toBe(entryTag('en', 'es', 84));
    expect(pairCode('EN', 'ES')).toBe(pairCode('en', 'es'));
  });
  it('cover a length window with every bucket an entry in it can be in', () => {
    const window = lengthWindow(80, 70);
    const tags = windowTags('en', 'es', window);
    for (let length = window.min; length <= window.max; length++) {
      expect(tags).toContain(entryTag('en', 'es', length));
    }
    expect(tags).not.toContain(entryTag('en', 'es', window.max * 2));
    expect(bucketsOf(window).length).toBeLessThanOrEqual(7);
  });
  it('grows buckets geometrically', () => {
    expect(lengthBucket(0)).toBe(0);
    expect(lengthBucket(1)).toBe(0);
    expect(lengthBucket(2)).toBe(4);
    expect(lengthBucket(1000)).toBeGreaterThan(lengthBucket(500));
  });
});

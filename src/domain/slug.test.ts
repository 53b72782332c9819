import { describe, expect, it } from 'vitest';
import { isValidSlug, slugify } from './slug.js';

describe('slugify', () => {
  it('keeps letters and digits of every script', () => {
    expect(slugify('Čestitke Srbiji!')).toBe('čestitke-srbiji');
    expect(slugify('مرحبا بالعالم')).toBe('مرحبا-بالعالم');
  });

  it('cuts a long slug between words, never inside one', () => {
    const title =
      'Cuatro continentes, un manual: cómo seis comunidades aprendieron a organizar editatones juntas';
    const slug = slugify(title);
    expect([...slug].length).toBeLessThanOrEqual(80);
    expect(slug).toBe('cuatro-continentes-un-manual-cómo-seis-comunidades-aprendieron-a-organizar');
    // Exactly at a word's end: the whole word stays.
    expect(slugify('abc def', 3)).toBe('abc');
    expect(slugify('abcd ef', 3)).toBe('abc');
    expect(slugify('ab cdef', 4)).toBe('ab');
    expect(isValidSlug(slug)).toBe(true);
  });
});

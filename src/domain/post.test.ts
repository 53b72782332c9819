import { describe, expect, it } from 'vitest';
import { listingPagePath, nextStatus, postPath } from './post.js';

describe('editorial workflow', () => {
  it('moves draft → submitted → published → unpublished', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'publish')).toBe('published');
    expect(nextStatus('published', 'unpublish')).toBe('unpublished');
    expect(nextStatus('submitted', 'schedule')).toBe('scheduled');
  });

  it('refuses impossible transitions with a readable message', () => {
    expect(() => nextStatus('published', 'submit')).toThrow('A published post cannot be submitted');
    expect(() => nextStatus('draft', 'unpublish')).toThrow(/cannot be unpublished/);
  });
});

describe('postPath', () => {
  it('builds the date-based permalink in the post language', () => {
    expect(
      postPath({ language: 'sr-Latn', slug: 'čestitke', publishedAt: '2026-03-09T22:10:00.000Z' }),
    ).toBe('/sr-Latn/2026/03/09/%C4%8Destitke');
  });
});

describe('listingPagePath', () => {
  it('keeps the first page at the listing and puts the others under /page/N', () => {
    expect(listingPagePath('/en', 1, true)).toBe('/en/');
    expect(listingPagePath('/en', 2, true)).toBe('/en/page/2');
    expect(listingPagePath('/en/tag/x', 1, false)).toBe('/en/tag/x');
    expect(listingPagePath('/en/2026/10', 3, false)).toBe('/en/2026/10/page/3');
  });
});

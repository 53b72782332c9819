import { describe, expect, it } from 'vitest';
import { SNIPPET_REGION, searchSnippet, snippetRegion } from './search-snippet.js';
import { searchTerms } from './search-text.js';

/** Whole words (`palabra0 palabra1 …`) filling about `length` characters, ending with a space. */
function filler(length: number, word = 'palabra', from = 0): string {
  let out = '';
  for (let i = from; out.length < length; i += 1) out += `${word}${i} `;
  return out.slice(0, out.lastIndexOf(' ', length - 1) + 1);
}

const snippet = (text: string, query: string, language = 'es', prefixLast = false) =>
  searchSnippet(text, language, searchTerms(query, language), { words: 24, prefixLast });
const region = (text: string, query: string, language = 'es', prefixLast = false) =>
  snippetRegion(text, language, searchTerms(query, language), prefixLast);
const marked = (parts: ReturnType<typeof snippet>) =>
  parts.filter((p) => p.marked).map((p) => p.text);
const joined = (parts: ReturnType<typeof snippet>) => parts.map((p) => p.text).join('');

describe('searchSnippet of a long text', () => {
  const before = filler(150_000);
  const sentence = 'Corrimos el MARATÓN de Buenos Aires en abril.';
  const body = `${before}${sentence} ${filler(60_000, 'palabra', 90_000)}`.slice(0, 200_000);

  it('shows and marks a match 150,000 characters into a 200,000-character body', () => {
    expect(body).toHaveLength(200_000);
    const parts = snippet(body, 'maraton');
    // Accents and case as written, found for the folded query.
    expect(marked(parts)).toEqual(['MARATÓN']);
    const text = joined(parts);
    expect(text).toContain('Corrimos el MARATÓN de Buenos Aires en abril.');
    // Cut on both sides: `…` right before the first word shown and right after the last one.
    expect(text).toMatch(/^…palabra\d+ /u);
    expect(text).toMatch(/ palabra\d+…$/u);
    expect(parts).toHaveLength(3);
    // What is shown is the body as written, word for word.
    expect(body).toContain(text.slice(1, -1));
  });

  it('finds the word by its stem and the last word by prefix, far into the body', () => {
    expect(marked(snippet(body, 'MARATONES'))).toEqual(['MARATÓN']);
    expect(marked(snippet(body, 'marat', 'es', true))).toEqual(['MARATÓN']);
    expect(marked(snippet(body, 'marat'))).toEqual([]);
    expect(marked(snippet(body, 'buenos maraton'))).toEqual(['MARATÓN', 'Buenos']);
  });

  it('shows the first words, unmarked, when the body does not match (a hit by title)', () => {
    const parts = snippet(body, 'biblioteca');
    expect(parts).toHaveLength(1);
    expect(parts[0]!.marked).toBe(false);
    expect(parts[0]!.text).toMatch(/^palabra0 palabra1 palabra2 .* palabra23…$/u);
  });

  it('keeps the text before a match near the start, and the end of the body when shown', () => {
    const start = `Un maratón en abril. ${filler(50_000)}`;
    expect(joined(snippet(start, 'maraton')).startsWith('Un maratón en abril. palabra0')).toBe(
      true,
    );
    const end = `${filler(50_000)}Y al final, el maratón.`;
    const parts = snippet(end, 'maraton');
    expect(marked(parts)).toEqual(['maratón']);
    // The body's own ending, not `…`: nothing after it was left out.
    expect(joined(parts)).toMatch(/^…palabra\d+ .*Y al final, el maratón\.$/u);
  });

  it('does not take a word containing the query for a match, and looks on', () => {
    const inside = `${'start heart party smart '.repeat(3_000)}the art of it. ${filler(5_000, 'word')}`;
    const parts = snippet(inside, 'art', 'en');
    expect(marked(parts)).toEqual(['art']);
    expect(joined(parts)).toContain('smart the art of it. word0');
    const starting = `${'artist, artistic articles. '.repeat(500)}An art. ${filler(5_000, 'word')}`;
    expect(marked(snippet(starting, 'art', 'en'))).toEqual(['art']);
    // As a prefix (SQLite's last word), the first of them match.
    const prefixed = snippet(starting, 'art', 'en', true);
    expect(joined(prefixed).startsWith('artist, artistic articles. artist,')).toBe(true);
    expect(marked(prefixed).slice(0, 3)).toEqual(['artist', 'artistic', 'articles']);
  });

  it('marks the cut where the region ends inside the window', () => {
    // Long words: the region holds fewer words than a window.
    const long = (i: number) => `${'x'.repeat(60)}${i}`;
    const words = Array.from({ length: 3_000 }, (_, i) => long(i));
    words[2_000] = 'maratón';
    const parts = snippet(words.join(' '), 'maraton');
    const text = joined(parts);
    expect(marked(parts)).toEqual(['maratón']);
    expect(text.length).toBeLessThanOrEqual(SNIPPET_REGION + 2);
    expect(text).toMatch(/^…x+1998 x+1999 maratón x+2001 .*x+\d+…$/u);
  });

  it('finds a word whose stem changed its last letter, and Greek final sigma in capitals', () => {
    const english = `${filler(30_000, 'word')}We moved to a city by the sea. ${filler(3_000, 'word')}`;
    expect(marked(snippet(english, 'cities', 'en'))).toEqual(['city']);
    const greek = `${filler(30_000)}ΣΤΗΝ ΟΔΟΣ ΑΘΗΝΑΣ ${filler(3_000)}`;
    expect(marked(snippet(greek, 'οδός', 'el'))).toEqual(['ΟΔΟΣ']);
  });

  it('finds vocalized Arabic for a plain spelling, behind the prefix its stemmer takes off', () => {
    const arabic = `${filler(30_000)}زرنا الْمَكْتَبَةَ العامة وقرأنا كتاباً عن النهر. ${filler(3_000)}`;
    expect(marked(snippet(arabic, 'المكتبة', 'ar'))).toEqual(['الْمَكْتَبَةَ']);
    expect(marked(snippet(arabic, 'مكتبة', 'ar'))).toEqual(['الْمَكْتَبَةَ']);
  });

  it('keeps offsets right after characters whose lower case is longer (İ)', () => {
    const text = `${'İSTANBUL İzmir '.repeat(4_000)}The Bosphorus bridge. ${filler(3_000, 'word')}`;
    expect(marked(snippet(text, 'bosphorus', 'en'))).toEqual(['Bosphorus']);
    expect(marked(snippet(text, 'bosphorus', 'tr'))).toEqual(['Bosphorus']);
    // Cased a letter at a time there: capital sigma meets final sigma all the same.
    const greek = `${'İ '.repeat(20_000)}ΣΤΗΝ ΟΔΟΣ ΑΘΗΝΑΣ ${filler(3_000)}`;
    expect(marked(snippet(greek, 'οδός', 'el'))).toEqual(['ΟΔΟΣ']);
  });

  it('finds words in scripts written without spaces', () => {
    const thai = `${'ภาษาไทยง่าย'.repeat(2_000)}สวัสดี${'ภาษาไทยง่าย'.repeat(200)}`;
    const parts = snippet(thai, 'สวัสดี', 'th');
    expect(marked(parts)).toEqual(['สวัสดี']);
    expect(joined(parts)).toMatch(/^….*สวัสดี.*…$/u);
  });
});

describe('snippetRegion', () => {
  it('is the whole of a text of at most SNIPPET_REGION characters', () => {
    const text = filler(SNIPPET_REGION);
    expect(region(text, 'palabra30')).toEqual({ start: 0, end: text.length });
    expect(region('', 'x')).toEqual({ start: 0, end: 0 });
  });

  it('bounds the text analysed, however long the text, and holds the first match', () => {
    const deep = `${filler(150_000)}el maratón ${filler(50_000)}`;
    const texts: [string, string][] = [
      [deep, 'maraton'],
      [deep, 'ninguna'],
      ['x'.repeat(200_000), 'y'], // no white space at all
      [`${'x'.repeat(100_000)} maraton ${'y'.repeat(100_000)}`, 'maraton'],
      [`${'—'.repeat(100_000)} y por fin palabras`, 'nada'],
    ];
    for (const [text, query] of texts) {
      const { start, end } = region(text, query);
      expect(end - start, query).toBeLessThanOrEqual(SNIPPET_REGION);
      expect(start, query).toBeGreaterThanOrEqual(0);
      expect(end, query).toBeLessThanOrEqual(text.length);
      expect(end, query).toBeGreaterThan(start);
    }
    const found = region(deep, 'maraton');
    expect(deep.slice(found.start, found.end)).toContain('el maratón');
    expect(found.start).toBeGreaterThan(149_000);
  });

  it('cuts at white space', () => {
    const text = `${filler(150_000)}el maratón ${filler(50_000)}`;
    const { start, end } = region(text, 'maraton');
    expect(text.charAt(start - 1)).toBe(' ');
    expect(text.charAt(start)).not.toBe(' ');
    expect(text.charAt(end)).toBe(' ');
  });

  it('starts at the first words when nothing matches, past leading punctuation', () => {
    const text = `${'— '.repeat(10_000)}y por fin palabras ${filler(5_000)}`;
    const first = text.indexOf('y por fin');
    const { start, end } = region(text, 'nada');
    expect(start).toBeLessThanOrEqual(first);
    expect(end).toBeGreaterThan(first + 100);
    expect(joined(snippet(text, 'nada')).startsWith('…y por fin palabras palabra0')).toBe(true);
    expect(region(filler(5_000), 'nada').start).toBe(0);
  });

  it('never splits a surrogate pair where it has to cut without white space', () => {
    const text = `a${'𝒳'.repeat(100_000)}`;
    const { start, end } = region(text, 'x');
    expect(start).toBe(0);
    // Units 1 and 2 are the first pair: an odd end is between two pairs.
    expect(end % 2).toBe(1);
    expect(end).toBeGreaterThan(SNIPPET_REGION - 2);
    expect(end).toBeLessThanOrEqual(SNIPPET_REGION);
  });
});

/**
 * Accept-Encoding negotiation: q-values, refusals, `*`, the implicit identity, br before gzip on
 * ties, and garbled headers that must never make us send a coding the reader did not accept.
 */
import { describe, expect, it } from 'vitest';
import { chooseEncoding, varyWith, weightsOf } from './accept-encoding.js';
import type { Coding } from './accept-encoding.js';

const ALL: readonly Coding[] = ['br', 'gzip', 'identity'];

describe('chooseEncoding', () => {
  it.each([
    ['no header at all', undefined, 'identity'],
    ['an empty header', '', 'identity'],
    ['blank', '  ', 'identity'],
    ['br', 'br', 'br'],
    ['gzip', 'gzip', 'gzip'],
    ['identity', 'identity', 'identity'],
    ['Chrome and Firefox', 'gzip, deflate, br, zstd', 'br'],
    ['curl --compressed', 'deflate, gzip, br, zstd', 'br'],
    ['gzip listed first, equal q: br', 'gzip, br', 'br'],
    ['gzip weighed higher', 'gzip;q=1, br;q=0.9', 'gzip'],
    ['br refused', 'br;q=0, gzip', 'gzip'],
    ['both refused', 'br;q=0, gzip;q=0', 'identity'],
    ['a coding we do not make', 'deflate', 'identity'],
    ['x-gzip is gzip', 'x-gzip', 'gzip'],
    ['case-insensitive', 'BR;Q=0.5, GZip;q=0.4', 'br'],
    ['spaces around the parts', ' gzip ; q=0.8 ,  br ; q=0.7 ', 'gzip'],
    ['identity preferred explicitly', 'identity, gzip;q=0.5', 'identity'],
    ['a low q still beats an identity nobody listed', 'gzip;q=0.001', 'gzip'],
    ['identity listed with the same q: br wins the tie', 'identity;q=0.5, br;q=0.5', 'br'],
    ['* accepts every coding', '*', 'br'],
    ['* with br refused', '*, br;q=0', 'gzip'],
    ['* below a listed coding', '*;q=0.5, gzip', 'gzip'],
    ['gzip refused, * for the rest', 'gzip;q=0, *', 'br'],
    ['everything refused: identity anyway, never a 406', '*;q=0', 'identity'],
    ['identity refused, nothing else offered', 'identity;q=0', 'identity'],
    ['a coding listed twice keeps its higher q', 'br;q=0, br;q=0.5, gzip;q=0.4', 'br'],
    ['an extra parameter', 'gzip;level=9', 'gzip'],
    ['empty elements', ',,gzip,,', 'gzip'],
    ['three decimals', 'br;q=0.001, gzip;q=0.0', 'br'],
    ['1.000 is one', 'gzip;q=1.000, br;q=0.999', 'gzip'],
  ])('%s (%j) → %s', (_label, header, expected) => {
    expect(chooseEncoding(header, ALL)).toBe(expected);
  });

  it.each([
    ['q above 1', 'br;q=2, gzip'],
    ['q not a number', 'br;q=abc, gzip'],
    ['four decimals', 'br;q=0.0001, gzip'],
    ['1.5', 'br;q=1.5, gzip'],
    ['an empty q', 'br;q=, gzip'],
    ['a negative q', 'br;q=-1, gzip'],
  ])('ignores an element with a malformed q: %s', (_label, header) => {
    expect(chooseEncoding(header, ALL)).toBe('gzip');
  });

  it('never sends a coding the page does not have', () => {
    expect(chooseEncoding('br, gzip', ['gzip', 'identity'])).toBe('gzip');
    expect(chooseEncoding('br', ['gzip', 'identity'])).toBe('identity');
    expect(chooseEncoding('br, gzip', ['identity'])).toBe('identity');
    expect(chooseEncoding('*', [])).toBe('identity');
  });

  it('answers the same for a header it has seen before', () => {
    const header = 'gzip;q=0.9, br;q=0.8';
    expect(chooseEncoding(header, ALL)).toBe('gzip');
    expect(chooseEncoding(header, ALL)).toBe('gzip');
    expect(chooseEncoding(header, ['br', 'identity'])).toBe('br');
  });

  it('keeps answering once it has seen many distinct headers', () => {
    for (let i = 0; i < 600; i++)
      chooseEncoding(`gzip;q=0.${String(i % 1000).padStart(3, '0')}`, ALL);
    expect(chooseEncoding('gzip;q=0.5', ALL)).toBe('gzip');
    expect(chooseEncoding('br', ALL)).toBe('br');
  });
});

describe('weightsOf', () => {
  it('gives an unlisted identity a weight below any stated q, and * to unlisted codings', () => {
    const weights = weightsOf('*;q=0.3, gzip;q=0.001');
    expect(weights).toEqual({ br: 0.3, gzip: 0.001, identity: 0.3 });
    const implicit = weightsOf('gzip;q=0.001');
    expect(implicit.identity).toBeGreaterThan(0);
    expect(implicit.identity).toBeLessThan(0.001);
  });
});

describe('varyWith', () => {
  it.each([
    ['nothing yet', undefined, 'Accept-Encoding'],
    ['an empty value', '', 'Accept-Encoding'],
    ['other fields', 'Accept-Language, Cookie', 'Accept-Language, Cookie, Accept-Encoding'],
    ['already there, other case', 'cookie,accept-encoding', 'cookie, accept-encoding'],
    ['*', '*', '*'],
    ['a list of values', ['Cookie', 'Accept-Encoding'], 'Cookie, Accept-Encoding'],
    ['a list without it', ['Cookie'], 'Cookie, Accept-Encoding'],
  ])('%s', (_label, existing, expected) => {
    expect(varyWith(existing, 'Accept-Encoding')).toBe(expected);
  });
});

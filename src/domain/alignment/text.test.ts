import { describe, expect, it } from 'vitest';
import { normalizeWhitespace, stripCodes } from './text.js';

describe('stripCodes', () => {
  it('removes paired and standalone codes and decodes entities once', () => {
    expect(
      stripCodes('Join <pc id="1">the session</pc> at <ph id="2"/> &lt;now&gt; &amp; here'),
    ).toBe('Join the session at  <now> & here');
    expect(stripCodes('&amp;lt; stays literal')).toBe('&lt; stays literal');
    expect(stripCodes('<pc id="1" type="link"><pc id="2">a</pc></pc>b<ph id="3" />')).toBe('ab');
  });
});

describe('normalizeWhitespace', () => {
  it('collapses runs of any whitespace and trims', () => {
    expect(normalizeWhitespace('  a \n\t b\u00a0\u00a0c  ')).toBe('a b c');
    expect(normalizeWhitespace('')).toBe('');
  });
});

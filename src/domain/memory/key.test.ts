import { describe, expect, it } from 'vitest';
import { CODE_CHARS, keyLength, matchKey, prefilterText } from './key.js';

describe('matchKey', () => {
  it('makes each inline code one character, whatever its id or markup', () => {
    expect(matchKey('Join <pc id="1">the session</pc> at <ph id="2"/>')).toBe(
      `Join ${CODE_CHARS.open}the session${CODE_CHARS.close} at ${CODE_CHARS.placeholder}`,
    );
    expect(matchKey('Join <pc id="7">the session</pc> at <ph id="9"/>')).toBe(
      matchKey('Join <pc id="1">the session</pc> at <ph id="2"/>'),
    );
  });
  it('decodes entities, collapses whitespace, trims and normalizes to NFC', () => {
    expect(matchKey('  Tom &amp;\n\tJerry  ')).toBe('Tom & Jerry');
    expect(matchKey('Cafe\u0301')).toBe('Café');
  });
  it('keeps case, and text that looks like a code character cannot pass for one', () => {
    expect(matchKey('Thank You')).toBe('Thank You');
    expect(matchKey(`a${CODE_CHARS.open}b`)).toBe('a\uFFFDb');
  });
  it('keeps a malformed tag as typed text', () => {
    expect(matchKey('a <b>bold</b>')).toBe('a <b>bold</b>');
  });
});

describe('prefilterText', () => {
  it('drops codes and private-use characters and folds case', () => {
    expect(prefilterText(matchKey('Read <pc id="1">The Guide</pc>!'))).toBe('read the guide!');
    expect(prefilterText('a\uF000\uF040\uF101b')).toBe('ab');
  });
  it('measures keys in UTF-16 code units', () => {
    expect(keyLength('😀a')).toBe(3);
  });
});

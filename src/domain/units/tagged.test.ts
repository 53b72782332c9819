import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textValue } from './arbitraries.testing.js';
import { escapeTagged, parseTagged, plainText, serializeTagged, TaggedTextError } from './index.js';

describe('parseTagged', () => {
  it('reads text, paired and standalone codes', () => {
    expect(
      parseTagged('Join <pc id="1">the <pc id="2">session</pc></pc> at <ph id="3"/>.'),
    ).toEqual([
      { type: 'text', value: 'Join ' },
      {
        type: 'pc',
        id: '1',
        children: [
          { type: 'text', value: 'the ' },
          { type: 'pc', id: '2', children: [{ type: 'text', value: 'session' }] },
        ],
      },
      { type: 'text', value: ' at ' },
      { type: 'ph', id: '3' },
      { type: 'text', value: '.' },
    ]);
  });

  it('decodes the three entities and reads a bare & or > as itself', () => {
    expect(parseTagged('a &amp; b &lt;i&gt; & c > d &quot;')).toEqual([
      { type: 'text', value: 'a & b <i> & c > d &quot;' },
    ]);
  });

  it('accepts single quotes, no quotes, spaces and a closing tag naming its code', () => {
    expect(parseTagged("<pc id='1'>x</pc id=1><ph id=2 />")).toEqual([
      { type: 'pc', id: '1', children: [{ type: 'text', value: 'x' }] },
      { type: 'ph', id: '2' },
    ]);
  });

  it.each([
    ['<b>x</b>', 'markup'],
    ['<script>alert(1)</script>', 'markup'],
    ['<!-- c -->', 'markup'],
    ['3 < 4', 'malformed'],
    ['<pc>x</pc>', 'malformed'],
    ['<ph id="1">', 'malformed'],
    ['<pc id="1">x', 'bad_nesting'],
    ['x</pc>', 'bad_nesting'],
    ['<pc id="1"><pc id="2">x</pc id="1"></pc>', 'bad_nesting'],
  ])('refuses %s (%s)', (input, reason) => {
    expect(() => parseTagged(input)).toThrow(TaggedTextError);
    expect(() => parseTagged(input)).toThrow(expect.objectContaining({ reason }));
  });
});

describe('serializeTagged and escaping', () => {
  it('writes the canonical form', () => {
    expect(serializeTagged(parseTagged("<pc id='1'>a &amp; b</pc id=1><ph id=2 />"))).toBe(
      '<pc id="1">a &amp; b</pc><ph id="2"/>',
    );
  });

  it('round-trips any text through escaping', () => {
    fc.assert(
      fc.property(fc.oneof(textValue, fc.string({ minLength: 1 })), (value) => {
        expect(parseTagged(escapeTagged(value))).toEqual([{ type: 'text', value }]);
        expect(plainText(escapeTagged(value))).toBe(value);
      }),
    );
  });
});

describe('plainText', () => {
  it('drops codes and decodes entities', () => {
    expect(plainText('Join <pc id="1">the session</pc> at <ph id="2"/> &amp; more')).toBe(
      'Join the session at  & more',
    );
  });

  it('never throws, keeping what is not a code as typed', () => {
    expect(plainText('a <b>x</b> < c')).toBe('a <b>x</b> < c');
  });
});

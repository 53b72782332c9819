import { describe, expect, it } from 'vitest';
import { checkTarget } from '../../domain/units/check.js';
import {
  fromShorthand,
  insertCode,
  shorthandMessage,
  sourceParts,
  toShorthand,
} from './shorthand.js';

const roundTrip = (tagged: string): string => fromShorthand(toShorthand(tagged));

describe('shorthand ⇄ tagged', () => {
  it('writes codes compactly and back', () => {
    const tagged = 'Join <pc id="1">the <pc id="2">session</pc></pc> at <ph id="3"/>';
    expect(toShorthand(tagged)).toBe('Join {1}the {2}session{/2}{/1} at {3/}');
    expect(roundTrip(tagged)).toBe(tagged);
  });

  it('shows entities as the characters they stand for and escapes what is typed', () => {
    expect(toShorthand('a &lt;b&gt; &amp; c')).toBe('a <b> & c');
    expect(fromShorthand('<b>x</b> & y')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; y');
    expect(roundTrip('a &lt;b&gt; &amp; c')).toBe('a &lt;b&gt; &amp; c');
  });

  it('keeps a literal {1} in text literal, with backslashes before it intact', () => {
    for (const text of ['{1}', '\\{1}', '\\\\{/2}', 'set {x} and {1/}']) {
      const tagged = `<pc id="1">${text.replaceAll('&', '&amp;')}</pc>`;
      expect(roundTrip(tagged)).toBe(tagged);
      expect(
        checkTarget(
          {
            path: 't',
            kind: 'paragraph',
            text: tagged,
            codes: { 1: { kind: 'pc', label: 'bold' } },
          },
          roundTrip(tagged),
        ),
      ).toEqual([]);
    }
    expect(toShorthand('{1}')).toBe('\\{1}');
    expect(fromShorthand('\\{1}')).toBe('{1}');
  });

  it('round-trips right-to-left text with codes unchanged', () => {
    const tagged = 'انضم إلى <pc id="1">الجلسة</pc> في <ph id="2"/> &lt;مهم&gt;';
    expect(toShorthand(tagged)).toBe('انضم إلى {1}الجلسة{/1} في {2/} <مهم>');
    expect(roundTrip(tagged)).toBe(tagged);
  });

  it('bidi-isolates codes for right-to-left textareas and drops the isolates again', () => {
    const tagged = 'انضم إلى <pc id="1">الجلسة</pc> في <ph id="2"/>';
    const typed = toShorthand(tagged, true);
    expect(typed).toBe('انضم إلى \u2066{1}\u2069الجلسة\u2066{/1}\u2069 في \u2066{2/}\u2069');
    expect(fromShorthand(typed)).toBe(tagged);
    expect(fromShorthand(toShorthand('<pc id="1">\\{1}</pc>', true))).toBe('<pc id="1">\\{1}</pc>');
    const inserted = insertCode(
      { value: 'الجلسة', selectionStart: 0, selectionEnd: 6 },
      '1',
      'pc',
      true,
    );
    expect(fromShorthand(inserted.value)).toBe('<pc id="1">الجلسة</pc>');
  });

  it('keeps the id of a code closed out of order so the checks can name it', () => {
    const tagged = fromShorthand('{1}a{2}b{/1}c{/2}');
    expect(tagged).toBe('<pc id="1">a<pc id="2">b</pc id="1">c</pc>');
    const problems = checkTarget(
      {
        path: 'x',
        kind: 'paragraph',
        text: '<pc id="1">a<pc id="2">b</pc></pc>',
        codes: { 1: { kind: 'pc', label: 'bold' }, 2: { kind: 'pc', label: 'italic' } },
      },
      tagged,
    );
    expect(problems.map((p) => p.code)).toContain('bad_nesting');
  });

  it('rewrites tag syntax in check messages as the shorthand', () => {
    expect(shorthandMessage('The bold text (code 1) wraps text: write <pc id="1">…</pc>')).toBe(
      'The bold text (code 1) wraps text: write {1}…{/1}',
    );
    expect(shorthandMessage('stands alone: write <ph id="2"/>')).toBe('stands alone: write {2/}');
  });

  it('splits a source into text and chips', () => {
    expect(sourceParts('a <pc id="1">b</pc> <ph id="2"/>')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'chip', id: '1', edge: 'open' },
      { type: 'text', text: 'b' },
      { type: 'chip', id: '1', edge: 'close' },
      { type: 'text', text: ' ' },
      { type: 'chip', id: '2', edge: 'single' },
    ]);
  });
});

describe('insertCode', () => {
  it('wraps the selection in a paired code and puts the caret after it', () => {
    expect(
      insertCode({ value: 'see the docs', selectionStart: 4, selectionEnd: 12 }, '1', 'pc'),
    ).toEqual({
      value: 'see {1}the docs{/1}',
      selectionStart: 19,
      selectionEnd: 19,
    });
  });

  it('leaves the caret inside an empty paired code', () => {
    expect(insertCode({ value: 'ab', selectionStart: 1, selectionEnd: 1 }, '2', 'pc')).toEqual({
      value: 'a{2}{/2}b',
      selectionStart: 4,
      selectionEnd: 4,
    });
  });

  it('inserts a standalone code after the selection without deleting it', () => {
    expect(
      insertCode({ value: 'line one', selectionStart: 0, selectionEnd: 4 }, '3', 'ph'),
    ).toEqual({
      value: 'line{3/} one',
      selectionStart: 8,
      selectionEnd: 8,
    });
  });

  it('handles a backwards selection', () => {
    expect(insertCode({ value: 'abc', selectionStart: 2, selectionEnd: 1 }, '1', 'pc').value).toBe(
      'a{1}b{/1}c',
    );
  });
});

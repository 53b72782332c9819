import { describe, expect, it } from 'vitest';
import { NUL_MESSAGE, surrogateMessage, textProblem, textProblems } from './text-input.js';

describe('textProblem', () => {
  it.each([
    ['plain ASCII', 'hello'],
    ['an emoji (a surrogate pair)', 'party 🎉'],
    ['a mathematical letter', '𝕏'],
    ['CJK Extension B', '𠀀𪜀'],
    ['a ZWJ sequence with a skin tone', '👩🏽‍💻'],
    ['the replacement character itself', '\uFFFD'],
    ['a pair at the very end', 'x\uD83D\uDE00'],
    ['the empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(textProblem(text)).toBeNull();
  });

  it.each([
    ['a NUL', 'a\u0000b', NUL_MESSAGE],
    ['a lone high surrogate at the end', 'abc\uD800', surrogateMessage(0xd800)],
    ['a lone high surrogate before a letter', '\uDBFFx', surrogateMessage(0xdbff)],
    ['a lone low surrogate', 'x\uDC00', surrogateMessage(0xdc00)],
    ['a pair in the wrong order', '\uDE00\uD83D', surrogateMessage(0xde00)],
    ['two high surrogates then a low one', '\uD83D\uD83D\uDE00', surrogateMessage(0xd83d)],
  ])('refuses %s', (_name, text, message) => {
    expect(textProblem(text)).toBe(message);
  });

  it('names the code unit in upper-case hex', () => {
    expect(surrogateMessage(0xdabc)).toBe(
      'contains an unpaired surrogate (U+DABC) — the text is not valid Unicode',
    );
  });
});

describe('textProblems', () => {
  it('names fields by path through objects and arrays, in document order', () => {
    expect(
      textProblems({
        title: 'ok',
        tags: ['a', 'b\u0000', { name: '\uD800' }],
        units: { u1: { text: 'fine' }, u2: { text: '\uDC00' } },
      }),
    ).toEqual([
      { field: 'tags.1', message: NUL_MESSAGE },
      { field: 'tags.2.name', message: surrogateMessage(0xd800) },
      { field: 'units.u2.text', message: surrogateMessage(0xdc00) },
    ]);
  });

  it('checks keys too, names them printably, in document order', () => {
    expect(textProblems({ a: '\u0000', 'ti\u0000tle': 'x', z: { '\uD800': 1 } })).toEqual([
      { field: 'a', message: NUL_MESSAGE },
      { field: 'ti?tle', message: `name ${NUL_MESSAGE}` },
      { field: 'z.?', message: `name ${surrogateMessage(0xd800)}` },
    ]);
  });

  it('walks null-prototype records (parsed query strings, router params)', () => {
    const query = Object.assign(Object.create(null) as Record<string, unknown>, { q: 'a\u0000' });
    // find-my-way's params: an object whose prototype itself has no prototype.
    const nullPrototype: object = Object.create(null) as object;
    const params = Object.assign(Object.create(nullPrototype) as Record<string, unknown>, {
      slug: '\uD800',
    });
    expect(textProblems(query)).toEqual([{ field: 'q', message: NUL_MESSAGE }]);
    expect(textProblems(params)).toEqual([{ field: 'slug', message: surrogateMessage(0xd800) }]);
  });

  it('names a bare string by its root, or `input`', () => {
    expect(textProblems('\u0000', 'body')).toEqual([{ field: 'body', message: NUL_MESSAGE }]);
    expect(textProblems('\u0000')).toEqual([{ field: 'input', message: NUL_MESSAGE }]);
  });

  it('skips what is not text: numbers, Buffers, dates', () => {
    expect(
      textProblems({ n: 1, b: Buffer.from([0, 0xd8]), d: new Date(0), nothing: null }),
    ).toEqual([]);
  });

  it('survives deep nesting without exhausting the stack', () => {
    let value: unknown = 'deep\u0000';
    for (let i = 0; i < 200_000; i += 1) value = [value];
    expect(textProblems(value)).toEqual([{ field: `…${'.0'.repeat(15)}`, message: NUL_MESSAGE }]);
  });

  it('stops after twenty problems', () => {
    expect(textProblems(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});

/**
 * `next` survives only as a same-origin path, percent-encoded (ASCII: a valid Location header).
 * The nasty inputs are the ones browsers would follow off-site or Node would refuse as a header.
 */
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.js';

describe('safeNext', () => {
  it.each([
    ['a tab after the slash', '/\t/evil.example'],
    ['a percent-encoded tab', '/%09/evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['a backslash later on', '/a\\b'],
    ['an absolute URL', 'https://evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['CR/LF (header injection)', '/a\r\nSet-Cookie:x'],
    ['a percent-encoded CR/LF', '/a%0d%0aSet-Cookie:x'],
    ['a NUL', '/a\u0000b'],
    ['a C1 control', '/a\u0085b'],
    ['dot segments resolving to //', '/..//evil.example'],
    ['a percent-encoded backslash', '/%5cevil.example'],
    ['a relative path', 'write'],
    ['an empty string', ''],
    ['no string at all', undefined],
    ['an array (repeated field)', ['/a', '/b']],
  ])('refuses %s', (_label, value) => {
    expect(safeNext(value)).toBe('/');
  });

  it.each([
    ['/write', '/write'],
    ['/es/posts/meeting?page=2#comments', '/es/posts/meeting?page=2#comments'],
    ['/ünïcödé?q=ß', '/%C3%BCn%C3%AFc%C3%B6d%C3%A9?q=%C3%9F'],
    ['/translate/a b', '/translate/a%20b'],
    ['/%C3%BC', '/%C3%BC'],
    ['/a/../b', '/b'],
  ])('keeps the same-origin path %j as %j', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });

  it('always answers a valid Location header value (ASCII, no spaces)', () => {
    for (const value of ['/✓', '/日本語?x=٣#ü', '/a b\u00a0c', '/\u{1F600}'])
      expect(safeNext(value)).toMatch(/^\/[\x21-\x7e]*$/);
  });
});

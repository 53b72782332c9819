import { describe, expect, it } from 'vitest';
import { MAX_REDIRECT_LENGTH, redirectKey, redirectTarget } from './redirect-key.js';

describe('redirectKey', () => {
  it.each([
    ['/?p=123', '/?p=123'],
    ['?p=123', '/?p=123'],
    ['/?page_id=7', '/?page_id=7'],
    ['/2024/03/05/hello-world/', '/2024/03/05/hello-world'],
    ['/2024/03/05/hello-world', '/2024/03/05/hello-world'],
    ['/es/2024/03/05/hola-mundo/', '/es/2024/03/05/hola-mundo'],
    ['/category/news/africa/', '/category/news/africa'],
    ['/tag/kenya/', '/tag/kenya'],
    ['/author/amina/', '/author/amina'],
    ['/feed/', '/feed'],
    ['/es/feed/', '/es/feed'],
    ['/blog/2024/03/05/x/', '/blog/2024/03/05/x'],
    ['/', '/'],
    ['', '/'],
    ['//', '/'],
    ['/x///', '/x'],
  ])('%s → %s', (input, key) => {
    expect(redirectKey(input)).toBe(key);
  });

  it('decodes percent-escapes and puts the text in NFC, lower-casing nothing', () => {
    expect(redirectKey('/2024/03/05/caf%C3%A9/')).toBe('/2024/03/05/café');
    expect(redirectKey('/2024/03/05/café/')).toBe('/2024/03/05/café');
    expect(redirectKey('/2024/03/05/cafe%CC%81/')).toBe('/2024/03/05/café');
    expect(redirectKey('/Tag/Kenya/')).toBe('/Tag/Kenya');
    expect(redirectKey('/tag/%D9%83%D9%8A%D9%86%D9%8A%D8%A7')).toBe('/tag/كينيا');
  });

  it('refuses invalid escapes and control characters', () => {
    expect(redirectKey('/caf%C3')).toBeNull();
    expect(redirectKey('/100%')).toBeNull();
    expect(redirectKey('/%ZZ')).toBeNull();
    expect(redirectKey('/a%00b')).toBeNull();
    expect(redirectKey('/?p=%E0%A4')).toBeNull();
    expect(redirectKey('/?p=1%0A')).toBeNull();
  });

  it('is its own key (a literal %, ? or # in a path stays escaped)', () => {
    for (const input of [
      '/100%25-sure/',
      '/what%3F/',
      '/c%23/',
      '/2024/03/05/caf%C3%A9/?utm_source=x&p=1',
      '/?tag=a+b',
      '/?tag=a%26b',
    ]) {
      const key = redirectKey(input);
      expect(key).not.toBeNull();
      expect(redirectKey(key ?? '')).toBe(key);
    }
    expect(redirectKey('/100%25-sure/')).toBe('/100%25-sure');
    expect(redirectKey('/?tag=a+b')).toBe('/?tag=a%20b');
  });

  it('keeps only the identifying parameters, sorted', () => {
    expect(redirectKey('/?utm_source=news&p=123&utm_medium=mail')).toBe('/?p=123');
    expect(redirectKey('/?utm_source=news')).toBe('/');
    expect(redirectKey('/?lang=es&p=4')).toBe('/?lang=es&p=4');
    expect(redirectKey('/?p=4&lang=es')).toBe('/?lang=es&p=4');
    expect(redirectKey('/blog/?cat=3&replytocom=9')).toBe('/blog?cat=3');
    expect(redirectKey('/?feed=rss2')).toBe('/?feed=rss2');
    expect(redirectKey('/?author=2&tag=kenya&cat=1&page_id=3')).toBe(
      '/?author=2&cat=1&page_id=3&tag=kenya',
    );
    expect(redirectKey('/?P=1')).toBe('/');
    expect(redirectKey('/x/#comments')).toBe('/x');
  });

  it('accepts a full URL', () => {
    expect(redirectKey('https://old.example/blog/x/')).toBe('/blog/x');
    expect(redirectKey('http://old.example/?p=5&utm_campaign=y')).toBe('/?p=5');
    expect(redirectKey('https://old.example')).toBe('/');
    expect(redirectKey('https://old.example/caf%C3%A9/')).toBe('/café');
    expect(redirectKey('https://[bad/x')).toBeNull();
  });

  it('refuses what is not an address on the old site', () => {
    expect(redirectKey('hello-world/')).toBeNull();
    expect(redirectKey('/' + 'a'.repeat(MAX_REDIRECT_LENGTH))).toBeNull();
    expect(redirectKey('/' + 'a'.repeat(MAX_REDIRECT_LENGTH - 1))).not.toBeNull();
  });
});

describe('redirectTarget', () => {
  it('accepts a path on this site, percent-encoding what is not ASCII', () => {
    expect(redirectTarget('/posts/abc')).toBe('/posts/abc');
    expect(redirectTarget('/')).toBe('/');
    expect(redirectTarget('/es/2024/03/05/café')).toBe('/es/2024/03/05/caf%C3%A9');
    expect(redirectTarget('/es/2024/03/05/caf%C3%A9?x=1#y')).toBe('/es/2024/03/05/caf%C3%A9?x=1#y');
  });

  it.each([
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['/a\\b'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['posts/abc'],
    [''],
    ['/\t/evil.example'],
    ['/a b'],
    ['/a\nLocation: x'],
    ['/\ud800'],
    ['/' + 'a'.repeat(MAX_REDIRECT_LENGTH)],
  ])('refuses %j', (target) => {
    expect(redirectTarget(target)).toBeNull();
  });
});

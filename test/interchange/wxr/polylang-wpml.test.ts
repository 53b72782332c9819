import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parsePolylangGroup,
  parsePolylangLanguage,
  polylangGroupSlug,
  polylangLanguage,
} from '../../../src/interchange/wxr/polylang.js';
import { readWxr, type WxrItem, type WxrTerm } from '../../../src/interchange/wxr/read-wxr.js';
import { wpmlInfo } from '../../../src/interchange/wxr/wpml.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/wxr/site.xml', import.meta.url));

async function fixture() {
  const items = new Map<number, WxrItem>();
  const terms: WxrTerm[] = [];
  await readWxr([readFileSync(FIXTURE)], {
    item: (i) => void items.set(i.postId, i),
    term: (t) => void terms.push(t),
  });
  return { items, terms };
}

describe('Polylang', () => {
  it('reads the fixture group, its languages and each post language', async () => {
    const { items, terms } = await fixture();
    const group = terms.find((t) => t.kind === 'post_translations');
    expect(group?.slug).toBe('pll_5f3a9c1e2b7d4');
    expect(parsePolylangGroup(group?.description ?? '')).toEqual(
      new Map([
        ['en', 110],
        ['es', 111],
        ['fr', 112],
      ]),
    );
    const languages = terms
      .filter((t) => t.kind === 'language')
      .map((t) => [t.slug, parsePolylangLanguage(t.description)]);
    expect(languages).toEqual([
      ['en', { locale: 'en_GB', rtl: false }],
      ['es', { locale: 'es_ES', rtl: false }],
      ['fr', { locale: 'fr_FR', rtl: false }],
    ]);
    expect([110, 111, 112].map((id) => polylangLanguage(items.get(id)!))).toEqual([
      'en',
      'es',
      'fr',
    ]);
    expect(polylangGroupSlug(items.get(111)!)).toBe('pll_5f3a9c1e2b7d4');
    expect(polylangLanguage(items.get(101)!)).toBeNull();
    expect(polylangGroupSlug(items.get(101)!)).toBeNull();
  });

  it('parses the documented form', () => {
    expect(parsePolylangGroup('a:3:{s:2:"en";i:12;s:2:"es";i:14;s:2:"fr";i:15;}')).toEqual(
      new Map([
        ['en', 12],
        ['es', 14],
        ['fr', 15],
      ]),
    );
    expect(parsePolylangGroup('a:1:{s:5:"pt-br";i:7;}')).toEqual(new Map([['pt-br', 7]]));
  });

  it('answers null, never throws, for bad or hostile input', () => {
    const entries = (n: number) =>
      `a:${n}:{${Array.from({ length: n }, (_, i) => `s:2:"${String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))}";i:${i + 1};`).join('')}}`;
    const hostile = [
      '',
      'not serialized',
      'a:3:{s:2:"en";i:12;', // truncated
      'O:8:"stdClass":1:{s:2:"en";i:1;}', // an object
      'a:1:{s:2:"en";O:7:"Exploit":0:{}}', // an object inside
      'C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}',
      'a:1:{s:11:"constructor";i:1;}',
      'a:1:{s:9:"__proto__";i:1;}',
      'a:2:{i:0;i:1;i:1;i:2;}', // a list, not slugs
      'a:1:{s:2:"en";s:2:"12";}', // a string id
      'a:1:{s:2:"en";i:-1;}',
      'a:1:{s:2:"en";i:0;}',
      'a:1:{s:2:"en";i:99999999999999999999;}', // BigInt
      'a:1:{s:2:"en";d:1.5;}',
      'a:1:{s:2:"en";b:1;}',
      'a:1:{s:2:"en";N;}',
      'a:1:{s:999:"en";i:1;}', // a length past the end
      'a:0:{}',
      'a:99999:{s:2:"en";i:1;}',
      entries(201),
      `a:1:{s:2:"en";${'a:1:{i:0;'.repeat(3000)}i:1;${'}'.repeat(3000)}}`, // deep
      `a:1:{s:70000:"${'x'.repeat(70000)}";i:1;}`, // over 64 KB
      's:5:"hello";',
      'i:5;',
      'b:0;',
    ];
    for (const input of hostile) {
      expect(() => parsePolylangGroup(input)).not.toThrow();
      expect(parsePolylangGroup(input), input.slice(0, 60)).toBeNull();
      expect(() => parsePolylangLanguage(input)).not.toThrow();
    }
    expect(parsePolylangGroup(entries(200))?.size).toBe(200);
    expect(parsePolylangLanguage('a:1:{s:6:"locale";s:9:"<script>";}')).toBeNull();
  });
});

describe('WPML', () => {
  it('reads the language, source language and group from the import meta', async () => {
    const { items } = await fixture();
    expect(wpmlInfo(items.get(120)!)).toEqual({
      language: 'en',
      sourceLanguage: null,
      group: '77',
    });
    expect(wpmlInfo(items.get(121)!)).toEqual({
      language: 'es',
      sourceLanguage: 'en',
      group: '77',
    });
    expect(wpmlInfo(items.get(101)!)).toBeNull();
    expect(wpmlInfo({ meta: [{ key: '_wpml_import_language_code', value: ' fr ' }] })).toEqual({
      language: 'fr',
      sourceLanguage: null,
      group: null,
    });
  });
});

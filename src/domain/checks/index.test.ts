import { describe, expect, it } from 'vitest';
import { checkIds, checkQuality, CHECK_MESSAGES, findingIdentity } from './index.js';

describe('checkQuality', () => {
  it('returns nothing for a good translation in English, German, Arabic and Japanese', () => {
    const source = 'Join <pc id="1">the session</pc> at 10:30 with 1,000 others.';
    const codes = { '1': { kind: 'pc' as const, type: 'link', label: 'link → https://x.org' } };
    for (const [targetLanguage, target] of [
      ['de', 'Komm um 10:30 mit 1.000 anderen zu <pc id="1">der Sitzung</pc>.'],
      ['ar', 'انضم إلى <pc id="1">الجلسة</pc> في ١٠:٣٠ مع ١٬٠٠٠ آخرين.'],
      ['ja', '10:30に1,000人と一緒に<pc id="1">セッション</pc>に参加しましょう。'],
      ['en-GB', 'Join <pc id="1">the session</pc> at 10:30 with 1,000 others.'],
    ] as const) {
      const found = checkQuality({
        source,
        target,
        codes,
        sourceLanguage: 'en',
        targetLanguage,
        glossary: [],
      });
      expect({ targetLanguage, found }).toEqual({ targetLanguage, found: [] });
    }
  });

  it('never throws on malformed or hostile text and says nothing about an empty target', () => {
    for (const target of ['<pc id="1">', '</pc>', '<b>x</b>', '&amp;&lt;', '\uFFFC', '((((', '']) {
      expect(() =>
        checkQuality({
          source: 'Hello (world).',
          target,
          codes: {},
          sourceLanguage: 'en',
          targetLanguage: 'de',
          glossary: [],
        }),
      ).not.toThrow();
    }
    expect(
      checkQuality({
        source: 'Hello.',
        target: '  ',
        codes: {},
        sourceLanguage: 'en',
        targetLanguage: 'de',
        glossary: [],
      }),
    ).toEqual([]);
  });

  it('gives every finding its catalog key and an English message', () => {
    const found = checkQuality({
      source: 'Bring 3 bottles to https://example.org.',
      target: 'bringt  4 Flaschen (mit',
      codes: {},
      sourceLanguage: 'en',
      targetLanguage: 'de',
      glossary: [],
    });
    expect(found.map((f) => f.check)).toEqual([
      'numbers.missing',
      'numbers.extra',
      'urls.missing',
      'punctuation.endMissing',
      'spaces.double',
      'brackets.unbalanced',
    ]);
    for (const f of found) {
      expect(f.key).toBe(`checks.${f.check}`);
      expect(f.message).not.toMatch(/[{}]/);
    }
  });

  it('has an English message for every check id', () => {
    expect(Object.keys(CHECK_MESSAGES).sort()).toEqual([...checkIds].sort());
  });

  it('identifies a finding by its check and params, whatever the key order', () => {
    expect(findingIdentity('numbers.missing', { numbers: '5', count: 1 })).toBe(
      findingIdentity('numbers.missing', { count: 1, numbers: '5' }),
    );
    expect(findingIdentity('numbers.missing', { numbers: '5', count: 1 })).not.toBe(
      findingIdentity('numbers.missing', { numbers: '6', count: 1 }),
    );
  });
});

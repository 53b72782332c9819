import { describe, expect, it } from 'vitest';
import { addressesIn } from './addresses.js';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';

const url = 'https://example.org/events?id=7';
const rows: CheckCase[] = [
  {
    name: 'en kept',
    source: `Details: ${url}.`,
    target: `Details here: ${url}.`,
    targetLanguage: 'en',
    sourceLanguage: 'es',
    expected: [],
  },
  {
    name: 'de kept',
    source: `See ${url}.`,
    target: `Siehe ${url}.`,
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'de changed',
    source: `See ${url}.`,
    target: 'Siehe https://example.de/events?id=7.',
    targetLanguage: 'de',
    expected: ['urls.missing'],
  },
  {
    name: 'ar kept in right-to-left text',
    source: `See ${url}.`,
    target: `انظر ${url}.`,
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar dropped',
    source: `See ${url}.`,
    target: 'انظر الموقع.',
    targetLanguage: 'ar',
    expected: ['urls.missing'],
  },
  {
    name: 'ja kept before 。',
    source: `See ${url}.`,
    target: `${url}を見てください。`,
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'e-mail kept',
    source: 'Write to info@example.org.',
    target: 'Schreib an info@example.org.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'e-mail changed',
    source: 'Write to info@example.org.',
    target: 'اكتب إلى contact@example.org.',
    targetLanguage: 'ar',
    expected: ['emails.missing'],
  },
  {
    name: 'www address',
    source: 'Visit www.example.org today.',
    target: '今日 www.example.com へ。',
    targetLanguage: 'ja',
    expected: ['urls.missing'],
  },
];

describe('addresses', () => {
  it.each(rows)('$name', (row) => {
    const found = [...findingsOf(row, 'urls'), ...findingsOf(row, 'emails')];
    expect(found.map((f) => f.check)).toEqual(row.expected);
  });

  it.each([
    ['See https://example.org/a?b=1.', ['https://example.org/a?b=1']],
    ['(see https://x.org)', ['https://x.org']],
    [
      'https://en.wikipedia.org/wiki/Nairobi_(city).',
      ['https://en.wikipedia.org/wiki/Nairobi_(city)'],
    ],
    ['見て https://example.jp。', ['https://example.jp']],
  ])('finds the address in %s without the sentence punctuation', (text, urls) => {
    expect(addressesIn(text).urls).toEqual(urls);
  });

  it('names the address', () => {
    const [found] = findingsOf(
      {
        name: '',
        source: `See ${url}.`,
        target: 'Siehe dort.',
        targetLanguage: 'de',
        expected: [],
      },
      'urls',
    );
    expect(found?.params).toEqual({ url });
  });
});

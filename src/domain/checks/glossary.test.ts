import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';
import type { CheckGlossaryHit } from './types.js';

const source = 'The conference of Polyphony starts.';
const hit = (overrides: Partial<CheckGlossaryHit>): CheckGlossaryHit => ({
  termId: 'conference',
  term: 'conference',
  start: 4,
  end: 14,
  translation: null,
  doNotTranslate: false,
  forbidden: [],
  ...overrides,
});
const keep = hit({
  termId: 'polyphony',
  term: 'Polyphony',
  start: 18,
  end: 27,
  doNotTranslate: true,
});

const rows: CheckCase[] = [
  {
    name: 'de approved translation used',
    source,
    target: 'Die Konferenz von Polyphony beginnt.',
    targetLanguage: 'de',
    glossary: [hit({ translation: 'Konferenz' })],
    expected: [],
  },
  {
    name: 'de approved translation inflected (substring)',
    source,
    target: 'Die Konferenzen von Polyphony beginnen.',
    targetLanguage: 'de',
    glossary: [hit({ translation: 'Konferenz' })],
    expected: [],
  },
  {
    name: 'de approved translation case-folded',
    source,
    target: 'KONFERENZ von Polyphony.',
    targetLanguage: 'de',
    glossary: [hit({ translation: 'Konferenz' })],
    expected: [],
  },
  {
    name: 'de approved translation missing',
    source,
    target: 'Die Tagung von Polyphony beginnt.',
    targetLanguage: 'de',
    glossary: [hit({ translation: 'Konferenz' })],
    expected: ['glossary.missing'],
  },
  {
    name: 'de forbidden used',
    source,
    target: 'Die Tagung von Polyphony beginnt.',
    targetLanguage: 'de',
    glossary: [hit({ translation: 'Konferenz', forbidden: ['Tagung'] })],
    expected: ['glossary.missing', 'glossary.forbidden'],
  },
  {
    name: 'de forbidden only as part of a word',
    source,
    target: 'Die Konferenz (Tagungsort Polyphony) beginnt.',
    targetLanguage: 'de',
    glossary: [hit({ translation: 'Konferenz', forbidden: ['Tagung'] })],
    expected: [],
  },
  {
    name: 'ru approved translation in another case (by stem)',
    source,
    target: 'Мы были на конференции Polyphony.',
    targetLanguage: 'ru',
    glossary: [hit({ translation: 'конференция' })],
    expected: [],
  },
  {
    name: 'ru approved translation missing',
    source,
    target: 'Мы были на встрече Polyphony.',
    targetLanguage: 'ru',
    glossary: [hit({ translation: 'конференция' })],
    expected: ['glossary.missing'],
  },
  {
    name: 'ar do-not-translate kept',
    source,
    target: 'يبدأ مؤتمر Polyphony.',
    targetLanguage: 'ar',
    glossary: [keep],
    expected: [],
  },
  {
    name: 'ar do-not-translate translated',
    source,
    target: 'يبدأ مؤتمر بوليفوني.',
    targetLanguage: 'ar',
    glossary: [keep],
    expected: ['glossary.keep'],
  },
  {
    name: 'ar approved translation with the article',
    source,
    target: 'يبدأ المؤتمر.',
    targetLanguage: 'ar',
    glossary: [hit({ translation: 'مؤتمر' })],
    expected: [],
  },
  {
    name: 'ja approved translation used',
    source,
    target: 'Polyphonyの会議が始まります。',
    targetLanguage: 'ja',
    glossary: [hit({ translation: '会議' }), keep],
    expected: [],
  },
  {
    name: 'ja approved translation missing',
    source,
    target: 'Polyphonyの集会が始まります。',
    targetLanguage: 'ja',
    glossary: [hit({ translation: '会議' }), keep],
    expected: ['glossary.missing'],
  },
  {
    name: 'en forbidden phrase of two words',
    source: 'Die Konferenz beginnt.',
    sourceLanguage: 'de',
    target: 'The trade fair starts.',
    targetLanguage: 'en',
    glossary: [
      hit({
        term: 'Konferenz',
        start: 4,
        end: 13,
        translation: 'conference',
        forbidden: ['trade fair'],
      }),
    ],
    expected: ['glossary.missing', 'glossary.forbidden'],
  },
  {
    name: 'a term found twice is checked once',
    source: 'Conference, conference.',
    target: 'Tagung, Tagung.',
    targetLanguage: 'de',
    glossary: [
      hit({ start: 0, end: 10, translation: 'Konferenz' }),
      hit({ start: 12, end: 22, translation: 'Konferenz' }),
    ],
    expected: ['glossary.missing'],
  },
];

describe('glossary terms', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'glossary').map((f) => f.check)).toEqual(row.expected);
  });

  it('names the term as the source writes it and the translation', () => {
    const [found] = findingsOf(rows[3] ?? rows[0]!, 'glossary');
    expect(found?.params).toEqual({ term: 'conference', translation: 'Konferenz' });
    expect(found?.message).toBe(
      'The glossary translates “conference” as “Konferenz”, which is not used here',
    );
  });
});

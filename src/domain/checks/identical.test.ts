import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';

const dnt = {
  termId: 't1',
  term: 'Polyphony',
  start: 0,
  end: 9,
  translation: null,
  doNotTranslate: true,
  forbidden: [],
};
const rows: CheckCase[] = [
  {
    name: 'de untranslated',
    source: 'Welcome to the meeting',
    target: 'Welcome to the meeting',
    targetLanguage: 'de',
    expected: ['identical'],
  },
  {
    name: 'de translated',
    source: 'Welcome to the meeting',
    target: 'Willkommen zum Treffen',
    targetLanguage: 'de',
    expected: [],
  },
  { name: 'de only a number', source: '2024', target: '2024', targetLanguage: 'de', expected: [] },
  {
    name: 'ar only an address',
    source: 'https://example.org/events',
    target: 'https://example.org/events',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ja only a do-not-translate term',
    source: 'Polyphony',
    target: 'Polyphony',
    targetLanguage: 'ja',
    glossary: [dnt],
    expected: [],
  },
  {
    name: 'ja a do-not-translate term and words',
    source: 'Polyphony rocks',
    target: 'Polyphony rocks',
    targetLanguage: 'ja',
    glossary: [dnt],
    expected: ['identical'],
  },
  {
    name: 'ar untranslated with codes',
    source: 'Read <pc id="1">the report</pc>',
    target: 'Read <pc id="1">the report</pc>',
    targetLanguage: 'ar',
    expected: ['identical'],
  },
  {
    name: 'en-GB from en may be the same',
    source: 'Welcome to the meeting',
    target: 'Welcome to the meeting',
    targetLanguage: 'en-GB',
    expected: [],
  },
  {
    name: 'en from de same name',
    source: 'Berlin Marathon',
    sourceLanguage: 'de',
    target: 'Berlin Marathon',
    targetLanguage: 'en',
    expected: ['identical'],
  },
  {
    name: 'punctuation and codes only',
    source: '<ph id="1"/> – <ph id="2"/>',
    target: '<ph id="1"/> – <ph id="2"/>',
    targetLanguage: 'de',
    expected: [],
  },
];

describe('identical to the source', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'identical').map((f) => f.check)).toEqual(row.expected);
  });
});

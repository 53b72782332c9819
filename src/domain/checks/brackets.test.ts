import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';

const rows: CheckCase[] = [
  {
    name: 'en balanced',
    source: 'Bring water (and snacks).',
    sourceLanguage: 'de',
    target: 'Bring water (and snacks).',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en unclosed (',
    source: 'Wasser (und Snacks).',
    sourceLanguage: 'de',
    target: 'Water (and snacks.',
    targetLanguage: 'en',
    expected: ['brackets.unbalanced'],
  },
  {
    name: 'en stray ]',
    source: 'Wasser.',
    sourceLanguage: 'de',
    target: 'Water].',
    targetLanguage: 'en',
    expected: ['brackets.unbalanced'],
  },
  {
    name: 'en “…” for „…“',
    source: 'Er sagte „ja“.',
    sourceLanguage: 'de',
    target: 'He said “yes”.',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en “ unclosed',
    source: 'Er sagte „ja“.',
    sourceLanguage: 'de',
    target: 'He said “yes.',
    targetLanguage: 'en',
    expected: ['brackets.unbalanced'],
  },
  {
    name: 'en an apostrophe is not a quote',
    source: 'Es ist Annas Buch.',
    sourceLanguage: 'de',
    target: 'It’s Anna’s book.',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en a list "1)" as in the source',
    source: '1) Wasser',
    sourceLanguage: 'de',
    target: '1) Water',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'de „…“ for “…”',
    source: 'He said “yes”.',
    target: 'Er sagte „ja“.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'de »…« for “…”',
    source: 'He said “yes”.',
    target: 'Er sagte »ja«.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'de » unmatched',
    source: 'He said “yes”.',
    target: 'Er sagte »ja.',
    targetLanguage: 'de',
    expected: ['brackets.unbalanced'],
  },
  {
    name: 'ar «…» balanced',
    source: 'He said “yes”.',
    target: 'قال «نعم».',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar ( ) in right-to-left text',
    source: 'Water (cold).',
    target: 'ماء (بارد).',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar ) missing',
    source: 'Water (cold).',
    target: 'ماء (بارد.',
    targetLanguage: 'ar',
    expected: ['brackets.unbalanced'],
  },
  {
    name: 'ja 「…」 balanced',
    source: 'He said "yes".',
    target: '彼は「はい」と言った。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja 」 missing',
    source: 'He said "yes".',
    target: '彼は「はいと言った。',
    targetLanguage: 'ja',
    expected: ['brackets.unbalanced'],
  },
  {
    name: 'ja （ ） balanced',
    source: 'Tokyo (Japan).',
    target: '東京（日本）。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'fr « … » balanced',
    source: 'He said “yes”.',
    target: 'Il a dit « oui ».',
    targetLanguage: 'fr',
    expected: [],
  },
];

describe('brackets and quotes', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'brackets').map((f) => f.check)).toEqual(row.expected);
  });

  it('names the unmatched mark', () => {
    const [found] = findingsOf(
      {
        name: '',
        source: 'He said "yes".',
        target: '彼は「はいと言った。',
        targetLanguage: 'ja',
        expected: [],
      },
      'brackets',
    );
    expect(found?.params).toEqual({ mark: '「' });
  });
});

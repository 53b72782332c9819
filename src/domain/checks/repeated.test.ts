import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';

const rows: CheckCase[] = [
  {
    name: 'en the the',
    source: 'Bring das Wasser.',
    sourceLanguage: 'de',
    target: 'Bring the the water.',
    targetLanguage: 'en',
    expected: ['words.repeated'],
  },
  {
    name: 'en The the (case-folded)',
    source: 'Das Wasser.',
    sourceLanguage: 'de',
    target: 'The the water.',
    targetLanguage: 'en',
    expected: ['words.repeated'],
  },
  {
    name: 'en that, that (punctuation between)',
    source: 'Das, das.',
    sourceLanguage: 'de',
    target: 'That, that.',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en a name the source repeats',
    source: 'Wir fliegen nach Bora Bora.',
    sourceLanguage: 'de',
    target: 'We fly to Bora Bora.',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en numbers are not words',
    source: '1 1 2',
    sourceLanguage: 'de',
    target: '1 1 2',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'de die die',
    source: 'The people who came.',
    target: 'Die Leute, die die kamen.',
    targetLanguage: 'de',
    expected: ['words.repeated'],
  },
  {
    name: 'de clean',
    source: 'Bring water.',
    target: 'Bringt Wasser mit.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'ar repeated',
    source: 'Bring water.',
    target: 'أحضر الماء الماء.',
    targetLanguage: 'ar',
    expected: ['words.repeated'],
  },
  {
    name: 'ar clean',
    source: 'Bring water.',
    target: 'أحضر الماء.',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ja reduplication without spaces is Japanese',
    source: 'Various people.',
    target: '人々がいろいろ来た。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'tr İstanbul istanbul (Turkish case folding)',
    source: 'Istanbul.',
    target: 'İstanbul istanbul.',
    targetLanguage: 'tr',
    expected: ['words.repeated'],
  },
];

describe('repeated words', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'words').map((f) => f.check)).toEqual(row.expected);
  });

  it('names the word', () => {
    const [found] = findingsOf(
      { name: '', source: 'x', target: 'Bring the the water.', targetLanguage: 'en', expected: [] },
      'words',
    );
    expect(found?.message).toBe('The word “the” is repeated');
  });
});

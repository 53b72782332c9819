import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';

const rows: CheckCase[] = [
  {
    name: 'en clean',
    source: 'Bring water.',
    sourceLanguage: 'de',
    target: 'Bring water.',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en leading space',
    source: 'Wasser mitbringen.',
    sourceLanguage: 'de',
    target: ' Bring water.',
    targetLanguage: 'en',
    expected: ['spaces.leading'],
  },
  {
    name: 'en trailing space',
    source: 'Wasser mitbringen.',
    sourceLanguage: 'de',
    target: 'Bring water. ',
    targetLanguage: 'en',
    expected: ['spaces.trailing'],
  },
  {
    name: 'en trailing space the source has too',
    source: 'Wasser ',
    sourceLanguage: 'de',
    target: 'Water ',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en trailing space dropped',
    source: 'Wasser ',
    sourceLanguage: 'de',
    target: 'Water',
    targetLanguage: 'en',
    expected: ['spaces.trailing'],
  },
  {
    name: 'de double space',
    source: 'Bring water and snacks.',
    target: 'Bringt Wasser  und Snacks mit.',
    targetLanguage: 'de',
    expected: ['spaces.double'],
  },
  {
    name: 'de spaces around a standalone code are not double',
    source: 'Press <ph id="1"/> now.',
    target: 'Drücke <ph id="1"/> jetzt.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'ar clean',
    source: 'Bring water.',
    target: 'أحضر الماء.',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar double space',
    source: 'Bring water.',
    target: 'أحضر  الماء.',
    targetLanguage: 'ar',
    expected: ['spaces.double'],
  },
  {
    name: 'ja no spaces',
    source: 'The meeting is in Tokyo.',
    target: '会議は東京です。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja space between kana and kanji',
    source: 'The meeting is in Tokyo.',
    target: '会議は 東京です。',
    targetLanguage: 'ja',
    expected: ['spaces.betweenCjk'],
  },
  {
    name: 'ja space after 。',
    source: 'Hello. Welcome.',
    target: 'こんにちは。 ようこそ。',
    targetLanguage: 'ja',
    expected: ['spaces.betweenCjk'],
  },
  {
    name: 'ja spaces around a Latin word are fine',
    source: 'Install Node.js first.',
    target: 'まず Node.js をインストールします。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'zh space between Han',
    source: 'Everyone is free.',
    target: '人人 生而自由。',
    targetLanguage: 'zh',
    expected: ['spaces.betweenCjk'],
  },
  {
    name: 'th phrase spaces are Thai',
    source: 'The meeting is in Bangkok, bring water.',
    target: 'การประชุมอยู่ที่กรุงเทพฯ นำน้ำมาด้วย',
    targetLanguage: 'th',
    expected: [],
  },
  {
    name: 'th double space',
    source: 'The meeting is in Bangkok, bring water.',
    target: 'การประชุมอยู่ที่กรุงเทพฯ  นำน้ำมาด้วย',
    targetLanguage: 'th',
    expected: ['spaces.double'],
  },
];

describe('spaces', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'spaces').map((f) => f.check)).toEqual(row.expected);
  });

  it('says which side has the space', () => {
    const [found] = findingsOf(
      {
        name: '',
        source: ' Wasser',
        sourceLanguage: 'de',
        target: 'Water',
        targetLanguage: 'en',
        expected: [],
      },
      'spaces',
    );
    expect(found?.params).toEqual({ has: 'source' });
    expect(found?.message).toBe('The source starts with a space; the translation does not');
  });
});

import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';
import { lengthRange } from './length.js';

/** Article 1 of the Universal Declaration of Human Rights: what the densities come from. */
const udhr = {
  en: 'All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.',
  de: 'Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen.',
  ar: 'يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.',
  ja: 'すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。',
  zh: '人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。',
  ko: '모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 양심을 부여받았으며 서로 형제애의 정신으로 행동하여야 한다.',
  sw: 'Watu wote wamezaliwa huru, hadhi na haki zao ni sawa. Wote wamejaliwa akili na dhamiri, hivyo yapasa watendeane kindugu.',
};
const firstSentence = (text: string) => text.split(/(?<=[.。])/u)[0] ?? text;

const rows: CheckCase[] = [
  { name: 'de full article', source: udhr.en, target: udhr.de, targetLanguage: 'de', expected: [] },
  { name: 'ar full article', source: udhr.en, target: udhr.ar, targetLanguage: 'ar', expected: [] },
  { name: 'ja full article', source: udhr.en, target: udhr.ja, targetLanguage: 'ja', expected: [] },
  {
    name: 'zh full article (a quarter of the characters)',
    source: udhr.en,
    target: udhr.zh,
    targetLanguage: 'zh',
    expected: [],
  },
  { name: 'ko full article', source: udhr.en, target: udhr.ko, targetLanguage: 'ko', expected: [] },
  {
    name: 'sw loose translation',
    source: udhr.en,
    target: udhr.sw,
    targetLanguage: 'sw',
    expected: [],
  },
  {
    name: 'en from ja full article (twice the characters)',
    source: udhr.ja,
    sourceLanguage: 'ja',
    target: udhr.en,
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'de first sentence only',
    source: udhr.en,
    target: firstSentence(udhr.de),
    targetLanguage: 'de',
    expected: ['length.short'],
  },
  {
    name: 'ar first sentence only',
    source: udhr.en,
    target: firstSentence(udhr.ar),
    targetLanguage: 'ar',
    expected: ['length.short'],
  },
  {
    name: 'ja the text pasted three times',
    source: udhr.en,
    target: `${udhr.ja}${udhr.ja}${udhr.ja}`,
    targetLanguage: 'ja',
    expected: ['length.long'],
  },
  {
    name: 'en from zh full article (four times the characters)',
    source: udhr.zh,
    sourceLanguage: 'zh',
    target: udhr.en,
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en from zh a few words',
    source: udhr.zh,
    sourceLanguage: 'zh',
    target: 'Everyone is born free.',
    targetLanguage: 'en',
    expected: ['length.short'],
  },
  {
    name: 'en source too short to judge',
    source: 'Welcome',
    sourceLanguage: 'de',
    target: 'Welcome to our wonderful community meeting in Nairobi',
    targetLanguage: 'en',
    expected: [],
  },
];

describe('length ratio', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'length').map((f) => f.check)).toEqual(row.expected);
  });

  it('expects a quarter of the length for Chinese and twice for English from Japanese', () => {
    const zh = lengthRange(udhr.en, udhr.zh);
    expect(zh?.max).toBeCloseTo(0.54, 2);
    const en = lengthRange(udhr.ja, udhr.en);
    // 85 graphemes: under LENGTH_LONG_SOURCE, so the factor 3 applies (2 / 3).
    expect(en?.min).toBeCloseTo(2 / 3, 2);
  });

  it('reports the ratio and the bound in percent', () => {
    const [found] = findingsOf(
      {
        name: '',
        source: udhr.en,
        target: firstSentence(udhr.de),
        targetLanguage: 'de',
        expected: [],
      },
      'length',
    );
    expect(found?.params).toEqual({ percent: 38, min: 50 });
  });
});

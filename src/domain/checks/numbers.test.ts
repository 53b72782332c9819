import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';
import { numbersIn } from './numbers.js';

const rows: CheckCase[] = [
  // German groups with `.` and marks decimals with `,`.
  {
    name: 'de 1.000 for en 1,000',
    source: 'We expect 1,000 people.',
    target: 'Wir erwarten 1.000 Leute.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'de 3,5 for en 3.5',
    source: 'It is 3.5 km away.',
    target: 'Es ist 3,5 km entfernt.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'de 1000 (no grouping) for en 1,000',
    source: 'Over 1,000 people.',
    target: 'Über 1000 Leute.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'de 1.000 for en 1.000 (a decimal one)',
    source: 'It weighs 1.000 kg.',
    target: 'Es wiegt 1.000 kg.',
    targetLanguage: 'de',
    expected: ['numbers.missing', 'numbers.extra'],
  },
  {
    name: 'de 1,000 for en 1,000 (a German one)',
    source: 'Over 1,000 people.',
    target: 'Über 1,000 Leute.',
    targetLanguage: 'de',
    expected: ['numbers.missing', 'numbers.extra'],
  },
  {
    name: 'de changed number',
    source: 'Bring 3 bottles.',
    target: 'Bring 4 Flaschen mit.',
    targetLanguage: 'de',
    expected: ['numbers.missing', 'numbers.extra'],
  },
  // French groups with a (narrow) no-break space or a plain space.
  {
    name: 'fr 1 000 (narrow no-break space)',
    source: 'Over 1,000 people.',
    target: 'Plus de 1\u202F000 personnes.',
    targetLanguage: 'fr',
    expected: [],
  },
  {
    name: 'fr 1 000 (space)',
    source: 'Over 1,000 people.',
    target: 'Plus de 1 000 personnes.',
    targetLanguage: 'fr',
    expected: [],
  },
  // Arabic: Arabic-Indic digits with Arabic separators, or Latin digits.
  {
    name: 'ar ٣ for 3',
    source: 'Bring 3 bottles.',
    target: 'أحضر ٣ زجاجات.',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar ١٬٠٠٠ for 1,000',
    source: 'Over 1,000 people.',
    target: 'أكثر من ١٬٠٠٠ شخص.',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar ٣٫٥ for 3.5',
    source: 'It is 3.5 km away.',
    target: 'إنها على بعد ٣٫٥ كم.',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar Latin 1,000 for 1,000',
    source: 'Over 1,000 people.',
    target: 'أكثر من 1,000 شخص.',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar ٤ for 3',
    source: 'Bring 3 bottles.',
    target: 'أحضر ٤ زجاجات.',
    targetLanguage: 'ar',
    expected: ['numbers.missing', 'numbers.extra'],
  },
  {
    name: 'fa ۳ for 3 (Persian digits)',
    source: 'Bring 3 bottles.',
    target: '۳ بطری بیاورید.',
    targetLanguage: 'fa',
    expected: [],
  },
  // Japanese: ASCII or full-width digits.
  {
    name: 'ja 1,000 for 1,000',
    source: 'Over 1,000 people.',
    target: '1,000人以上。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja full-width １０ for 10',
    source: 'At 10 o’clock.',
    target: '１０時に。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja a number dropped',
    source: 'Room 12 on floor 3.',
    target: '3階の部屋。',
    targetLanguage: 'ja',
    expected: ['numbers.missing'],
  },
  // English target from a German source.
  {
    name: 'en 2.5 for de 2,5',
    source: 'Es dauert 2,5 Stunden.',
    sourceLanguage: 'de',
    target: 'It takes 2.5 hours.',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en an extra number',
    source: 'See you soon.',
    target: 'See you in 2 days.',
    targetLanguage: 'en',
    expected: ['numbers.extra'],
  },
  // Hindi groups by two digits after the first three.
  {
    name: 'hi 12,34,567 for 1,234,567',
    source: 'Population 1,234,567.',
    target: 'जनसंख्या 12,34,567।',
    targetLanguage: 'hi',
    expected: [],
  },
  // Versions, dates and times read the same on both sides; numbers inside addresses are not numbers.
  {
    name: 'version and date',
    source: 'Version 1.2.3 on 3.5.2024 at 10:30.',
    target: 'Version 1.2.3 am 3.5.2024 um 10:30.',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'address digits ignored',
    source: 'See https://example.org/2024/post-5.',
    target: 'Siehe https://example.org/2024/post-5.',
    targetLanguage: 'de',
    expected: [],
  },
];

describe('numbers', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'numbers').map((f) => f.check)).toEqual(row.expected);
  });

  it('names the numbers, as written, in the message and params', () => {
    const [missing] = findingsOf(
      {
        name: '',
        source: 'From 1,500 to 2,000.',
        target: 'Von 1.500 bis.',
        targetLanguage: 'de',
        expected: [],
      },
      'numbers',
    );
    expect(missing).toMatchObject({
      check: 'numbers.missing',
      key: 'checks.numbers.missing',
      params: { numbers: '2,000', count: 1 },
      message: 'The number 2,000 of the source is missing',
    });
  });

  it.each([
    ['1,000', 'en', '1000'],
    ['1.000', 'en', '1'],
    ['1.000', 'de', '1000'],
    ['1.000,50', 'de', '1000.5'],
    ["1'000", 'de-CH', '1000'],
    ['١٬٢٣٤٫٥', 'ar', '1234.5'],
    ['۱۲', 'fa', '12'],
    ['１２', 'ja', '12'],
    ['007', 'en', '7'],
  ])('reads %s in %s as %s', (text, language, value) => {
    expect(numbersIn(text, language).map((n) => n.value)).toEqual([value]);
  });

  it('does not read CJK numeral letters as digits', () => {
    expect(numbersIn('一二三', 'ja')).toEqual([]);
  });
});

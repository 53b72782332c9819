import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';
import type { CodeInfo } from '../units/types.js';

const codes: Record<string, CodeInfo> = {
  '1': { kind: 'pc', type: 'link', label: 'link → https://example.org' },
  '2': { kind: 'pc', type: 'strong', label: 'bold' },
  '3': { kind: 'ph', type: 'image', label: 'image: logo' },
};
const source = 'Read <pc id="1">the report</pc> and <pc id="2">act</pc>.';
const rows: CheckCase[] = [
  {
    name: 'en link with text',
    source,
    sourceLanguage: 'de',
    target: 'Read <pc id="1">the report</pc> and <pc id="2">act</pc>.',
    targetLanguage: 'en',
    codes,
    expected: [],
  },
  {
    name: 'de empty link',
    source,
    target: 'Lies <pc id="1"></pc> den Bericht und <pc id="2">handle</pc>.',
    targetLanguage: 'de',
    codes,
    expected: ['codes.emptyLink'],
  },
  {
    name: 'de link with only a space',
    source,
    target: 'Lies <pc id="1"> </pc>den Bericht und <pc id="2">handle</pc>.',
    targetLanguage: 'de',
    codes,
    expected: ['codes.emptyLink'],
  },
  {
    name: 'ar empty bold',
    source,
    target: 'اقرأ <pc id="1">التقرير</pc> و<pc id="2"></pc>تصرّف.',
    targetLanguage: 'ar',
    codes,
    expected: ['codes.empty'],
  },
  {
    name: 'ja a linked image is content',
    source: '<pc id="1"><ph id="3"/></pc>',
    target: '<pc id="1"><ph id="3"/></pc>',
    targetLanguage: 'ja',
    codes,
    expected: [],
  },
  {
    name: 'ja link with text',
    source,
    target: '<pc id="1">報告書</pc>を読んで<pc id="2">行動</pc>してください。',
    targetLanguage: 'ja',
    codes,
    expected: [],
  },
  {
    name: 'malformed target left to the blocking checks',
    source,
    target: 'Lies <pc id="1">den Bericht',
    targetLanguage: 'de',
    codes,
    expected: [],
  },
];

describe('empty link text', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'codes').map((f) => f.check)).toEqual(row.expected);
  });

  it('names the code', () => {
    const [found] = findingsOf(rows[1] ?? rows[0]!, 'codes');
    expect(found?.params).toEqual({ code: '1' });
  });
});

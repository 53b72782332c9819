import { describe, expect, it } from 'vitest';
import { checkTarget } from './index.js';
import type { SourceUnit } from './types.js';

const unit: SourceUnit = {
  path: 'b.0',
  kind: 'paragraph',
  text: 'Join <pc id="1">the <pc id="2">session</pc></pc> at <ph id="3"/>.',
  codes: {
    '1': { kind: 'pc', type: 'link', label: 'link → https://example.org' },
    '2': { kind: 'pc', type: 'strong', label: 'bold' },
    '3': { kind: 'ph', type: 'inlineCode', label: 'code: npm test' },
  },
};
const twoLinks: SourceUnit = {
  path: 'b.1',
  kind: 'paragraph',
  text: '<pc id="1">a</pc> and <pc id="2">b</pc>',
  codes: {
    '1': { kind: 'pc', type: 'link', label: 'link → https://a.example' },
    '2': { kind: 'pc', type: 'link', label: 'link → https://b.example' },
  },
};

const codesOf = (source: SourceUnit, target: string) =>
  checkTarget(source, target).map((problem) => [problem.code, problem.codeId]);

describe('checkTarget', () => {
  it('accepts a translation that moves the codes', () => {
    expect(
      checkTarget(unit, 'Únete a <ph id="3"/> en <pc id="1">la <pc id="2">sesión</pc></pc>.'),
    ).toEqual([]);
  });

  it('names a missing code', () => {
    const problems = checkTarget(unit, 'Únete a <pc id="2">la sesión</pc> en <ph id="3"/>.');
    expect(problems).toEqual([
      {
        code: 'missing_code',
        codeId: '1',
        message: 'The link "https://example.org" (code 1) is missing',
      },
    ]);
  });

  it('names a duplicated code', () => {
    const problems = checkTarget(
      unit,
      '<pc id="1"><pc id="2">x</pc></pc> <ph id="3"/><ph id="3"/>',
    );
    expect(problems).toEqual([
      {
        code: 'duplicate_code',
        codeId: '3',
        message: 'The inline code "npm test" (code 3) is used 2 times; it must appear once',
      },
    ]);
  });

  it('refuses a code the source does not have', () => {
    expect(codesOf(unit, '<pc id="1"><pc id="2">x</pc></pc> <ph id="3"/><ph id="9"/>')).toEqual([
      ['unknown_code', '9'],
    ]);
  });

  it('refuses crossed nesting', () => {
    const problems = checkTarget(unit, '<pc id="1"><pc id="2">x</pc id="1"></pc> <ph id="3"/>');
    expect(problems.map((p) => p.code)).toContain('bad_nesting');
    expect(problems[0]?.message).toBe(
      'The link "https://example.org" (code 1) is closed while the bold text (code 2) inside it is still open',
    );
  });

  it('refuses unpaired tags', () => {
    expect(codesOf(unit, '<pc id="1"><pc id="2">x</pc> <ph id="3"/>')).toEqual([
      ['bad_nesting', '1'],
    ]);
    expect(codesOf(unit, '<pc id="1"><pc id="2">x</pc></pc></pc> <ph id="3"/>')).toEqual([
      ['bad_nesting', undefined],
    ]);
  });

  it('refuses a link inside another link', () => {
    expect(codesOf(twoLinks, '<pc id="1">a <pc id="2">b</pc></pc>')).toEqual([
      ['bad_nesting', '2'],
    ]);
  });

  it('refuses a code used as the wrong kind', () => {
    expect(codesOf(unit, '<ph id="1"/><pc id="2">x</pc> <pc id="3">y</pc>')).toEqual([
      ['malformed', '1'],
      ['malformed', '3'],
    ]);
  });

  it('refuses malformed tags and a raw "<"', () => {
    const problems = checkTarget(unit, '<pc id="1"><pc id="2">x</pc></pc> <ph id="3"> 3 < 4');
    expect(problems.map((p) => p.code)).toEqual(['malformed', 'malformed', 'missing_code']);
    expect(problems[1]?.message).toBe('A literal "<" must be written as &lt;');
  });

  it('refuses raw markup, naming it', () => {
    const problems = checkTarget(
      unit,
      '<pc id="1"><pc id="2">x</pc></pc> <ph id="3"/> <b>y</b><script>',
    );
    expect(problems.map((p) => p.code)).toEqual(['markup', 'markup', 'markup']);
    expect(problems[0]?.message).toContain('"<b>"');
    expect(problems[2]?.message).toContain('"<script>"');
  });

  it('accepts escaped markup, which renders as text', () => {
    expect(checkTarget(unit, '&lt;b&gt;<pc id="1"><pc id="2">x</pc></pc> <ph id="3"/>')).toEqual(
      [],
    );
  });

  it('refuses an empty translation, or one that is only codes', () => {
    expect(codesOf(unit, '')).toEqual([['empty', undefined]]);
    expect(codesOf(unit, '  <pc id="1"><pc id="2"></pc></pc><ph id="3"/> ')).toEqual([
      ['empty', undefined],
    ]);
  });

  it('checks a plain field against no codes', () => {
    const title: SourceUnit = { path: 'title', kind: 'title', text: 'Hello', codes: {} };
    expect(checkTarget(title, 'Hola')).toEqual([]);
    expect(codesOf(title, '<ph id="1"/>Hola')).toEqual([['unknown_code', '1']]);
  });
});

import { describe, expect, it } from 'vitest';
import type { CodeInfo } from '../units/types.js';
import { codeSequence, placeCodes } from './codes.js';

const pc = (label = 'link'): CodeInfo => ({ kind: 'pc', label });
const ph: CodeInfo = { kind: 'ph', label: 'break' };

describe('placeCodes', () => {
  it('maps codes by order and kind, whatever the order in the target', () => {
    expect(
      placeCodes(
        'See <pc id="1">a</pc> and <pc id="2">b</pc><ph id="3"/>',
        'Ver <pc id="2">b</pc> y <pc id="1">a</pc><ph id="3"/>',
        'See <pc id="7">a</pc> and <pc id="8">b</pc><ph id="9"/>',
        { '7': pc(), '8': pc('bold'), '9': ph },
      ),
    ).toEqual({
      target: 'Ver <pc id="8">b</pc> y <pc id="7">a</pc><ph id="9"/>',
      codesPlaced: true,
    });
  });
  it('gives plain text when kinds or counts differ', () => {
    expect(
      placeCodes('A <pc id="1">b</pc>', 'X <pc id="1">y</pc> &amp; z', 'A <ph id="1"/>b', {
        '1': ph,
      }),
    ).toEqual({
      target: 'X y &amp; z',
      codesPlaced: false,
    });
    expect(placeCodes('A <pc id="1">b</pc>', 'X <pc id="1">y</pc>', 'A b', {})).toMatchObject({
      codesPlaced: false,
      target: 'X y',
    });
  });
  it('gives plain text when the target does not use every code once', () => {
    expect(
      placeCodes(
        'A <pc id="1">b</pc> <ph id="2"/>',
        'X <pc id="1">y</pc>',
        'A <pc id="5">b</pc> <ph id="6"/>',
        {
          '5': pc(),
          '6': ph,
        },
      ),
    ).toMatchObject({ codesPlaced: false, target: 'X y' });
  });
  it('keeps texts without codes as they are', () => {
    expect(placeCodes('Hello', 'Hola &lt;3', 'Hello', {})).toEqual({
      target: 'Hola &lt;3',
      codesPlaced: true,
    });
  });
  it("reads kinds from the current unit's codes when given", () => {
    expect(codeSequence('a <pc id="1">b</pc> <ph id="2"/>', { '1': pc(), '2': ph })).toEqual([
      { id: '1', kind: 'pc' },
      { id: '2', kind: 'ph' },
    ]);
  });
});

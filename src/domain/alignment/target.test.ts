import { describe, expect, it } from 'vitest';
import { decideTarget, stateAfter } from './target.js';
import type { TargetDecision, TargetDecisionInput, TargetState } from './target.js';
import type { UnitChange } from './types.js';

const A = 'The meeting starts at nine.';
const B = 'The meeting starts at ten.';
const C = 'The meeting starts at eleven.';

describe('decideTarget', () => {
  it.each<[TargetState, string | null, string, UnitChange, boolean, TargetDecision]>([
    // state, baseSource, newSource, change, minor → decision
    ['translated', A, A, 'same', false, 'keep'],
    ['reviewed', A, `${A} `, 'whitespace', false, 'keep'],
    ['translated', A, B, 'changed', false, 'outdate'],
    ['reviewed', A, B, 'changed', false, 'outdate'],
    ['translated', A, B, 'changed', true, 'keep'],
    ['reviewed', A, B, 'changed', true, 'keep'],
    ['translated', A, A, 'changed', false, 'keep'], // base never moved on an earlier minor edit
    ['translated', null, B, 'changed', false, 'outdate'],
    ['outdated', A, A, 'changed', false, 'restore'],
    ['outdated', A, A, 'changed', true, 'restore'],
    ['outdated', A, C, 'changed', false, 'none'],
    ['outdated', A, `${A} `, 'whitespace', false, 'none'], // only an exact revert restores
    ['outdated', null, A, 'changed', false, 'none'],
    ['untranslated', null, B, 'changed', false, 'none'],
    ['draft', A, B, 'changed', false, 'none'],
    ['draft', A, A, 'changed', false, 'none'],
    ['translated', null, B, 'new', false, 'none'],
  ])(
    '%s (base %j) → %j, %s, minor %s: %s',
    (state, baseSource, newSource, change, minor, expected) => {
      expect(decideTarget({ state, baseSource, newSource, change, minor })).toBe(expected);
    },
  );

  it('restores a reviewed target after two edits and a revert (A → B → C → A)', () => {
    let target: Omit<TargetDecisionInput, 'newSource' | 'change' | 'minor'> = {
      state: 'reviewed',
      baseSource: A,
      previousState: null,
    };
    const step = (newSource: string) => {
      const input = { ...target, newSource, change: 'changed' as const, minor: false };
      const decision = decideTarget(input);
      target = {
        ...target,
        state: stateAfter(decision, target),
        previousState: decision === 'outdate' ? target.state : target.previousState,
      };
      return decision;
    };
    expect(step(B)).toBe('outdate');
    expect(target).toEqual({ state: 'outdated', baseSource: A, previousState: 'reviewed' });
    expect(step(C)).toBe('none');
    expect(target.state).toBe('outdated');
    expect(step(A)).toBe('restore');
    expect(target.state).toBe('reviewed');
  });
});

describe('stateAfter', () => {
  it('maps each decision to the resulting state', () => {
    expect(stateAfter('outdate', { state: 'translated' })).toBe('outdated');
    expect(stateAfter('restore', { state: 'outdated', previousState: 'reviewed' })).toBe(
      'reviewed',
    );
    expect(stateAfter('restore', { state: 'outdated', previousState: null })).toBe('translated');
    expect(stateAfter('keep', { state: 'reviewed' })).toBe('reviewed');
    expect(stateAfter('none', { state: 'draft' })).toBe('draft');
  });
});

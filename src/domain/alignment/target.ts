/** What a source change does to each translation (target) of the unit. */
import type { TargetState } from '../targets.js';
import type { UnitChange } from './types.js';

export type { TargetState } from '../targets.js';

/** What to do with one target: leave it valid, mark it outdated, restore it, or nothing. */
export type TargetDecision = 'keep' | 'outdate' | 'restore' | 'none';

/** The facts decideTarget needs about one target and the change of its unit. */
export interface TargetDecisionInput {
  state: TargetState;
  /** The source text the target was made from (kept while outdated); null when unknown. */
  baseSource: string | null;
  /** For an outdated target, the state it had before (translated or reviewed). */
  previousState?: TargetState | null;
  /** The unit's source text in the new revision. */
  newSource: string;
  change: UnitChange;
  /** The editor flagged the change as minor ("typo fix: keep translations"). */
  minor: boolean;
}

/**
 * What happens to a translation of a unit when the source changes:
 *  - 'restore' when the target is outdated and the new source equals exactly the source it
 *    was made from (an exact revert, however many edits ago): give it back previousState;
 *  - 'keep' for a translated/reviewed target on 'same' and 'whitespace' changes, when the
 *    editor flagged the change minor, or when the new source is its base source anyway;
 *  - 'outdate' for a real change of a translated/reviewed target (baseSource stays as it is,
 *    so a later revert can restore it);
 *  - 'none' for untranslated and draft targets (nothing to mark; drafts keep their base), for
 *    outdated targets that stay outdated (their base is not moved), and for 'new' units,
 *    which have no targets yet.
 * Never throws.
 */
export function decideTarget(input: TargetDecisionInput): TargetDecision {
  const { state, baseSource, newSource, change, minor } = input;
  switch (state) {
    case 'untranslated':
    case 'draft':
      return 'none';
    case 'outdated':
      return baseSource !== null && newSource === baseSource ? 'restore' : 'none';
    case 'translated':
    case 'reviewed':
      if (change === 'new') return 'none';
      if (change === 'same' || change === 'whitespace' || minor) return 'keep';
      if (baseSource !== null && newSource === baseSource) return 'keep';
      return 'outdate';
  }
}

/**
 * The state a target ends in after decideTarget: 'outdate' → outdated; 'restore' → the
 * previous state when it was translated or reviewed, else translated; otherwise unchanged.
 */
export function stateAfter(
  decision: TargetDecision,
  input: Pick<TargetDecisionInput, 'state' | 'previousState'>,
): TargetState {
  switch (decision) {
    case 'outdate':
      return 'outdated';
    case 'restore':
      return input.previousState === 'reviewed' ? 'reviewed' : 'translated';
    case 'keep':
    case 'none':
      return input.state;
  }
}

/**
 * Revision alignment and outdated marking (issue #4): which units of a new revision keep which
 * ids, and what that does to their translations. The algorithm is described in README.md.
 */
export { alignUnits } from './align.js';
export { MAX_GAP_PAIRS, WORK_BUDGET } from './gap.js';
export { MIN_CONTAINED_LENGTH, PAIR_THRESHOLD, similarity } from './similarity.js';
export { decideTarget, stateAfter } from './target.js';
export type { TargetDecision, TargetDecisionInput, TargetState } from './target.js';
export { normalizeWhitespace, stripCodes } from './text.js';
export type {
  AlignedUnit,
  Alignment,
  DiffPart,
  NextUnit,
  PreviousUnit,
  UnitChange,
} from './types.js';
export { wordDiff } from './word-diff.js';

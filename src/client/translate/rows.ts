/**
 * The editor's working copy of each unit (a Row) and the small pure helpers around it: the
 * initial rows from the presented state, and adopting a source that changed while the
 * translator worked.
 */
import { isUnitKind } from '../../domain/units/types.js';
import type { SourceUnit } from '../../domain/units/types.js';
import type { ChangedSource, SaveOrigin, SavedTarget } from './api.js';
import { toShorthand } from './shorthand.js';
import type { EditorState, FindingView, SuggestionsView, TargetState, UnitState } from './state.js';

export type RowStatus =
  'idle' | 'dirty' | 'saving' | 'saved' | 'pending' | 'invalid' | 'error' | 'conflict' | 'network';

/** Suggestions of a row: not asked for yet, on their way, failed, or here. */
export type SuggestionLoad =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; view: SuggestionsView };

/** The editor's working copy of one unit. */
export interface Row {
  unit: UnitState;
  /** What is in the textarea (shorthand). */
  text: string;
  /** The shorthand of the last text the server has from us (or had at load). */
  savedText: string;
  version: number;
  state: TargetState | null;
  mine: boolean;
  reviewedByMe: boolean;
  status: RowStatus;
  problems: string[];
  error: string;
  conflict: SavedTarget | null;
  /** The send-back form is open. */
  sendingBack: boolean;
  comment: string;
  reviewError: string;
  /** The source changed while this text was written (the new one and the diff are shown). */
  sourceChanged: boolean;
  /** The proposal whose reject form is open. */
  rejecting: string | null;
  rejectComment: string;
  suggestions: SuggestionLoad;
  /** The suggestion the text in the box started from (sent with every save of it). */
  origin: SaveOrigin | null;
  /** Quality warnings of the saved text. */
  findings: FindingView[];
  /** The warning whose dismiss form is open, and its reason. */
  dismissing: string | null;
  dismissReason: string;
}

/** The unit as the shared blocking checks see it. */
export function sourceUnit(row: Row): SourceUnit {
  const { unit } = row;
  return {
    path: unit.unitId,
    kind: isUnitKind(unit.kind) ? unit.kind : 'paragraph',
    text: unit.source,
    codes: unit.codes,
  };
}

/**
 * The rows' initial working copies from the presented state. A translator's own pending
 * proposal is what their textarea shows (readers still see the live text).
 */
export function initialRows(state: EditorState): Row[] {
  const rtl = state.target.dir === 'rtl';
  return state.units.map((presented) => {
    const unit = { ...presented, candidates: presented.candidates.filter((c) => !c.mine) };
    const proposal = presented.candidates.find((c) => c.mine);
    const live = unit.target ? toShorthand(unit.target.text, rtl) : '';
    const text = proposal ? toShorthand(proposal.text, rtl) : live;
    return {
      unit,
      text,
      savedText: text,
      version: unit.target?.version ?? 0,
      state: unit.target?.state ?? null,
      mine: unit.target?.mine ?? false,
      reviewedByMe: unit.target?.reviewedByMe ?? false,
      status: proposal ? 'pending' : 'idle',
      problems: [],
      error: '',
      conflict: null,
      sendingBack: false,
      comment: '',
      reviewError: '',
      sourceChanged: false,
      rejecting: null,
      rejectComment: '',
      suggestions: { state: 'idle' },
      origin: null,
      findings: presented.findings,
      dismissing: null,
      dismissReason: '',
    };
  });
}

/** The source changed while the translator worked: show the new one and what changed. */
export function adoptSource(row: Row, changed: ChangedSource | null): void {
  if (!changed) return;
  row.unit.source = changed.source;
  row.unit.sourceRevision = changed.sourceRevision;
  row.unit.codes = changed.codes;
  row.unit.diff = changed.diff;
  row.sourceChanged = true;
  // Suggestions were for the old source.
  row.suggestions = { state: 'idle' };
}

/** A suggestion the translator can insert. */
export interface Insertable {
  text: string;
  origin: SaveOrigin;
  /** The codes could not be placed: plain text. */
  plain: boolean;
}

/**
 * The suggestions a row offers, in the order Ctrl+Shift+1…5 inserts them: memory matches
 * (four when there is a machine translation too), then the machine translation.
 */
export function insertable(row: Row): Insertable[] {
  if (row.suggestions.state !== 'ready') return [];
  const { view } = row.suggestions;
  const memory = view.memory.slice(0, view.machine ? 4 : 5).map((m): Insertable => ({
    text: m.text,
    origin: { kind: 'memory', text: m.text, score: m.score },
    plain: !m.codesMapped,
  }));
  return view.machine
    ? [
        ...memory,
        {
          text: view.machine.text,
          origin: { kind: 'machine', engine: view.machine.engine },
          plain: !view.machine.codesPlaced,
        },
      ]
    : memory;
}

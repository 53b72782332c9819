/**
 * The vocabulary of translated segments, written once: target states, candidate statuses,
 * which text readers see for a unit, and when a translator's save goes live or waits for a
 * reviewer (Pontoon's "many candidates, exactly one active"). Pure; services, repositories,
 * presenters and the editor island import it.
 */

/**
 * A target's state: untranslated → draft → translated → reviewed; `outdated` from translated
 * or reviewed when the source changes under it.
 */
export const targetStates = [
  'untranslated',
  'draft',
  'translated',
  'reviewed',
  'outdated',
] as const;
export type TargetState = (typeof targetStates)[number];

/** True for one of the five target states. */
export function isTargetState(value: string): value is TargetState {
  return (targetStates as readonly string[]).includes(value);
}

/**
 * A candidate text for one unit of one translation:
 *  - `active`: what the target holds and readers see (at most one per unit);
 *  - `pending`: proposed for a unit readers already see, waiting for a reviewer;
 *  - `rejected`: a reviewer (or a rollback) turned it down;
 *  - `superseded`: replaced — by a newer active text, or by its author's newer proposal.
 * Nothing is ever deleted.
 */
export const candidateStatuses = ['pending', 'active', 'rejected', 'superseded'] as const;
export type CandidateStatus = (typeof candidateStatuses)[number];

/** True for one of the four candidate statuses. */
export function isCandidateStatus(value: string): value is CandidateStatus {
  return (candidateStatuses as readonly string[]).includes(value);
}

/**
 * Where a target's text came from: typed by a person, imported, written by the system (a
 * rollback to nothing), or started from a translation-memory match or a machine translation
 * (the suggestion is kept with the target as its `origin`).
 */
export const provenances = ['human', 'import', 'system', 'memory', 'machine'] as const;
export type Provenance = (typeof provenances)[number];

/**
 * The suggestion a text started from: a machine translation (its engine) or a memory match
 * (its score). Kept with the text so the share left unmodified can be measured.
 */
export interface Origin {
  kind: 'memory' | 'machine';
  /** The suggestion's tagged text as it was inserted. */
  text: string;
  /** The MT engine (machine), else null. */
  engine: string | null;
  /** The match score 0..100 (memory), else null. */
  score: number | null;
}

/** The provenance a save records: `machine`/`memory` when it started from a suggestion. */
export function provenanceOf(origin: Origin | null | undefined): Provenance {
  return origin ? origin.kind : 'human';
}

/** How provenance is shown: `human`, `mt:<engine>`, `tm:<score>`, `import`, `system`. */
export function provenanceLabel(provenance: Provenance, origin: Origin | null | undefined): string {
  if (provenance === 'machine') return `mt:${origin?.engine ?? 'unknown'}`;
  if (provenance === 'memory') return origin?.score != null ? `tm:${origin.score}` : 'tm';
  return provenance;
}

/** True for a known provenance. */
export function isProvenance(value: string): value is Provenance {
  return (provenances as readonly string[]).includes(value);
}

/** The states that count as done for completion. */
export const doneStates = ['translated', 'reviewed'] as const satisfies readonly TargetState[];

/** Counts as done for completion: translated or reviewed. */
export function isDone(state: TargetState | null | undefined): boolean {
  return (doneStates as readonly (TargetState | null | undefined)[]).includes(state);
}

/** What readers see for one unit of a published translation. */
export type ReaderText = { kind: 'target'; text: string; outdated: boolean } | { kind: 'source' };

/**
 * The one rule for which text readers see: a translated or reviewed target's text; an
 * outdated target's (old) text, marked; the source (with its own lang/dir) otherwise —
 * untranslated and draft targets never reach readers.
 */
export function readerText(target: { state: TargetState; text: string } | null): ReaderText {
  if (!target) return { kind: 'source' };
  if (isDone(target.state)) return { kind: 'target', text: target.text, outdated: false };
  if (target.state === 'outdated') return { kind: 'target', text: target.text, outdated: true };
  return { kind: 'source' };
}

/**
 * Whether a translator's save replaces the target at once (`live`) or becomes a pending
 * candidate a reviewer must accept (`pending`). Readers of a published translation already
 * see every unit (its translation, or the source where there is none), so a change there
 * waits for review — unless the site lets edits to published translations go live.
 */
export function saveMode(input: {
  translationPublished: boolean;
  editsGoLive: boolean;
}): 'live' | 'pending' {
  return input.translationPublished && !input.editsGoLive ? 'pending' : 'live';
}

/**
 * History actions that changed the target (each such row is a snapshot of the target after
 * it); the other actions only record something (a conflicting text, a proposal, a rejection).
 */
export const targetChangingActions = [
  'save',
  'review',
  'send_back',
  'accept',
  'outdate',
  'restore',
  'rebase',
  'rollback',
] as const;

/** True when a history action changed the target (its row is a snapshot). */
export function changesTarget(action: string): boolean {
  return (targetChangingActions as readonly string[]).includes(action);
}

/** Actions by a person that put a text in front of readers or into the target (rollback undoes them). */
export const editActions = ['save', 'accept'] as const;

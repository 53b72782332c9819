/** The shapes exchanged by revision alignment; see README.md beside this file. */

/** A unit of the previous revision, with the stable id it already has. */
export interface PreviousUnit {
  id: string;
  /** `title`, `paragraph`, `heading`, `alt`… — units only pair with units of the same kind. */
  kind: string;
  /** Tagged text (`<pc id="1">…</pc>`, `<ph id="2"/>`, `&lt;` `&gt;` `&amp;` escaped). */
  text: string;
}

/** A unit of the new revision, before it has an id; `path` says where it sits in the document. */
export interface NextUnit {
  path: string;
  kind: string;
  text: string;
}

/**
 * How a unit of the new revision relates to the previous one:
 * `same` (identical text), `whitespace` (equal once whitespace is collapsed), `changed` (paired
 * with a similar previous unit) or `new` (no counterpart, fresh id).
 */
export type UnitChange = 'same' | 'whitespace' | 'changed' | 'new';

/** A unit of the new revision with the id it keeps (or gets) and what happened to it. */
export interface AlignedUnit {
  path: string;
  kind: string;
  text: string;
  id: string;
  change: UnitChange;
  /** The previous text when change is 'whitespace' or 'changed'. */
  previousText?: string;
}

/** The outcome of aligning two revisions: every next unit in order, and the ids that are gone. */
export interface Alignment {
  units: AlignedUnit[];
  /** Ids of previous units with no counterpart, in previous order. */
  removed: string[];
}

/** One run of a word-level diff: unchanged, only in the new text, or only in the old text. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

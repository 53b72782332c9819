/**
 * The translation editor's state as the server presents it (translate.presenter.ts) and the
 * island receives it: JSON-serializable, the same object for the server render and hydration.
 * Interface strings come resolved in `messages`, so the bundle carries no catalogs.
 */
import type { DiffPart } from '../../domain/alignment/types.js';

export type { TargetState } from '../../domain/targets.js';
import type { TargetState } from '../../domain/targets.js';
import type { PublicationPolicy } from '../../domain/publication-policy.js';

/** One inline code of a unit's source: `pc` wraps text, `ph` stands alone. */
export interface CodeState {
  kind: 'pc' | 'ph';
  /** Chip label, e.g. "link → https://example.org", "bold". */
  label: string;
}

export interface TargetView {
  /** Tagged string (`<pc id="1">…</pc>`, `<ph id="2"/>`, `&lt;` escapes). */
  text: string;
  state: TargetState;
  version: number;
  /** The viewer is the unit's last translator (so they cannot review it). */
  mine: boolean;
  reviewedByMe: boolean;
}

/** A pending proposal for a unit readers already see. */
export interface CandidateView {
  id: string;
  /** Tagged string. */
  text: string;
  authorName: string;
  createdAt: string;
  /** The viewer proposed it (so they cannot accept it). */
  mine: boolean;
  /** From the live text to the proposal. */
  diff: DiffPart[];
  /** Written against an older source. */
  staleSource: boolean;
}

/** A glossary term found in a unit's source (offsets into its plain text). */
export interface GlossaryHitView {
  term: string;
  start: number;
  end: number;
  /** The approved translation; null when the term is kept as is. */
  translation: string | null;
  doNotTranslate: boolean;
  /** Translations that must not be used. */
  forbidden: string[];
  definition: string;
  note: string;
}

/** A translation-memory match, ready to show and insert. */
export interface MemorySuggestion {
  /** 0..100 */
  score: number;
  inContext: boolean;
  /** Tagged text with the codes mapped onto this unit's (plain text when they could not be). */
  text: string;
  codesMapped: boolean;
  uses: number;
  /** "from “Title”, translated by Name" in the interface language. */
  originLabel: string;
  /** From the match's source to this unit's source. */
  diff: DiffPart[];
}

/** A machine translation, always labelled with its engine. */
export interface MachineSuggestion {
  /** The engine's id (recorded as the text's origin when inserted). */
  engine: string;
  /** Its name as shown ("Apertium"). */
  label: string;
  text: string;
  codesPlaced: boolean;
}

/** Whether machine translation can be asked for this language pair (and why not). */
export type MachineState =
  | { state: 'disabled' }
  | { state: 'ready'; engine: string }
  | { state: 'paused'; engine: string; until: string; reason: string };

/** What the suggestions panel of one unit shows. */
export interface SuggestionsView {
  memory: MemorySuggestion[];
  /** False when the memory's time budget cut the search short. */
  memoryComplete: boolean;
  machine: MachineSuggestion | null;
  machineState: MachineState;
  /** A message when machine translation was asked for and failed (the panel says so). */
  machineError: string | null;
}

/** A quality warning on a saved unit (never blocking). */
export interface FindingView {
  id: string;
  check: string;
  /** In the interface language. */
  message: string;
  /** Who dismissed it and why, once dismissed. */
  dismissed: { by: string; reason: string } | null;
}

export interface UnitState {
  unitId: string;
  kind: string;
  /** The kind in the interface language ("Paragraph", "Título"…). */
  kindLabel: string;
  /** The source's tagged string. */
  source: string;
  /** The source revision this text is from; every save sends it back. */
  sourceRevision: number;
  codes: Record<string, CodeState>;
  target: TargetView | null;
  /** For outdated targets: word diff from the source it was translated from to the current one. */
  diff: DiffPart[] | null;
  /** Why a reviewer sent the unit back (until it is saved again). */
  reviewComment: string | null;
  /** Pending proposals, oldest first. */
  candidates: CandidateView[];
  /** Glossary terms found in the source. */
  glossary: GlossaryHitView[];
  /** Quality warnings on the current text. */
  findings: FindingView[];
}

export interface LanguageView {
  tag: string;
  /** Name in the interface language. */
  name: string;
  dir: 'ltr' | 'rtl';
}

export interface ProgressState {
  total: number;
  translated: number;
  reviewed: number;
  outdated: number;
  completion: number;
}

/**
 * A plural message pre-resolved per CLDR category of the interface language: `{n}` stands for
 * the formatted count; `zero` is the text for exactly 0 (an ICU `=0` branch, if any).
 */
export interface PluralTemplates {
  lang: string;
  zero: string;
  categories: Partial<Record<Intl.LDMLPluralRule, string>>;
}

/** Every interface string the island shows, by short name (catalog key `editor.<name>`). */
export const MESSAGE_NAMES = [
  'heading',
  'original',
  'noscript',
  'sourceColumn',
  'targetColumn',
  'progress',
  'progressOutdated',
  'progressLabel',
  'filterLegend',
  'filterAll',
  'filterUntranslated',
  'filterOutdated',
  'filterMine',
  'filterEmpty',
  'empty',
  'codesLabel',
  'codesHint',
  'insertCode',
  'statusSaved',
  'statusSaving',
  'statusDirty',
  'statusInvalid',
  'statusError',
  'statusConflict',
  'statusNetwork',
  'stateUntranslated',
  'stateDraft',
  'stateTranslated',
  'stateReviewed',
  'stateOutdated',
  'saveNext',
  'conflictTitle',
  'conflictTheirs',
  'conflictYours',
  'conflictKeepMine',
  'conflictUseTheirs',
  'outdatedTitle',
  'sentBack',
  'diffRemoved',
  'diffAdded',
  'approve',
  'sendBack',
  'sendBackComment',
  'sendBackSubmit',
  'cancel',
  'reviewedByYou',
  'ownWork',
  'publish',
  'publishing',
  'published',
  'readTranslation',
  'keysSummary',
  'keysSaveNext',
  'keysNavigate',
  'keysCode',
  'statusPending',
  'pendingNotice',
  'pendingTitle',
  'proposedBy',
  'candidateStale',
  'accept',
  'reject',
  'rejectComment',
  'rejectSubmit',
  'notTranslator',
  'sourceChanged',
  'filterPending',
  'suggestionsTitle',
  'suggestionsLoading',
  'suggestionsError',
  'suggestionsNone',
  'suggestionsPartial',
  'memoryLabel',
  'memoryScore',
  'memoryInContext',
  'noCodes',
  'machineLabel',
  'machinePaused',
  'insertSuggestion',
  'copySource',
  'glossaryLabel',
  'glossaryDoNotTranslate',
  'glossaryForbidden',
  'findingsTitle',
  'dismiss',
  'dismissReason',
  'dismissSubmit',
  'dismissedBy',
  'keysSuggestion',
] as const;

export type MessageName = (typeof MESSAGE_NAMES)[number];

export interface EditorState {
  postId: string;
  /** The signed-in translator (to tell whose a conflicting save was). */
  userId: string;
  /** Their display name (shown on what they dismiss). */
  userName: string;
  /** When the original was first published (translations share its date path). */
  postPublishedAt: string | null;
  /** The source title as plain text. */
  title: string;
  /** The interface language (numbers and plurals are formatted in it). */
  uiLang: string;
  source: LanguageView;
  target: LanguageView;
  /** Path of the original post. */
  originalPath: string;
  translation: {
    status: 'in_progress' | 'published';
    slug: string;
    /** Where readers find the translation once published, else null. */
    path: string | null;
  };
  units: UnitState[];
  progress: ProgressState;
  /** Other people in this translation in the last two minutes. */
  others: number;
  /** The viewer may save (translator role). */
  canTranslate: boolean;
  canReview: boolean;
  /** The viewer may publish now by the site's policy (as the page was loaded). */
  canPublish: boolean;
  /** The site's publication policy: the publish button follows `publicationProblem` live. */
  publication: { policy: PublicationPolicy; asEditor: boolean };
  /** Saves become proposals that a reviewer accepts before readers see them. */
  savesNeedReview: boolean;
  messages: Record<MessageName, string>;
  plurals: {
    presence: PluralTemplates;
    uses: PluralTemplates;
    memoryMatches: PluralTemplates;
    /** "N more segments must be translated…" (publication policy). */
    publishMore: PluralTemplates;
    /** "N translated segments still need review…" (publication policy). */
    publishUnreviewed: PluralTemplates;
  };
  /** How many units not translated yet have a translation-memory match. */
  memoryMatches: number;
  /** Machine translation for this language pair. */
  machine: MachineState;
}

/** Fills `{name}` placeholders of a resolved message (values are already formatted). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** Formats a pre-resolved plural message for `count`. */
export function plural(templates: PluralTemplates, count: number): string {
  const n = new Intl.NumberFormat(templates.lang).format(count);
  if (count === 0) return fill(templates.zero, { n });
  const category = new Intl.PluralRules(templates.lang).select(count);
  const template = templates.categories[category] ?? templates.categories.other ?? '';
  return fill(template, { n });
}

/** The translation model: units, translations, targets and their history, presence. */

import type { Origin, Provenance, TargetState } from '../../domain/targets.js';

export type { Provenance, TargetState } from '../../domain/targets.js';

/** One unit of a published source revision; `unitId` is stable across revisions (alignment). */
export interface UnitRecord {
  postId: string;
  revision: number;
  unitId: string;
  position: number;
  path: string;
  kind: string;
  source: string;
  codes: Record<string, { kind: 'pc' | 'ph'; label: string }>;
}

/** The whole text a translation was imported from (migration 0030). */
export interface TranslationReference {
  postId: string;
  language: string;
  /** Where it came from: `wordpress`. */
  source: string;
  title: string;
  bodyMarkdown: string;
  /** Units of the original it could not be aligned with. */
  unaligned: number;
  createdAt: string;
}

export interface TranslationRecord {
  id: string;
  postId: string;
  language: string;
  slug: string;
  status: 'in_progress' | 'published';
  publishedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TargetRecord {
  translationId: string;
  unitId: string;
  text: string;
  state: TargetState;
  /** The state before the target became outdated (restored on an exact revert). */
  previousState: TargetState | null;
  /** The source text this translation was made from (shown as a diff when outdated). */
  baseSource: string | null;
  baseRevision: number | null;
  version: number;
  provenance: Provenance;
  translatedBy: string | null;
  reviewedBy: string | null;
  updatedAt: string;
  /** The suggestion the text started from (machine translation or memory), if any. */
  origin?: Origin | null;
}

export interface TargetHistoryRecord {
  id: string;
  translationId: string;
  unitId: string;
  version: number;
  text: string;
  state: TargetState;
  baseRevision: number | null;
  provenance: Provenance;
  /**
   * Target-changing (see `changesTarget`): save | review | send_back | accept | outdate |
   * restore | rebase | rollback; records: conflict | propose | reject.
   */
  action: string;
  comment: string | null;
  userId: string | null;
  createdAt: string;
  /** The rest of the target after a target-changing action; null on records and older rows. */
  snapshot?: TargetSnapshot | null;
  /** The candidate the action was about (proposed, accepted, rejected, made active). */
  candidateId?: string | null;
}

/** What a history row keeps of a target besides text, state, version and base revision. */
export interface TargetSnapshot {
  baseSource: string | null;
  previousState: TargetState | null;
  translatedBy: string | null;
  reviewedBy: string | null;
}

export interface TranslationRepository {
  insertUnits(units: readonly UnitRecord[]): Promise<void>;
  /** Units of one revision in document order. */
  units(postId: string, revision: number): Promise<UnitRecord[]>;
  /** The newest revision of the post that has units, or null. */
  latestUnitRevision(postId: string): Promise<number | null>;
  /** One unit as it was in one published revision, or null. */
  unitAt(postId: string, revision: number, unitId: string): Promise<UnitRecord | null>;
  createTranslation(translation: TranslationRecord): Promise<void>;
  /**
   * Inserts the translation unless one exists for its (post, language) or its slug is taken in
   * its language (constraint-backed, no error); true when this call inserted it.
   */
  insertTranslationIfAbsent(translation: TranslationRecord): Promise<boolean>;
  /**
   * Sets the slug if no other translation in the language has it (unique constraint; checked
   * inside a savepoint so the surrounding transaction survives); false when taken.
   */
  trySetSlug(id: string, slug: string, updatedAt: string): Promise<boolean>;
  updateTranslation(
    id: string,
    changes: Partial<Pick<TranslationRecord, 'slug' | 'status' | 'publishedAt' | 'updatedAt'>>,
  ): Promise<void>;
  findTranslation(postId: string, language: string): Promise<TranslationRecord | null>;
  /**
   * Keeps the text a translation was imported from (the first one kept stays: a re-run of the
   * import writes nothing).
   */
  saveReference(reference: TranslationReference): Promise<void>;
  findReference(postId: string, language: string): Promise<TranslationReference | null>;
  findTranslationBySlug(language: string, slug: string): Promise<TranslationRecord | null>;
  translationsOfPosts(postIds: readonly string[]): Promise<TranslationRecord[]>;
  translationsByIds(ids: readonly string[]): Promise<TranslationRecord[]>;
  /** Every published translation's post, language and slug (for the sitemap); one query. */
  publishedTranslationIndex(): Promise<{ postId: string; language: string; slug: string }[]>;
  /** Translations in `languages` (or all), newest first, with the post's title for hubs. */
  listTranslations(filter: {
    languages?: readonly string[];
    userId?: string;
  }): Promise<TranslationRecord[]>;
  targets(translationIds: readonly string[]): Promise<TargetRecord[]>;
  /**
   * Completion on every reader page that lists versions, counted by the database: the units
   * of a post's revision, and per translation how many of them are done (translated or
   * reviewed; targets of units no longer in the source are not counted).
   */
  completionCounts(
    postId: string,
    revision: number,
    translationIds: readonly string[],
  ): Promise<{ units: number; done: Map<string, number> }>;
  /** Only the targets of `unitIds` (outdated marking touches the changed units only). */
  targetsOfUnits(
    translationIds: readonly string[],
    unitIds: readonly string[],
  ): Promise<TargetRecord[]>;
  target(translationId: string, unitId: string): Promise<TargetRecord | null>;
  /**
   * Writes a target only if its stored version is `expectedVersion` (0: it must not exist yet).
   * Returns false when someone else saved first.
   */
  writeTarget(target: TargetRecord, expectedVersion: number): Promise<boolean>;
  addHistory(entry: TargetHistoryRecord): Promise<void>;
  history(translationId: string, unitId: string): Promise<TargetHistoryRecord[]>;
  /**
   * History rows of `actions` written by `userId` at or after `since`, oldest first, across
   * every translation (an editor's rollback of one account).
   */
  actionsBy(
    userId: string,
    since: string,
    actions: readonly string[],
  ): Promise<TargetHistoryRecord[]>;
  /** Reviewers' send-back entries of a translation, oldest first. */
  sentBack(translationId: string): Promise<TargetHistoryRecord[]>;
  touchPresence(translationId: string, userId: string, now: string): Promise<void>;
  /** Deletes the presence rows last seen before `before`; how many. */
  prunePresence(before: string): Promise<number>;
  /** Users seen on the translation since `since`. */
  presence(translationId: string, since: string): Promise<string[]>;
}

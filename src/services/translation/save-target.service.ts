/**
 * Saving one unit of a translation. A save carries the target version it edited (a stale one
 * is a conflict that keeps both texts) and the source revision the translator was shown (a
 * translation of a source that has changed since is kept as outdated against what they saw,
 * never as current). In a published translation the save becomes a pending candidate that a
 * reviewer must accept; readers keep what they see. Requires the translator role.
 */
import { needsTranslationKey } from '../../domain/digest.js';
import { wordDiff } from '../../domain/alignment/index.js';
import type { DiffPart } from '../../domain/alignment/index.js';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { provenanceOf, saveMode } from '../../domain/targets.js';
import type { Origin } from '../../domain/targets.js';
import type { StoredFinding } from '../checks/stored-finding.js';
import { cachedMachineText } from '../mt/cached-machine-text.service.js';
import { rememberTarget } from './memory-hooks.js';
import { checkSavedText } from './save-checks.js';
import { checkTarget, isUnitKind } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';
import type {
  CandidateRecord,
  PostRecord,
  Store,
  TargetRecord,
  TranslationRecord,
  UnitRecord,
} from '../repositories.js';
import { indexTranslation } from '../reader/search.service.js';
import { progressOf } from './progress.js';
import type { TranslationProgress } from './progress.js';
import {
  ensureTranslation,
  historyOf,
  publishedUnits,
  recordOf,
  targetLanguage,
  textHash,
} from './translation-context.js';

/** Raised when a save names an older version than the stored one; carries both texts. */
export class TargetConflictError extends DomainError {
  constructor(
    readonly unitId: string,
    readonly theirs: TargetRecord,
    readonly yours: string,
  ) {
    super(
      'conflict',
      'Someone else saved this segment after you started; both texts are kept — choose or merge, then save again',
    );
    this.name = 'TargetConflictError';
  }
}

export interface SaveTargetInput {
  postId: string;
  language: string;
  unitId: string;
  text: string;
  /** The version the translator edited (0 for a unit nobody translated yet). */
  version: number;
  /** The source revision of the unit as the editor showed it (`EditorUnit.sourceRevision`). */
  sourceRevision: number;
  /** 'draft' keeps working; 'translated' (default) marks the unit done. */
  state?: 'draft' | 'translated';
  /** The suggestion the text started from (a memory match, or a machine translation). */
  origin?: SaveOrigin;
  /** `import`: the text came from a file (XLIFF, PO) rather than typed in the editor. */
  provenance?: 'import';
}

/** What the editor says a text started from; a machine translation is looked up, never trusted. */
export type SaveOrigin =
  { kind: 'memory'; text: string; score: number } | { kind: 'machine'; engine: string };

/** The current source of a unit whose source changed while the translator worked on it. */
export interface ChangedSource {
  source: string;
  sourceRevision: number;
  codes: UnitRecord['codes'];
  /** From the source the translator saw to the current one. */
  diff: DiffPart[];
}

export type SaveTargetResult =
  | {
      outcome: 'saved';
      target: TargetRecord;
      progress: TranslationProgress;
      /** Set when the translation was made against an older source (it is kept outdated). */
      changedSource: ChangedSource | null;
      /** Quality warnings of the saved text (never blocking). */
      findings: StoredFinding[];
    }
  | {
      outcome: 'pending';
      /** The proposal readers will see once a reviewer accepts it. */
      candidate: CandidateRecord;
      /** What readers keep seeing meanwhile (null: the source). */
      target: TargetRecord | null;
      progress: TranslationProgress;
      changedSource: ChangedSource | null;
      findings: StoredFinding[];
    };

type Outcome =
  | (SaveTargetResult & { translation: TranslationRecord; changed: boolean })
  | { outcome: 'conflict'; theirs: TargetRecord | null }
  | { outcome: 'removed' };

/**
 * Saves one unit. Throws ForbiddenError without the translator role, ValidationError naming
 * the missing/duplicated code or markup (`text`) or an unknown `sourceRevision`,
 * TargetConflictError when someone saved first (the text is kept in the history).
 */
export async function saveTarget(
  deps: ServiceDeps,
  actor: Actor,
  input: SaveTargetInput,
): Promise<SaveTargetResult> {
  if (!hasRole(actor, 'translator'))
    throw new ForbiddenError(
      'Saving translations needs the translator role; an administrator can give it to you',
    );
  const now = deps.clock.now().toISOString();
  const result: Outcome = await deps.store.transaction(async (store) => {
    const { post, units } = await publishedUnits(deps, store, input.postId);
    const language = targetLanguage(post, input.language);
    const unit = units.find((u) => u.unitId === input.unitId);
    if (!unit) return removedSegment(deps, store, post, language, actor, input, now);
    const shown = await shownSource(store, unit, input.sourceRevision);
    const problems = checkTarget(
      {
        path: shown.path,
        kind: isUnitKind(shown.kind) ? shown.kind : 'paragraph',
        text: shown.source,
        codes: shown.codes,
      },
      input.text,
    );
    if (problems.length > 0)
      throw new ValidationError(problems.map((p) => ({ field: 'text', message: p.message })));
    const changedSource: ChangedSource | null =
      shown.source === unit.source
        ? null
        : {
            source: unit.source,
            sourceRevision: unit.revision,
            codes: unit.codes,
            diff: wordDiff(shown.source, unit.source),
          };
    const translation = await ensureTranslation(deps, store, post, language, actor, now);
    const current = await store.translations.target(translation.id, unit.unitId);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.version) {
      await keepConflictingText(deps, store, translation, unit, actor, input, now);
      return { outcome: 'conflict', theirs: current };
    }
    const origin = await resolveOrigin({ ...deps, store }, input.origin, {
      sourceLanguage: post.sourceLanguage,
      targetLanguage: language,
      source: shown.source,
    });
    const context = {
      deps,
      store,
      translation,
      unit,
      shown,
      actor,
      input,
      now,
      current,
      // A later edit of a text that started from a suggestion (after a reload, say) keeps
      // counting against that suggestion, so the unmodified share cannot be saved away.
      origin:
        input.provenance === 'import'
          ? null
          : (origin ??
            (current?.origin && current.translatedBy === actor.id ? current.origin : null)),
    };
    const mode = saveMode({
      translationPublished: translation.status === 'published',
      editsGoLive: deps.settings.translationEditsGoLive,
    });
    const done =
      mode === 'pending' ? await propose(context) : await saveLive(context, changedSource !== null);
    if (done === null)
      return {
        outcome: 'conflict',
        theirs: await store.translations.target(translation.id, unit.unitId),
      };
    await store.translations.updateTranslation(translation.id, { updatedAt: now });
    await store.translations.touchPresence(translation.id, actor.id, now);
    if (done.kind === 'saved' && done.changed)
      await rememberTarget(store, {
        post,
        targetLanguage: language,
        units,
        target: done.target,
        replaced: current?.text ?? null,
        at: now,
      });
    const findings = await checkSavedText(deps, store, {
      translationId: translation.id,
      sourceLanguage: post.sourceLanguage,
      targetLanguage: language,
      shown,
      text: input.text,
      origin: context.origin,
      version: done.kind === 'pending' ? currentVersion : done.target.version,
      savedBy: actor.id,
    });
    const targets = await store.translations.targets([translation.id]);
    const progress = progressOf(units, targets);
    if (done.kind === 'pending')
      return {
        outcome: 'pending',
        candidate: done.candidate,
        target: current,
        progress,
        changedSource,
        findings,
        translation,
        changed: false,
      };
    if (translation.status === 'published' && done.changed)
      await indexTranslation(deps, store, translation, units, targets);
    return {
      outcome: 'saved',
      target: done.target,
      progress,
      changedSource,
      findings,
      translation,
      changed: done.changed,
    };
  });
  if (result.outcome === 'removed')
    throw new DomainError(
      'conflict',
      'This segment was removed from the original while you were translating it; your text is kept in the history',
    );
  if (result.outcome === 'conflict') {
    if (!result.theirs)
      throw new DomainError('conflict', 'This segment changed while you were editing; reload it');
    throw new TargetConflictError(input.unitId, result.theirs, input.text);
  }
  if (result.outcome === 'pending') {
    const { candidate, target, progress, changedSource, findings } = result;
    return { outcome: 'pending', candidate, target, progress, changedSource, findings };
  }
  // A live change of a published translation is what readers see now.
  if (result.translation.status === 'published' && result.changed)
    deps.changes.publish({ keys: [`post:${input.postId}`] });
  // What needs translating into the language may have changed (a first save, an update).
  deps.changes.publish({ keys: [needsTranslationKey(result.translation.language)] });
  const { target, progress, changedSource, findings } = result;
  return { outcome: 'saved', target, progress, changedSource, findings };
}

/** The unit as the translator was shown it: the current one, or the one of an older revision. */
async function shownSource(
  store: Store,
  unit: UnitRecord,
  sourceRevision: number,
): Promise<UnitRecord> {
  if (sourceRevision === unit.revision) return unit;
  const older =
    sourceRevision < unit.revision
      ? await store.translations.unitAt(unit.postId, sourceRevision, unit.unitId)
      : null;
  if (!older)
    throw new ValidationError([
      {
        field: 'sourceRevision',
        message: `This segment was not in revision ${sourceRevision} of the post; reload the editor`,
      },
    ]);
  return older;
}

/**
 * The segment is not in the current source. If it was in the revision the translator saw, it
 * was removed meanwhile: their text is kept in the history (never lost) and they are told.
 */
async function removedSegment(
  deps: ServiceDeps,
  store: Store,
  post: PostRecord,
  language: string,
  actor: Actor,
  input: SaveTargetInput,
  now: string,
): Promise<{ outcome: 'removed' }> {
  const seen = await store.translations.unitAt(post.id, input.sourceRevision, input.unitId);
  if (!seen) throw new NotFoundError('Segment');
  const translation = await ensureTranslation(deps, store, post, language, actor, now);
  await keepConflictingText(deps, store, translation, seen, actor, input, now);
  return { outcome: 'removed' };
}

/**
 * The origin a save records. A machine translation is the one the engine gave for this very
 * source (kept in mt_cache) — a client's copy could claim anything — and a claimed one that
 * was never suggested is not recorded. A memory match's text is kept as sent (it only labels
 * where the text came from).
 */
async function resolveOrigin(
  deps: ServiceDeps,
  origin: SaveOrigin | undefined,
  pair: { sourceLanguage: string; targetLanguage: string; source: string },
): Promise<Origin | null> {
  if (!origin) return null;
  if (origin.kind === 'memory')
    return { kind: 'memory', text: origin.text, engine: null, score: Math.round(origin.score) };
  const text = await cachedMachineText(deps, { engine: origin.engine, ...pair });
  return text === null ? null : { kind: 'machine', text, engine: origin.engine, score: null };
}

interface SaveContext {
  origin: Origin | null;
  deps: ServiceDeps;
  store: Store;
  translation: TranslationRecord;
  unit: UnitRecord;
  shown: UnitRecord;
  actor: Actor;
  input: SaveTargetInput;
  now: string;
  current: TargetRecord | null;
}

/** A stale save is never applied and never dropped: the text goes to the history. */
async function keepConflictingText(
  deps: ServiceDeps,
  store: Store,
  translation: TranslationRecord,
  unit: UnitRecord,
  actor: Actor,
  input: SaveTargetInput,
  now: string,
): Promise<void> {
  await store.translations.addHistory(
    recordOf(deps, {
      translationId: translation.id,
      unitId: unit.unitId,
      version: input.version,
      text: input.text,
      baseRevision: input.sourceRevision,
      action: 'conflict',
      userId: actor.id,
      now,
    }),
  );
}

/**
 * The save replaces the target. Whoever first wrote this very text for the unit is credited
 * as its translator (re-saving someone's words does not make them yours — so nobody can
 * approve their own text through a second account). Null when another save won the race.
 */
async function saveLive(
  context: SaveContext,
  stale: boolean,
): Promise<{ kind: 'saved'; target: TargetRecord; changed: true } | null> {
  const { deps, store, translation, unit, shown, actor, input, now, current, origin } = context;
  const hash = textHash(input.text);
  const first = await store.candidates.firstWithText(translation.id, unit.unitId, hash);
  const author = first?.authorId ?? actor.id;
  const wanted = input.state ?? 'translated';
  const target: TargetRecord = {
    translationId: translation.id,
    unitId: unit.unitId,
    text: input.text,
    // Made against a source that has changed since: kept, but outdated against what was shown.
    state: stale && wanted === 'translated' ? 'outdated' : wanted,
    previousState: stale && wanted === 'translated' ? 'translated' : null,
    baseSource: shown.source,
    baseRevision: shown.revision,
    version: (current?.version ?? 0) + 1,
    provenance: input.provenance ?? provenanceOf(origin),
    translatedBy: author,
    reviewedBy: null,
    updatedAt: now,
    origin,
  };
  if (!(await store.translations.writeTarget(target, current?.version ?? 0))) {
    await keepConflictingText(deps, store, translation, unit, actor, input, now);
    return null;
  }
  await store.candidates.supersedeActive(translation.id, unit.unitId, now);
  // The author's own proposals for the unit are replaced by what they just saved (proposals
  // exist only once a translation is published).
  if (translation.status === 'published')
    await store.candidates.supersedePendingOf(translation.id, unit.unitId, actor.id, now);
  const candidateId = deps.newId();
  await store.candidates.insert({
    id: candidateId,
    translationId: translation.id,
    unitId: unit.unitId,
    text: input.text,
    textHash: hash,
    status: 'active',
    provenance: input.provenance ?? provenanceOf(origin),
    baseSource: shown.source,
    baseRevision: shown.revision,
    basedOnVersion: current?.version ?? 0,
    authorId: author,
    createdAt: now,
    decidedBy: actor.id,
    decidedAt: now,
    comment: null,
    origin,
  });
  await store.translations.addHistory(
    historyOf(deps, target, { action: 'save', userId: actor.id, now, candidateId }),
  );
  return { kind: 'saved', target, changed: true };
}

/**
 * The save becomes a pending candidate; the target (what readers see) is untouched. The same
 * text proposed twice is one candidate, credited to whoever wrote it first; a translator's
 * newer proposal for the unit supersedes their older one.
 */
async function propose(
  context: SaveContext,
): Promise<
  | { kind: 'pending'; candidate: CandidateRecord }
  | { kind: 'saved'; target: TargetRecord; changed: false }
> {
  const { deps, store, translation, unit, shown, actor, input, now, current, origin } = context;
  const hash = textHash(input.text);
  if (
    current &&
    current.text === input.text &&
    current.baseSource === unit.source &&
    current.state !== 'outdated'
  )
    return { kind: 'saved', target: current, changed: false };
  const record = (candidate: CandidateRecord) =>
    store.translations.addHistory(
      recordOf(deps, {
        translationId: translation.id,
        unitId: unit.unitId,
        version: current?.version ?? 0,
        text: input.text,
        baseRevision: shown.revision,
        action: 'propose',
        userId: actor.id,
        now,
        candidateId: candidate.id,
      }),
    );
  const existing = await store.candidates.pendingWithText(translation.id, unit.unitId, hash);
  if (existing) {
    await record(existing);
    return { kind: 'pending', candidate: existing };
  }
  await store.candidates.supersedePendingOf(translation.id, unit.unitId, actor.id, now);
  const first = await store.candidates.firstWithText(translation.id, unit.unitId, hash);
  const candidate: CandidateRecord = {
    id: deps.newId(),
    translationId: translation.id,
    unitId: unit.unitId,
    text: input.text,
    textHash: hash,
    status: 'pending',
    provenance: input.provenance ?? provenanceOf(origin),
    baseSource: shown.source,
    baseRevision: shown.revision,
    basedOnVersion: current?.version ?? 0,
    authorId: first?.authorId ?? actor.id,
    createdAt: now,
    decidedBy: null,
    decidedAt: null,
    comment: null,
    origin,
  };
  if (!(await store.candidates.insert(candidate))) {
    // The same text was proposed at the same moment: that proposal is this one.
    const same = await store.candidates.pendingWithText(translation.id, unit.unitId, hash);
    if (!same)
      throw new DomainError('conflict', 'This segment changed while you were editing; reload it');
    await record(same);
    return { kind: 'pending', candidate: same };
  }
  await record(candidate);
  return { kind: 'pending', candidate };
}

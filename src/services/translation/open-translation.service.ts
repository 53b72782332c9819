/**
 * What the translation editor shows: every unit of the published source beside its target,
 * the source revision each unit was shown with (saves send it back), the diff of outdated
 * units, reviewers' comments, and the pending proposals with their diff against the live
 * text. Reading never writes: a translation row is created by the first save, not by opening.
 */
import { wordDiff } from '../../domain/alignment/index.js';
import type { DiffPart } from '../../domain/alignment/index.js';
import { publicationProblem } from '../../domain/publication-policy.js';
import type { PublicationPolicy } from '../../domain/publication-policy.js';
import { hasRole } from '../../domain/roles.js';
import { reviewsLanguage } from '../auth/review-rights.js';
import type { Actor } from '../../domain/roles.js';
import { isDone, saveMode } from '../../domain/targets.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord, TargetRecord, TranslationRecord, UnitRecord } from '../repositories.js';
import { findingsByUnit, findingsOf } from '../checks/findings-of.service.js';
import type { CurrentFinding } from '../checks/findings-of.service.js';
import { glossaryMatches } from '../glossary/glossary-matches.service.js';
import type { GlossaryHit } from '../glossary/glossary-matches.service.js';
import { memoryMatchCounts } from '../memory/memory-match-counts.service.js';
import { machineStatus } from '../mt/machine-status.service.js';
import type { MtStatus } from '../mt/status.js';
import { othersIn } from './presence.service.js';
import { progressOf } from './progress.js';
import type { TranslationProgress } from './progress.js';
import { publishedUnits, targetLanguage } from './translation-context.js';

/** A pending proposal as the editor shows it. */
export interface EditorCandidate {
  id: string;
  text: string;
  authorId: string | null;
  authorName: string;
  createdAt: string;
  /** From the live text (or nothing) to the proposal. */
  diff: DiffPart[];
  /** The proposal was written against an older source (accepting keeps it outdated). */
  staleSource: boolean;
}

export interface EditorUnit {
  unitId: string;
  kind: string;
  source: string;
  /** The revision the source is from; a save sends it back (source binding). */
  sourceRevision: number;
  codes: UnitRecord['codes'];
  target: TargetRecord | null;
  /** For outdated targets: what changed in the source since the translation was made. */
  diff: DiffPart[] | null;
  /** A reviewer's reason for sending the unit back, while nobody saved it since. */
  reviewComment: string | null;
  /** Pending proposals for this unit, oldest first. */
  candidates: EditorCandidate[];
  /** Glossary terms found in the source. */
  glossary: GlossaryHit[];
  /** Quality warnings of the active text (and of the viewer's own proposal). */
  findings: CurrentFinding[];
}

export interface EditorData {
  post: PostRecord;
  /** Null until somebody saves the first unit. */
  translation: TranslationRecord | null;
  sourceLanguage: string;
  language: string;
  units: EditorUnit[];
  progress: TranslationProgress;
  /** Other people seen in this translation in the last two minutes. */
  others: number;
  canTranslate: boolean;
  canReview: boolean;
  /**
   * The viewer may publish the translation now by the site's policy (`publicationProblem`;
   * the machine-translation limit is checked on publishing).
   */
  canPublish: boolean;
  /** The policy in effect and whether the viewer publishes as an editor (the island re-checks live). */
  publication: { policy: PublicationPolicy; asEditor: boolean };
  /** Saves become proposals a reviewer accepts (the translation is published). */
  savesNeedReview: boolean;
  /** Machine translation for the pair: off, ready or paused (and why). */
  machine: MtStatus;
  /** How many units not translated yet have a translation-memory match. */
  memoryMatches: number;
}

/** The editor's data for `post` in `languageTag`. Throws NotFoundError / ValidationError. */
export async function loadEditor(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  languageTag: string,
): Promise<EditorData> {
  const now = deps.clock.now();
  const store = deps.store;
  const { post, units } = await publishedUnits(deps, store, postId);
  const language = targetLanguage(post, languageTag);
  const translation = await store.translations.findTranslation(post.id, language);
  const [targets, sentBack, pending, others, findings] = translation
    ? await Promise.all([
        store.translations.targets([translation.id]),
        store.translations.sentBack(translation.id),
        store.candidates.pending(translation.id),
        othersIn(deps, translation.id, actor.id, now),
        findingsOf(store, translation.id),
      ])
    : [[], [], [], 0, []];
  const pair = { sourceLanguage: post.sourceLanguage, targetLanguage: language };
  const glossary = await Promise.all(
    units.map((unit) => glossaryMatches(deps, { ...pair, source: unit.source })),
  );
  const machine = await machineStatus(deps, pair);
  const done = new Set(targets.filter((t) => isDone(t.state)).map((t) => t.unitId));
  const matched = await memoryMatchCounts(deps, {
    ...pair,
    units: units
      .filter((u) => !done.has(u.unitId))
      .map((u) => ({ unitId: u.unitId, source: u.source })),
    ...(translation ? { translationId: translation.id } : {}),
  });
  const findingsOfUnit = findingsByUnit(findings);
  const byUnit = new Map(targets.map((t) => [t.unitId, t]));
  const comments = new Map(sentBack.map((h) => [h.unitId, h]));
  const authorIds = [...new Set(pending.flatMap((c) => (c.authorId ? [c.authorId] : [])))];
  const names = new Map(
    (await store.users.publicProfiles(authorIds)).map((p) => [p.id, p.displayName]),
  );
  const sources = new Map(units.map((u) => [u.unitId, u.source]));
  const progress = progressOf(units, targets);
  // Reviewing and publishing follow the same per-language rights.
  const canReview = await reviewsLanguage(store, actor, language);
  // Read at the request: an administrator may have changed the policy since start-up.
  const policy = { ...deps.settings.publication };
  const asEditor = hasRole(actor, 'editor');
  return {
    post,
    translation,
    sourceLanguage: post.sourceLanguage,
    language,
    units: units.map((unit, index) => {
      const target = byUnit.get(unit.unitId) ?? null;
      const diff =
        target?.state === 'outdated' && target.baseSource !== null
          ? wordDiff(target.baseSource, unit.source)
          : null;
      const sent = comments.get(unit.unitId);
      const reviewComment = target && sent && sent.version === target.version ? sent.comment : null;
      return {
        unitId: unit.unitId,
        kind: unit.kind,
        source: unit.source,
        sourceRevision: unit.revision,
        codes: unit.codes,
        target,
        diff,
        reviewComment,
        glossary: glossary[index] ?? [],
        // The active text's warnings, and those of the viewer's own proposal (what their box shows).
        findings: (findingsOfUnit.get(unit.unitId) ?? []).filter(
          (f) =>
            f.candidateId === null ||
            pending.some((c) => c.id === f.candidateId && c.authorId === actor.id),
        ),
        candidates: pending
          .filter((c) => c.unitId === unit.unitId)
          .map((c) => ({
            id: c.id,
            text: c.text,
            authorId: c.authorId,
            authorName: (c.authorId && names.get(c.authorId)) || '—',
            createdAt: c.createdAt,
            diff: wordDiff(target && target.state !== 'draft' ? target.text : '', c.text),
            staleSource: c.baseSource !== sources.get(c.unitId),
          })),
      };
    }),
    progress,
    others,
    canTranslate: hasRole(actor, 'translator'),
    canReview,
    canPublish:
      canReview && translation !== null && publicationProblem(progress, policy, asEditor) === null,
    publication: { policy, asEditor },
    machine,
    memoryMatches: matched.size,
    savesNeedReview:
      saveMode({
        translationPublished: translation?.status === 'published',
        editsGoLive: deps.settings.translationEditsGoLive,
      }) === 'pending',
  };
}

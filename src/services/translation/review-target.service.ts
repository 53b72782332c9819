/**
 * Reviewing: a reviewer approves a translated unit or sends it back (before the translation
 * is published), and accepts or rejects pending candidates (proposals for units readers
 * already see). Never one's own text: the check is against who wrote the text — the first
 * author of that very text for the unit — not against who saved it last.
 */
import type { PostKind } from '../../domain/post-kind.js';
import { forgetTarget, rememberTarget } from './memory-hooks.js';
import { wordDiff } from '../../domain/alignment/index.js';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import { requireReviewerOf } from '../auth/review-rights.js';
import type { Actor } from '../../domain/roles.js';
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
import { notifyReviewed } from '../notifications/events.js';
import { progressOf } from './progress.js';
import type { TranslationProgress } from './progress.js';
import { machineLimitProblem, publishInStore } from './publish-translation.service.js';
import {
  existingTranslation,
  historyOf,
  keysOfPublication,
  publishedUnits,
  recordOf,
  targetLanguage,
  textHash,
} from './translation-context.js';

export interface ReviewInput {
  postId: string;
  language: string;
  unitId: string;
  version: number;
  action: 'approve' | 'send_back';
  comment?: string;
}

/** True when `actor` wrote `text` for the unit (first author) or is its credited translator. */
async function wroteIt(
  store: Store,
  actor: Actor,
  target: Pick<TargetRecord, 'translationId' | 'unitId' | 'text' | 'translatedBy'>,
): Promise<boolean> {
  if (target.translatedBy === actor.id) return true;
  const first = await store.candidates.firstWithText(
    target.translationId,
    target.unitId,
    textHash(target.text),
  );
  return first?.authorId === actor.id;
}

function requireReviewer(actor: Actor): void {
  if (!hasRole(actor, 'reviewer'))
    throw new ForbiddenError('Only reviewers can review translations');
}

/**
 * Approves a translated unit or sends it back to draft with a comment. When every unit is
 * reviewed the translation is published. Once it is published, its units change only through
 * candidates (accept/reject), so sending back — which would take text away from readers — is
 * refused there.
 */
export async function reviewTarget(
  deps: ServiceDeps,
  actor: Actor,
  input: ReviewInput,
): Promise<{
  target: TargetRecord;
  progress: TranslationProgress;
  published: boolean;
  slug: string;
  /** Why a fully reviewed translation was not published (unmodified machine translation). */
  blocked: string | null;
}> {
  requireReviewer(actor);
  const now = deps.clock.now().toISOString();
  let kind: PostKind | undefined;
  const result = await deps.store.transaction(async (store) => {
    const { post, units } = await publishedUnits(deps, store, input.postId);
    kind = post.kind;
    const translation = await existingTranslation(
      store,
      post,
      targetLanguage(post, input.language),
    );
    await requireReviewerOf(store, actor, translation.language);
    const unit = units.find((u) => u.unitId === input.unitId);
    const current = unit ? await store.translations.target(translation.id, unit.unitId) : null;
    if (!unit || !current) throw new NotFoundError('Translated segment');
    if (await wroteIt(store, actor, current))
      throw new ForbiddenError('You cannot review your own translation; another reviewer has to');
    if (current.version !== input.version)
      throw new DomainError(
        'conflict',
        'This segment changed since you read it; look at the new text first',
      );
    if (input.action === 'approve' && current.state !== 'translated')
      throw new DomainError('invalid_transition', 'Only translated segments can be approved');
    if (input.action === 'send_back' && translation.status === 'published')
      throw new DomainError(
        'invalid_transition',
        'Readers see this translation: propose a better text instead, and another reviewer accepts it',
      );
    const comment = input.comment?.trim() || null;
    if (input.action === 'send_back' && !comment)
      throw new ValidationError([{ field: 'comment', message: 'Say what needs changing' }]);
    const target: TargetRecord = {
      ...current,
      state: input.action === 'approve' ? 'reviewed' : 'draft',
      reviewedBy: input.action === 'approve' ? actor.id : null,
      version: current.version + 1,
      updatedAt: now,
    };
    if (!(await store.translations.writeTarget(target, current.version)))
      throw new DomainError('conflict', 'This segment changed since you read it');
    if (input.action === 'approve')
      await rememberTarget(store, {
        post,
        targetLanguage: translation.language,
        units,
        target,
        replaced: null,
        at: now,
      });
    else
      await forgetTarget(store, {
        translationId: translation.id,
        unitId: unit.unitId,
        text: current.text,
      });
    await store.translations.addHistory(
      historyOf(deps, target, {
        action: input.action === 'approve' ? 'review' : 'send_back',
        userId: actor.id,
        now,
        comment,
      }),
    );
    await notifyReviewed(deps, store, {
      actor,
      post,
      units,
      translation,
      target: current,
      action: input.action,
      comment,
    });
    const targets = await store.translations.targets([translation.id]);
    const progress = progressOf(units, targets);
    const complete =
      translation.status !== 'published' &&
      progress.total > 0 &&
      progress.reviewed === progress.total;
    // Fully reviewed, yet mostly unmodified machine translation: not published (says why).
    const blocked = complete
      ? machineLimitProblem(deps, units, targets, translation.language)
      : null;
    const publish = complete && blocked === null;
    const slug = publish
      ? (await publishInStore(deps, store, post, translation, units, targets, now, actor.id)).slug
      : translation.slug;
    return {
      target,
      progress,
      published: publish || translation.status === 'published',
      slug,
      blocked,
    };
  });
  deps.changes.publish({
    keys: result.published ? keysOfPublication(input.postId, kind) : [`post:${input.postId}`],
  });
  return result;
}

export interface CandidateInput {
  postId: string;
  language: string;
  candidateId: string;
}

async function pendingCandidate(
  deps: ServiceDeps,
  store: Store,
  input: CandidateInput,
): Promise<{
  post: PostRecord;
  units: UnitRecord[];
  translation: TranslationRecord;
  candidate: CandidateRecord;
}> {
  const { post, units } = await publishedUnits(deps, store, input.postId);
  const translation = await existingTranslation(store, post, targetLanguage(post, input.language));
  const candidate = await store.candidates.findById(input.candidateId);
  if (!candidate || candidate.translationId !== translation.id) throw new NotFoundError('Proposal');
  if (candidate.status !== 'pending')
    throw new DomainError(
      'conflict',
      'Someone already decided about this proposal; reload to see it',
    );
  return { post, units, translation, candidate };
}

/**
 * Accepts a pending candidate: it becomes the active text readers see (reviewed, or outdated
 * when the source changed since it was written). `version` is the live target's version the
 * reviewer compared it with (0: none); a newer live text is a conflict.
 */
export async function acceptCandidate(
  deps: ServiceDeps,
  actor: Actor,
  input: CandidateInput & { version: number },
): Promise<{ target: TargetRecord; progress: TranslationProgress }> {
  requireReviewer(actor);
  const now = deps.clock.now().toISOString();
  let kind: PostKind | undefined;
  const result = await deps.store.transaction(async (store) => {
    const { post, units, translation, candidate } = await pendingCandidate(deps, store, input);
    kind = post.kind;
    await requireReviewerOf(store, actor, translation.language);
    const unit = units.find((u) => u.unitId === candidate.unitId);
    if (!unit) throw new DomainError('invalid_transition', 'This segment is no longer in the post');
    if (
      candidate.authorId === actor.id ||
      (await wroteIt(store, actor, { ...candidate, translatedBy: candidate.authorId }))
    )
      throw new ForbiddenError('You proposed this text; another reviewer has to accept it');
    const current = await store.translations.target(translation.id, unit.unitId);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.version)
      throw new DomainError(
        'conflict',
        'The live text changed since you compared; look at it again',
      );
    const stale = candidate.baseSource !== unit.source;
    const target: TargetRecord = {
      translationId: translation.id,
      unitId: unit.unitId,
      text: candidate.text,
      state: stale ? 'outdated' : 'reviewed',
      previousState: stale ? 'reviewed' : null,
      baseSource: candidate.baseSource,
      baseRevision: candidate.baseRevision,
      version: currentVersion + 1,
      provenance: candidate.provenance,
      translatedBy: candidate.authorId,
      reviewedBy: actor.id,
      updatedAt: now,
      origin: candidate.origin ?? null,
    };
    if (!(await store.translations.writeTarget(target, currentVersion)))
      throw new DomainError(
        'conflict',
        'The live text changed since you compared; look at it again',
      );
    await rememberTarget(store, {
      post,
      targetLanguage: translation.language,
      units,
      target,
      replaced: current?.text ?? null,
      at: now,
    });
    await store.candidates.supersedeActive(translation.id, unit.unitId, now);
    if (
      !(await store.candidates.decide(candidate.id, ['pending'], 'active', {
        by: actor.id,
        at: now,
        comment: null,
      }))
    )
      throw new DomainError(
        'conflict',
        'Someone already decided about this proposal; reload to see it',
      );
    await store.translations.addHistory(
      historyOf(deps, target, {
        action: 'accept',
        userId: actor.id,
        now,
        candidateId: candidate.id,
      }),
    );
    await store.translations.updateTranslation(translation.id, { updatedAt: now });
    const targets = await store.translations.targets([translation.id]);
    if (translation.status === 'published')
      await indexTranslation(deps, store, translation, units, targets);
    // Listings show a published translation's title and excerpt: drop them too when those change.
    const listed = translation.status === 'published' && isHeadline(unit.kind);
    return { target, progress: progressOf(units, targets), listed };
  });
  deps.changes.publish({
    keys: result.listed ? keysOfPublication(input.postId, kind) : [`post:${input.postId}`],
  });
  return { target: result.target, progress: result.progress };
}

/** Rejects a pending candidate with an optional reason; readers keep what they see. */
export async function rejectCandidate(
  deps: ServiceDeps,
  actor: Actor,
  input: CandidateInput & { comment?: string },
): Promise<CandidateRecord> {
  requireReviewer(actor);
  const now = deps.clock.now().toISOString();
  return deps.store.transaction(async (store) => {
    const { translation, candidate } = await pendingCandidate(deps, store, input);
    await requireReviewerOf(store, actor, translation.language);
    if (candidate.authorId === actor.id)
      throw new ForbiddenError('You proposed this text; another reviewer decides about it');
    const comment = input.comment?.trim() || null;
    if (
      !(await store.candidates.decide(candidate.id, ['pending'], 'rejected', {
        by: actor.id,
        at: now,
        comment,
      }))
    )
      throw new DomainError(
        'conflict',
        'Someone already decided about this proposal; reload to see it',
      );
    await store.translations.addHistory(
      recordOf(deps, {
        translationId: translation.id,
        unitId: candidate.unitId,
        version: candidate.basedOnVersion,
        text: candidate.text,
        baseRevision: candidate.baseRevision,
        action: 'reject',
        userId: actor.id,
        now,
        comment,
        candidateId: candidate.id,
      }),
    );
    return { ...candidate, status: 'rejected', decidedBy: actor.id, decidedAt: now, comment };
  });
}

/** The word diff a reviewer sees: from the live text (or nothing) to the proposal. */
export function candidateDiff(live: string | null, proposal: string) {
  return wordDiff(live ?? '', proposal);
}

/** Units that listing cards show (a translation's title and excerpt). */
function isHeadline(kind: string): boolean {
  return kind === 'title' || kind === 'excerpt';
}

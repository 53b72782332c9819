/**
 * Anti-vandalism rollback: an editor undoes, in one action, every translation edit one
 * account made since a moment — each unit whose live text is still that account's goes back
 * to what it was before the account's first edit there, and the account's pending proposals
 * are rejected. Units someone else has changed since are left alone and reported. Every
 * change is a new history row (action `rollback`); nothing is deleted.
 */
import { rememberTarget } from './memory-hooks.js';
import { ForbiddenError, ValidationError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { changesTarget, editActions, isDone } from '../../domain/targets.js';
import { normalizeEmail, usernameKey } from '../../domain/user.js';
import type { ServiceDeps } from '../deps.js';
import type {
  PostRecord,
  Store,
  TargetHistoryRecord,
  TargetRecord,
  TranslationRecord,
  UnitRecord,
} from '../repositories.js';
import { indexTranslation } from '../reader/search.service.js';
import { historyOf, recordOf, textHash } from './translation-context.js';

export interface RollbackInput {
  /** The account whose edits are undone. */
  username: string;
  /** ISO instant: edits at or after it are undone. */
  since: string;
  /** Only report what would happen. */
  dryRun?: boolean;
}

export interface RollbackItem {
  postId: string;
  language: string;
  unitId: string;
  /** What readers see before and after (tagged strings; '' for the source). */
  before: string;
  after: string;
}

export interface RollbackReport {
  user: { id: string; username: string; displayName: string };
  since: string;
  dryRun: boolean;
  reverted: RollbackItem[];
  /** Units the account edited that someone else has changed since (left as they are). */
  skipped: (RollbackItem & { reason: string })[];
  /** Pending proposals of the account that were (or would be) rejected. */
  rejected: number;
}

/** Undoes the edits; throws ForbiddenError for non-editors, ValidationError on `username`/`since`. */
export async function rollbackEdits(
  deps: ServiceDeps,
  actor: Actor,
  input: RollbackInput,
): Promise<RollbackReport> {
  if (!hasRole(actor, 'editor'))
    throw new ForbiddenError('Only editors can roll back translation edits');
  const since = new Date(input.since);
  if (Number.isNaN(since.getTime()))
    throw new ValidationError([{ field: 'since', message: 'Give a date and time' }]);
  const login = input.username.trim().normalize('NFC');
  const user =
    (await deps.store.users.findByUsername(login)) ??
    (await deps.store.users.findByLogin(usernameKey(login), normalizeEmail(login)));
  if (!user)
    throw new ValidationError([
      { field: 'username', message: `There is no account "${input.username}"` },
    ]);
  const now = deps.clock.now().toISOString();
  const dryRun = input.dryRun ?? false;
  const sinceIso = since.toISOString();
  const comment = `Rolled back the edits of ${user.username} since ${sinceIso}`;
  const result = await deps.store.transaction(async (store) => {
    const edits = await store.translations.actionsBy(user.id, sinceIso, editActions);
    const firstEdit = new Map<string, TargetHistoryRecord>();
    for (const edit of edits) {
      const key = `${edit.translationId}\u0000${edit.unitId}`;
      if (!firstEdit.has(key)) firstEdit.set(key, edit);
    }
    const translations = new Map(
      (
        await store.translations.translationsByIds([...new Set(edits.map((e) => e.translationId))])
      ).map((t) => [t.id, t]),
    );
    const reverted: RollbackItem[] = [];
    const skipped: RollbackReport['skipped'] = [];
    const touched = new Set<string>();
    const postsRead = new Map<string, PostUnits>();
    for (const edit of firstEdit.values()) {
      const translation = translations.get(edit.translationId);
      const current = await store.translations.target(edit.translationId, edit.unitId);
      if (!translation || !current) continue;
      const history = await store.translations.history(edit.translationId, edit.unitId);
      const item = {
        postId: translation.postId,
        language: translation.language,
        unitId: edit.unitId,
        before: shown(current),
      };
      if (!stillTheirs(history, user.id, edit)) {
        skipped.push({ ...item, after: item.before, reason: 'changed since by someone else' });
        continue;
      }
      const restored = await restoredTarget(store, translation, current, history, edit, now);
      if (!dryRun) {
        if (!(await store.translations.writeTarget(restored, current.version))) {
          skipped.push({ ...item, after: item.before, reason: 'changed during the rollback' });
          continue;
        }
        await restoreMemory(store, translation, current, restored, postsRead);
        const active = await store.candidates.active(translation.id, edit.unitId);
        if (active)
          await store.candidates.decide(active.id, ['active'], 'rejected', {
            by: actor.id,
            at: now,
            comment,
          });
        if (restored.text !== '')
          await store.candidates.insert({
            id: deps.newId(),
            translationId: translation.id,
            unitId: edit.unitId,
            text: restored.text,
            textHash: textHash(restored.text),
            status: 'active',
            provenance: restored.provenance,
            baseSource: restored.baseSource ?? '',
            baseRevision: restored.baseRevision ?? 0,
            basedOnVersion: current.version,
            authorId: restored.translatedBy,
            createdAt: now,
            decidedBy: actor.id,
            decidedAt: now,
            comment,
          });
        await store.translations.addHistory(
          historyOf(deps, restored, { action: 'rollback', userId: actor.id, now, comment }),
        );
        touched.add(translation.id);
      }
      reverted.push({ ...item, after: shown(restored) });
    }
    const pending = await store.candidates.pendingBy(user.id, sinceIso);
    if (!dryRun) {
      for (const candidate of pending) {
        if (
          !(await store.candidates.decide(candidate.id, ['pending'], 'rejected', {
            by: actor.id,
            at: now,
            comment,
          }))
        )
          continue;
        await store.translations.addHistory(
          recordOf(deps, {
            translationId: candidate.translationId,
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
      }
    }
    const keys = new Set<string>();
    for (const id of touched) {
      const translation = translations.get(id);
      if (translation?.status !== 'published') continue;
      const revision = await store.translations.latestUnitRevision(translation.postId);
      const units =
        revision === null ? [] : await store.translations.units(translation.postId, revision);
      await indexTranslation(
        deps,
        store,
        translation,
        units,
        await store.translations.targets([id]),
      );
      keys.add(`post:${translation.postId}`);
    }
    return { reverted, skipped, rejected: pending.length, keys: [...keys] };
  });
  if (result.keys.length > 0) deps.changes.publish({ keys: result.keys });
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName },
    since: sinceIso,
    dryRun,
    reverted: result.reverted,
    skipped: result.skipped,
    rejected: result.rejected,
  };
}

/** What readers see of a target: its text when translated, reviewed or outdated; else ''. */
function shown(target: TargetRecord): string {
  return isDone(target.state) || target.state === 'outdated' ? target.text : '';
}

/** Actions that put a new text into a target (the job's outdate/rebase/restore don't). */
const textActions: readonly string[] = [...editActions, 'rollback'];

/**
 * The unit is still the account's when no person but them (or the job, on a source change)
 * changed its text after their first edit since the moment: reviews of their text by others
 * don't count; a different save, an accepted proposal or a rollback by someone else does.
 */
function stillTheirs(
  history: readonly TargetHistoryRecord[],
  userId: string,
  first: TargetHistoryRecord,
): boolean {
  const at = history.findIndex((h) => h.id === first.id);
  return history.slice(at + 1).every(
    (h) =>
      h.userId === null ||
      h.userId === userId ||
      !textActions.includes(h.action) ||
      // Someone else accepting or saving the account's own words keeps them the account's.
      h.snapshot?.translatedBy === userId,
  );
}

/**
 * The target as it was right before the account's first edit since the moment (the last
 * snapshot before it), or untranslated when the account made the first translation. Its
 * translation is kept outdated when the source has changed since.
 */
async function restoredTarget(
  store: Store,
  translation: TranslationRecord,
  current: TargetRecord,
  history: readonly TargetHistoryRecord[],
  first: TargetHistoryRecord,
  now: string,
): Promise<TargetRecord> {
  const at = history.findIndex((h) => h.id === first.id);
  const before = history
    .slice(0, Math.max(0, at))
    .filter((h) => changesTarget(h.action))
    .at(-1);
  const base = {
    translationId: current.translationId,
    unitId: current.unitId,
    version: current.version + 1,
    updatedAt: now,
  };
  if (!before)
    return {
      ...base,
      text: '',
      state: 'untranslated',
      previousState: null,
      baseSource: null,
      baseRevision: null,
      provenance: 'system',
      translatedBy: null,
      reviewedBy: null,
    };
  const baseSource =
    before.snapshot?.baseSource ??
    (before.baseRevision === null
      ? null
      : ((await store.translations.unitAt(translation.postId, before.baseRevision, current.unitId))
          ?.source ?? null));
  const revision = await store.translations.latestUnitRevision(translation.postId);
  const source =
    revision === null
      ? null
      : await store.translations.unitAt(translation.postId, revision, current.unitId);
  const stale =
    isDone(before.state) && source !== null && baseSource !== null && baseSource !== source.source;
  return {
    ...base,
    text: before.text,
    state: stale ? 'outdated' : before.state,
    previousState: stale ? before.state : (before.snapshot?.previousState ?? null),
    baseSource,
    baseRevision: before.baseRevision,
    provenance: before.provenance,
    translatedBy: before.snapshot?.translatedBy ?? null,
    reviewedBy: before.snapshot?.reviewedBy ?? null,
  };
}

/** A post and its current units, read once per post however many of its segments roll back. */
type PostUnits = { post: PostRecord | null; units: UnitRecord[] };

async function postUnits(
  store: Store,
  postId: string,
  read: Map<string, PostUnits>,
): Promise<PostUnits> {
  const known = read.get(postId);
  if (known) return known;
  const post = await store.posts.findById(postId);
  const revision = await store.translations.latestUnitRevision(postId);
  const units = revision === null ? [] : await store.translations.units(postId, revision);
  const found = { post, units };
  read.set(postId, found);
  return found;
}

/** The vandal's text stops being suggested; the restored one is suggested again. */
async function restoreMemory(
  store: Store,
  translation: TranslationRecord,
  current: TargetRecord,
  restored: TargetRecord,
  read: Map<string, PostUnits>,
): Promise<void> {
  const { post, units } = await postUnits(store, translation.postId, read);
  if (!post) return;
  await rememberTarget(store, {
    post,
    targetLanguage: translation.language,
    units,
    target: restored,
    replaced: current.text,
    at: restored.updatedAt,
  });
}

/**
 * The job run after a source revision is published: for every translation of the post, the
 * targets of changed units become outdated (keeping the source they were made from, so the
 * editor can show the change), an exact revert restores them, and minor or whitespace-only
 * changes leave them valid. Each transition is written to the target's history.
 *
 * Under concurrency (PostgreSQL, several connections):
 *  - a per-post high-water mark (the newest revision whose marking has run) is raised first,
 *    in the same transaction: a job for an older revision than one already marked — a retry
 *    running late, a duplicate — changes nothing, and two runners of the same job serialize
 *    on the mark (the second finds it raised and stops);
 *  - each target is written with a compare-and-set on its version; when a save commits in
 *    between, the target is read again and decided again (a few times), and if it keeps
 *    changing the job fails and is retried later — never silently skipped.
 */
import { needsTranslationKey } from '../../domain/digest.js';
import { decideTarget } from '../../domain/alignment/index.js';
import type { TargetDecision } from '../../domain/alignment/index.js';
import type { ServiceDeps } from '../deps.js';
import { outdatedOrderingKey } from '../jobs.js';
import { countOutdated, notifyOutdated } from '../notifications/events.js';
import type { MarkOutdatedPayload } from '../jobs.js';
import type { TargetRecord } from '../repositories.js';
import { historyOf } from './translation-context.js';

/** Reads of one target before the job gives up (and is retried later). */
export const MARK_TRIES = 3;

/**
 * Returns how many targets changed state (0 when the revision's marking had already run).
 * Idempotent: running it twice changes nothing more. Throws when a target kept changing
 * under it MARK_TRIES times (the job runner retries the whole job).
 */
export async function markOutdated(
  deps: ServiceDeps,
  payload: MarkOutdatedPayload,
): Promise<number> {
  const now = deps.clock.now().toISOString();
  const changed = await deps.store.transaction(async (store) => {
    const key = outdatedOrderingKey(payload.postId);
    if (!(await store.jobs.advanceSequence(key, payload.revision, now)))
      return { count: 0, keys: [] };
    const translations = await store.translations.translationsOfPosts([payload.postId]);
    const targets = await store.translations.targetsOfUnits(
      translations.map((t) => t.id),
      payload.changes.map((c) => c.unitId),
    );
    const byKey = new Map(targets.map((t) => [`${t.translationId}\u0000${t.unitId}`, t]));
    let count = 0;
    for (const translation of translations) {
      // Their translators, told once per translation (not per unit) below.
      const outdated = new Map<string, number>();
      for (const change of payload.changes) {
        let target = byKey.get(`${translation.id}\u0000${change.unitId}`) ?? null;
        for (let tries = 1; target; tries++) {
          const decision = decideTarget({
            state: target.state,
            baseSource: target.baseSource,
            previousState: target.previousState,
            newSource: change.text,
            change: change.change,
            minor: payload.minorUnitIds.includes(change.unitId),
          });
          const next = nextTarget(target, decision, change.text, payload.revision, now);
          if (!next) break;
          if (await store.translations.writeTarget(next, target.version)) {
            const action = decision === 'keep' ? 'rebase' : decision;
            await store.translations.addHistory({
              ...historyOf(deps, next, { action, userId: null, now }),
              provenance: 'system',
            });
            if (decision !== 'keep') count++;
            if (decision === 'outdate') countOutdated(outdated, next);
            break;
          }
          // A save (or review) committed since the read: decide again on what it wrote.
          if (tries >= MARK_TRIES)
            throw new Error(
              `the target of unit ${change.unitId} in translation ${translation.id} changed ` +
                `${tries} times while it was being marked; the job will run again`,
            );
          target = await store.translations.target(translation.id, change.unitId);
        }
      }
      await notifyOutdated(deps, store, { postId: payload.postId, translation, outdated });
    }
    return {
      count,
      keys:
        translations.length > 0
          ? [`post:${payload.postId}`, ...translations.map((t) => needsTranslationKey(t.language))]
          : [],
    };
  });
  if (changed.keys.length > 0) deps.changes.publish({ keys: changed.keys });
  return changed.count;
}

/** The target after `decision`, or null when it stays as it is. */
function nextTarget(
  target: TargetRecord,
  decision: TargetDecision,
  newSource: string,
  revision: number,
  now: string,
): TargetRecord | null {
  let next: TargetRecord | null = null;
  if (decision === 'outdate' && target.state !== 'outdated') {
    next = { ...target, state: 'outdated', previousState: target.state };
  } else if (decision === 'restore') {
    next = { ...target, state: target.previousState ?? 'translated', previousState: null };
  } else if (
    decision === 'keep' &&
    (target.state === 'translated' || target.state === 'reviewed')
  ) {
    // Still valid: it now stands for the new source text.
    if (target.baseSource !== newSource)
      next = { ...target, baseSource: newSource, baseRevision: revision };
  }
  return next ? { ...next, version: target.version + 1, updatedAt: now } : null;
}

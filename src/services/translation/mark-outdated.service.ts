/**
 * The job run after a source revision is published: for every translation of the post, the
 * targets of changed units become outdated (keeping the source they were made from, so the
 * editor can show the change), an exact revert restores them, and minor or whitespace-only
 * changes leave them valid. Each transition is written to the target's history.
 */
import { decideTarget } from '../../domain/alignment/index.js';
import type { ServiceDeps } from '../deps.js';
import type { TargetRecord } from '../repositories.js';
import type { MarkOutdatedPayload } from './units.service.js';

/** Returns how many targets changed state. Idempotent: running it twice changes nothing more. */
export async function markOutdated(
  deps: ServiceDeps,
  payload: MarkOutdatedPayload,
): Promise<number> {
  const changed = await deps.store.transaction(async (store) => {
    const translations = (await store.translations.translationsOfPosts([payload.postId])).filter(
      (t) => t.postId === payload.postId,
    );
    const targets = await store.translations.targetsOfUnits(
      translations.map((t) => t.id),
      payload.changes.map((c) => c.unitId),
    );
    const byKey = new Map(targets.map((t) => [`${t.translationId}\u0000${t.unitId}`, t]));
    const now = deps.clock.now().toISOString();
    let count = 0;
    for (const translation of translations) {
      for (const change of payload.changes) {
        const target = byKey.get(`${translation.id}\u0000${change.unitId}`);
        if (!target) continue;
        const decision = decideTarget({
          state: target.state,
          baseSource: target.baseSource,
          previousState: target.previousState,
          newSource: change.text,
          change: change.change,
          minor: payload.minorUnitIds.includes(change.unitId),
        });
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
          if (target.baseSource !== change.text)
            next = { ...target, baseSource: change.text, baseRevision: payload.revision };
        }
        if (!next) continue;
        next = { ...next, version: target.version + 1, updatedAt: now };
        if (!(await store.translations.writeTarget(next, target.version))) continue;
        await store.translations.addHistory({
          id: deps.newId(),
          translationId: translation.id,
          unitId: change.unitId,
          version: next.version,
          text: next.text,
          state: next.state,
          baseRevision: next.baseRevision,
          provenance: 'system',
          action: decision === 'keep' ? 'rebase' : decision,
          comment: null,
          userId: null,
          createdAt: now,
        });
        if (decision !== 'keep') count++;
      }
    }
    return { count, keys: translations.length > 0 ? [`post:${payload.postId}`] : [] };
  });
  if (changed.keys.length > 0) deps.changes.publish({ keys: changed.keys });
  return changed.count;
}

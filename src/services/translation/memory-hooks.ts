/**
 * Where translation memory learns (src/services/memory): a unit's text that became the active,
 * translated or reviewed text is remembered with its neighbours' sources (for "in context"
 * matches), and a text that was replaced, sent back, rejected or rolled back stops being
 * suggested (kept, retired). Drafts, proposals and outdated texts are never remembered: only
 * what readers could see or a translator saved as done. Runs in the caller's transaction.
 */
import { isDone, provenanceLabel } from '../../domain/targets.js';
import { recordMemory } from '../memory/record-memory.service.js';
import { retireMemory } from '../memory/retire-memory.service.js';
import type { PostRecord, Store, TargetRecord, UnitRecord } from '../repositories.js';

/** Remembers `target` when it is done (translated or reviewed); `replaced` is retired first. */
export async function rememberTarget(
  store: Store,
  input: {
    post: PostRecord;
    targetLanguage: string;
    units: readonly UnitRecord[];
    target: TargetRecord;
    /** The text it replaced, when different. */
    replaced: string | null;
    at: string;
  },
): Promise<void> {
  const { target } = input;
  if (input.replaced !== null && input.replaced !== target.text)
    await forgetTarget(store, {
      translationId: target.translationId,
      unitId: target.unitId,
      text: input.replaced,
    });
  if (!isDone(target.state)) return;
  const index = input.units.findIndex((u) => u.unitId === target.unitId);
  const unit = input.units[index];
  if (!unit || target.baseSource !== unit.source) return;
  await recordMemory(store, {
    sourceLanguage: input.post.sourceLanguage,
    targetLanguage: input.targetLanguage,
    source: unit.source,
    target: target.text,
    provenance: provenanceLabel(target.provenance, target.origin),
    postId: input.post.id,
    translationId: target.translationId,
    unitId: target.unitId,
    userId: target.translatedBy,
    at: new Date(input.at),
    previousSource: input.units[index - 1]?.source ?? null,
    nextSource: input.units[index + 1]?.source ?? null,
  });
}

/** The entries `text` gave for this unit stop being suggested. */
export async function forgetTarget(
  store: Store,
  input: { translationId: string; unitId: string; text: string },
): Promise<void> {
  if (input.text === '') return;
  await retireMemory(store, {
    translationId: input.translationId,
    unitId: input.unitId,
    target: input.text,
  });
}

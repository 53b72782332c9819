/** Completion of a translation as readers, the editor and the hub see it. */
import { isDone } from '../../domain/targets.js';
import type { TargetRecord, UnitRecord } from '../repositories.js';

export interface TranslationProgress {
  total: number;
  translated: number;
  reviewed: number;
  outdated: number;
  /** translated-or-reviewed / all units, 0..1 */
  completion: number;
}

/** Done units over all units, 0..1; 0 for a document without units. */
export function completionOf(done: number, units: number): number {
  return units === 0 ? 0 : done / units;
}

/** Counts the units' targets by state; targets of units no longer in the source are ignored. */
export function progressOf(
  units: readonly Pick<UnitRecord, 'unitId'>[],
  targets: readonly Pick<TargetRecord, 'unitId' | 'state'>[],
): TranslationProgress {
  const byUnit = new Map(targets.map((t) => [t.unitId, t]));
  let translated = 0;
  let reviewed = 0;
  let outdated = 0;
  for (const unit of units) {
    const state = byUnit.get(unit.unitId)?.state;
    if (isDone(state)) translated++;
    if (state === 'reviewed') reviewed++;
    if (state === 'outdated') outdated++;
  }
  return {
    total: units.length,
    translated,
    reviewed,
    outdated,
    completion: completionOf(translated, units.length),
  };
}

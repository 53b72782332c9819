/** Which units of a post have memory suggestions (editor progress, translator hub). */
import { MAX_FUZZY_LENGTH } from '../../domain/memory/grams.js';
import { matchKey } from '../../domain/memory/key.js';
import { clampThreshold } from '../../domain/memory/score.js';
import { keyHash } from './entries.js';
import { fuzzyMatches, MemoryTimer } from './lookup-memory.service.js';
import type { MemoryDeps } from './lookup-memory.service.js';

/** Database time the whole count may take (exact matches are always counted). */
export const COUNTS_BUDGET_MS = 250;
/** Units counted at once: a post of more is counted in its first MAX_UNITS units. */
export const MAX_UNITS = 2_000;

export interface MemoryMatchCountsInput {
  sourceLanguage: string;
  targetLanguage: string;
  units: { unitId: string; source: string }[];
  /** The translation being edited: a unit's own entries do not count for it. */
  translationId?: string;
  budgetMs?: number;
}

/**
 * The ids of the units that have at least one memory suggestion: exact matches for every unit
 * in a few batched queries, then fuzzy ones unit by unit while the budget lasts (a unit not
 * reached is not counted). Throws only what the store throws.
 */
export async function memoryMatchCounts(
  deps: MemoryDeps,
  input: MemoryMatchCountsInput,
): Promise<Set<string>> {
  const pair = { sourceLanguage: input.sourceLanguage, targetLanguage: input.targetLanguage };
  const budget = Math.max(0, input.budgetMs ?? COUNTS_BUDGET_MS, deps.settings.memoryBudgetMs ?? 0);
  const threshold = clampThreshold(deps.settings.memoryThreshold);
  const units = input.units
    .slice(0, MAX_UNITS)
    .map((unit) => ({ unitId: unit.unitId, key: matchKey(unit.source) }))
    .filter((unit) => unit.key !== '')
    .map((unit) => ({ ...unit, hash: keyHash(unit.key) }));
  const hashes = units.map((unit) => unit.hash);
  const timed = new MemoryTimer(deps.store.memory);
  const counts = await timed.run((m) => m.countBySourceKey(pair, hashes));
  const own = new Map<string, number>();
  if (input.translationId !== undefined) {
    const translationId = input.translationId;
    const present = hashes.filter((hash) => counts.has(hash));
    for (const row of await timed.run((m) => m.ownSourceKeys(translationId, present))) {
      own.set(`${row.sourceKeyHash} ${row.unitId}`, row.count);
    }
  }
  const found = new Set<string>();
  const rest: typeof units = [];
  for (const unit of units) {
    const total = counts.get(unit.hash) ?? 0;
    if (total - (own.get(`${unit.hash} ${unit.unitId}`) ?? 0) > 0) found.add(unit.unitId);
    else if (unit.key.length <= MAX_FUZZY_LENGTH) rest.push(unit);
  }
  for (const unit of rest) {
    if (timed.spent >= budget) break;
    const exclude =
      input.translationId === undefined
        ? null
        : { translationId: input.translationId, unitId: unit.unitId };
    const { scored } = await fuzzyMatches(
      timed,
      pair,
      unit.key,
      unit.hash,
      threshold,
      exclude,
      budget,
      1,
    );
    if (scored.length > 0) found.add(unit.unitId);
  }
  return found;
}

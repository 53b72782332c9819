/**
 * Pairing the units left between two anchors (step 2 of alignUnits): an order-preserving
 * matching of same-kind units that maximizes the total similarity, bounded in work.
 */
import { PAIR_THRESHOLD, pairScore, trimAffixes } from './similarity.js';
import type { Prepared } from './similarity.js';

/** Above this many candidate pairs a gap is paired by position and kind, not by similarity. */
export const MAX_GAP_PAIRS = 200 * 200;

/**
 * Levenshtein cells (characters × characters, after trimming common prefix and suffix) one
 * alignment may spend in total: 5 M cells is roughly 20–70 ms on a laptop (the plain
 * dynamic programme runs at ~70–290 k cells per ms). Gaps that no longer fit are
 * paired by position and kind.
 */
export const WORK_BUDGET = 5_000_000;

/** A unit waiting in a gap: its index in its revision, its kind and its prepared text. */
export interface GapUnit {
  index: number;
  kind: string;
  prepared: Prepared;
}

/** The Levenshtein cells an alignment may still spend; shared by all its gaps. */
export interface Budget {
  cells: number;
}

/** Cost in cells of scoring a pair, or 0 when the length ratio alone rules it out. */
function pairCost(a: Prepared, b: Prepared): number {
  const la = a.points.length;
  const lb = b.points.length;
  const longer = Math.max(la, lb);
  if (longer === 0 || Math.min(la, lb) / longer < PAIR_THRESHOLD) return 0;
  const trimmed = trimAffixes(a.points, b.points);
  return trimmed.la * trimmed.lb;
}

/**
 * Pairs a gap's previous and next units, returning `[previousIndex, nextIndex]` pairs in
 * order. Full similarity matching (a weighted longest-common-subsequence over same-kind pairs
 * whose pairScore is positive) when the gap has at most MAX_GAP_PAIRS candidate pairs and its
 * cost fits the budget; otherwise the k-th unit of a kind on one side meets the k-th of that
 * kind on the other, checked by similarity while the budget lasts, by length ratio after.
 */
export function pairGap(
  previous: readonly GapUnit[],
  next: readonly GapUnit[],
  budget: Budget,
): Array<[number, number]> {
  if (previous.length === 0 || next.length === 0) return [];
  if (previous.length * next.length <= MAX_GAP_PAIRS) {
    let cost = 0;
    for (const p of previous) {
      for (const n of next) {
        if (p.kind === n.kind) cost += pairCost(p.prepared, n.prepared);
      }
      if (cost > budget.cells) break;
    }
    if (cost <= budget.cells) {
      budget.cells -= cost;
      return matchBySimilarity(previous, next);
    }
  }
  return matchByPosition(previous, next, budget);
}

function matchBySimilarity(
  previous: readonly GapUnit[],
  next: readonly GapUnit[],
): Array<[number, number]> {
  const g = previous.length;
  const h = next.length;
  const width = h + 1;
  const scores = new Float64Array(g * h);
  const best = new Float64Array((g + 1) * width);
  const at = (array: Float64Array, i: number): number => array[i] ?? 0;
  for (let i = 1; i <= g; i++) {
    const p = previous[i - 1];
    for (let j = 1; j <= h; j++) {
      const n = next[j - 1];
      const score = p && n && p.kind === n.kind ? pairScore(p.prepared, n.prepared) : 0;
      scores[(i - 1) * h + (j - 1)] = score;
      let value = Math.max(at(best, (i - 1) * width + j), at(best, i * width + j - 1));
      if (score > 0) value = Math.max(value, at(best, (i - 1) * width + j - 1) + score);
      best[i * width + j] = value;
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = g;
  let j = h;
  while (i > 0 && j > 0) {
    const here = at(best, i * width + j);
    const score = at(scores, (i - 1) * h + (j - 1));
    const p = previous[i - 1];
    const n = next[j - 1];
    if (score > 0 && p && n && here === at(best, (i - 1) * width + j - 1) + score) {
      pairs.push([p.index, n.index]);
      i--;
      j--;
    } else if (here === at(best, (i - 1) * width + j)) {
      i--;
    } else {
      j--;
    }
  }
  return pairs.reverse();
}

function matchByPosition(
  previous: readonly GapUnit[],
  next: readonly GapUnit[],
  budget: Budget,
): Array<[number, number]> {
  const waiting = new Map<string, { units: GapUnit[]; taken: number }>();
  for (const p of previous) {
    const queue = waiting.get(p.kind);
    if (queue) queue.units.push(p);
    else waiting.set(p.kind, { units: [p], taken: 0 });
  }
  const pairs: Array<[number, number]> = [];
  for (const n of next) {
    const queue = waiting.get(n.kind);
    const p = queue?.units[queue.taken];
    if (!queue || !p) continue;
    queue.taken++;
    const cost = pairCost(p.prepared, n.prepared);
    let accept: boolean;
    if (cost <= budget.cells) {
      budget.cells -= cost;
      accept = pairScore(p.prepared, n.prepared) > 0;
    } else {
      const la = p.prepared.points.length;
      const lb = n.prepared.points.length;
      accept = Math.min(la, lb) / Math.max(la, lb, 1) >= PAIR_THRESHOLD;
    }
    if (accept) pairs.push([p.index, n.index]);
  }
  return pairs;
}

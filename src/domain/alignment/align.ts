/** Aligning a new revision's units to the previous revision's; see README.md beside this file. */
import { diffArrays } from 'diff';
import { pairGap, WORK_BUDGET } from './gap.js';
import type { Budget, GapUnit } from './gap.js';
import { prepare } from './similarity.js';
import { normalizeWhitespace } from './text.js';
import type { AlignedUnit, Alignment, NextUnit, PreviousUnit, UnitChange } from './types.js';

/**
 * Aligns the units of a new revision to those of the previous one so translations follow
 * their unit.
 * 1. Identical text (exact string) keeps the id: first the longest common subsequence of
 *    identical (kind, text) pairs — order-preserving anchors — then identical texts that moved
 *    (unordered, by text then by kind, each previous id used at most once), then texts equal
 *    once whitespace is collapsed, likewise.
 * 2. Between consecutive anchors, remaining units are paired in order with their most similar
 *    counterpart of the same kind (similarity ≥ 0.4, or one text containing the other), the
 *    work bounded by MAX_GAP_PAIRS and WORK_BUDGET (beyond them: by position and kind).
 * 3. The rest are new (fresh ids from newId, called in next order) or removed.
 * Pure and deterministic for a given newId; never throws.
 */
export function alignUnits(
  previous: readonly PreviousUnit[],
  next: readonly NextUnit[],
  newId: () => string,
): Alignment {
  /** For each next unit, the index of its previous counterpart, or -1. */
  const counterpart = new Int32Array(next.length).fill(-1);
  const taken = new Uint8Array(previous.length);
  const pair = (p: number, n: number): void => {
    counterpart[n] = p;
    taken[p] = 1;
  };

  const anchors = identicalAnchors(previous, next);
  for (const [p, n] of anchors) pair(p, n);

  const texts = (units: readonly { text: string }[]) => units.map((u) => u.text);
  matchUnordered(previous, next, texts(previous), texts(next), counterpart, taken, pair);
  // Whitespace keys only for the units still waiting: a one-paragraph edit normalizes two.
  const spaced = <T extends { text: string }>(units: readonly T[], done: (i: number) => boolean) =>
    units.map((u, i) => (done(i) ? '' : normalizeWhitespace(u.text)));
  matchUnordered(
    previous,
    next,
    spaced(previous, (p) => taken[p] === 1),
    spaced(next, (n) => counterpart[n] !== -1),
    counterpart,
    taken,
    pair,
  );

  const budget: Budget = { cells: WORK_BUDGET };
  const bounds: Array<[number, number]> = [[-1, -1], ...anchors, [previous.length, next.length]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [p0, n0] = bounds[k] ?? [0, 0];
    const [p1, n1] = bounds[k + 1] ?? [0, 0];
    const gapPrevious: GapUnit[] = [];
    for (let p = p0 + 1; p < p1; p++) {
      const unit = previous[p];
      if (unit && !taken[p])
        gapPrevious.push({ index: p, kind: unit.kind, prepared: prepare(unit.text) });
    }
    if (gapPrevious.length === 0) continue;
    const gapNext: GapUnit[] = [];
    for (let n = n0 + 1; n < n1; n++) {
      const unit = next[n];
      if (unit && counterpart[n] === -1) {
        gapNext.push({ index: n, kind: unit.kind, prepared: prepare(unit.text) });
      }
    }
    for (const [p, n] of pairGap(gapPrevious, gapNext, budget)) pair(p, n);
  }

  const units: AlignedUnit[] = next.map((unit, n) => {
    const before = previous[counterpart[n] ?? -1];
    if (!before) return { ...unit, id: newId(), change: 'new' };
    const change = classify(before.text, unit.text);
    return change === 'same'
      ? { ...unit, id: before.id, change }
      : { ...unit, id: before.id, change, previousText: before.text };
  });
  const removed = previous.filter((_, p) => !taken[p]).map((unit) => unit.id);
  return { units, removed };
}

function classify(before: string, after: string): UnitChange {
  if (before === after) return 'same';
  if (normalizeWhitespace(before) === normalizeWhitespace(after)) return 'whitespace';
  return 'changed';
}

/**
 * Order-preserving pairs of identical (kind, text) units: a longest common subsequence, by
 * Myers' O((n + m)·d) diff over interned keys, so a one-paragraph edit costs next to nothing.
 */
function identicalAnchors(
  previous: readonly PreviousUnit[],
  next: readonly NextUnit[],
): Array<[number, number]> {
  const keys = new Map<string, number>();
  const intern = (unit: { kind: string; text: string }): number => {
    const key = `${unit.kind}\u0000${unit.text}`;
    let id = keys.get(key);
    if (id === undefined) {
      id = keys.size;
      keys.set(key, id);
    }
    return id;
  };
  const before = previous.map(intern);
  const after = next.map(intern);
  // Only keys present on both sides can be anchors; diffing just those keeps a wholesale
  // rewrite (no common unit at all) from costing Myers' worst case.
  const inAfter = new Set(after);
  const inBoth = new Set(before.filter((key) => inAfter.has(key)));
  const beforeAt = before.flatMap((key, i) => (inBoth.has(key) ? [i] : []));
  const afterAt = after.flatMap((key, i) => (inBoth.has(key) ? [i] : []));
  const anchors: Array<[number, number]> = [];
  let p = 0;
  let n = 0;
  const changes = diffArrays(
    beforeAt.map((i) => before[i]),
    afterAt.map((i) => after[i]),
  );
  for (const change of changes) {
    if (change.added) n += change.count;
    else if (change.removed) p += change.count;
    else {
      for (let k = 0; k < change.count; k++)
        anchors.push([beforeAt[p + k] ?? 0, afterAt[n + k] ?? 0]);
      p += change.count;
      n += change.count;
    }
  }
  return anchors;
}

/**
 * Pairs still-unmatched units whose keys (texts, or whitespace-normalized texts) are equal,
 * wherever they are: first units of the same kind, then of any kind; in next order, each
 * taking the earliest free previous unit.
 */
function matchUnordered(
  previous: readonly PreviousUnit[],
  next: readonly NextUnit[],
  previousKeys: readonly string[],
  nextKeys: readonly string[],
  counterpart: Int32Array,
  taken: Uint8Array,
  pair: (p: number, n: number) => void,
): void {
  for (const sameKind of [true, false]) {
    const waiting = new Map<string, number[]>();
    previous.forEach((unit, p) => {
      if (taken[p]) return;
      const key = sameKind ? `${unit.kind}\u0000${previousKeys[p]}` : (previousKeys[p] ?? '');
      const list = waiting.get(key);
      if (list) list.push(p);
      else waiting.set(key, [p]);
    });
    if (waiting.size === 0) return;
    next.forEach((unit, n) => {
      if (counterpart[n] !== -1) return;
      const key = sameKind ? `${unit.kind}\u0000${nextKeys[n]}` : (nextKeys[n] ?? '');
      const p = waiting.get(key)?.find((candidate) => !taken[candidate]);
      if (p !== undefined) pair(p, n);
    });
  }
}

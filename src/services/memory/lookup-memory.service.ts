/** Suggestions from translation memory for one unit (algorithm: README.md beside this file). */
import { diffWords } from 'diff';
import { probeChunks } from '../../domain/memory/chunks.js';
import { placeCodes } from '../../domain/memory/codes.js';
import { MAX_FUZZY_LENGTH } from '../../domain/memory/grams.js';
import { matchKey, prefilterText } from '../../domain/memory/key.js';
import { windowTags } from '../../domain/memory/partition.js';
import { clampThreshold, lengthWindow, matchScore } from '../../domain/memory/score.js';
import { plainText } from '../../domain/units/tagged.js';
import type { CodeInfo } from '../../domain/units/types.js';
import type { ServiceDeps, Settings } from '../deps.js';
import type {
  LanguagePair,
  MemoryExclusion,
  MemoryRepository,
  StoredMemoryEntry,
} from '../repositories.js';
import { contextHash, keyHash } from './entries.js';

/** Database time a lookup may take before it returns what it has (partial: true). */
export const DEFAULT_BUDGET_MS = 30;
/** Matches returned when the caller does not say. */
export const DEFAULT_LIMIT = 5;
/** The most matches a caller may ask for. */
export const MAX_LIMIT = 20;
/** Entries each trigram probe may return. */
export const PROBE_LIMIT = 100;
/** Entries fetched and scored after the probes (most votes first). */
export const CANDIDATES = 60;
/** Share of the budget the probes may use; the rest is left for fetching and counting. */
const PROBE_SHARE = 0.7;

/** What the memory services use of ServiceDeps (a ServiceDeps is one). */
export interface MemoryDeps {
  store: ServiceDeps['store'];
  settings: Pick<Settings, 'memoryThreshold' | 'memoryBudgetMs'>;
  timings?: ServiceDeps['timings'];
}

export interface LookupInput {
  sourceLanguage: string;
  targetLanguage: string;
  /** The current unit's tagged source. */
  source: string;
  /** The current unit's codes (from its SourceUnit). */
  codes: Record<string, CodeInfo>;
  /** Tagged sources of the neighbouring units (null at either end); omit for no context. */
  previousSource?: string | null;
  nextSource?: string | null;
  /** The unit being edited: its own entries are not suggested to it. */
  exclude?: MemoryExclusion;
  limit?: number;
  /** Percent; defaults to the site's memoryThreshold (70). */
  threshold?: number;
  budgetMs?: number;
}

export interface MemoryMatch {
  /** 0..100; 100 only for the same match key. */
  score: number;
  /** Exact, and the neighbouring units' sources are the same too. */
  inContext: boolean;
  /** The entry's tagged source. */
  source: string;
  /** Tagged, with the current unit's codes (or plain text when codesPlaced is false). */
  target: string;
  codesPlaced: boolean;
  /** Units whose entries gave this target for a source among this match's. */
  uses: number;
  /** The entry's source (plain text) against the current source, word by word. */
  diff: { added?: boolean; removed?: boolean; value: string }[];
  origin: { postId: string | null; provenance: string; userId: string | null; at: string };
}

export interface MemoryLookup {
  matches: MemoryMatch[];
  /** The time budget ran out before every probe was made. */
  partial: boolean;
}

export interface Scored {
  entry: StoredMemoryEntry;
  score: number;
  inContext: boolean;
}

/** Measures the database time of the calls made through it (the lookup's budget). */
export class MemoryTimer {
  spent = 0;
  constructor(readonly memory: MemoryRepository) {}
  async run<T>(work: (memory: MemoryRepository) => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work(this.memory);
    } finally {
      this.spent += performance.now() - start;
    }
  }
}

/**
 * The best `limit` memory matches for a unit, one per target text: exact matches by the
 * source key's hash (100, "in context" when the neighbours match too), then fuzzy ones found by
 * trigram probes inside the length window and re-ranked by `matchScore` (at least the
 * threshold). Probing stops when the time budget is used (`partial: true`). Throws only what
 * the store throws. Its duration goes to `deps.timings` (the TM latency metric).
 */
export async function lookupMemory(deps: MemoryDeps, input: LookupInput): Promise<MemoryLookup> {
  const started = performance.now();
  const lookup = await lookupUntimed(deps, input);
  deps.timings?.memoryLookup((performance.now() - started) / 1000, lookup.partial);
  return lookup;
}

async function lookupUntimed(deps: MemoryDeps, input: LookupInput): Promise<MemoryLookup> {
  const key = matchKey(input.source);
  if (key === '') return { matches: [], partial: false };
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(input.limit ?? DEFAULT_LIMIT)));
  const threshold = clampThreshold(input.threshold ?? deps.settings.memoryThreshold);
  const budget = Math.max(0, input.budgetMs ?? deps.settings.memoryBudgetMs ?? DEFAULT_BUDGET_MS);
  const pair: LanguagePair = {
    sourceLanguage: input.sourceLanguage,
    targetLanguage: input.targetLanguage,
  };
  const exclude = input.exclude ?? null;
  const timed = new MemoryTimer(deps.store.memory);
  const sourceKeyHash = keyHash(key);
  const context =
    input.previousSource !== undefined && input.nextSource !== undefined
      ? { prevHash: contextHash(input.previousSource), nextHash: contextHash(input.nextSource) }
      : null;

  const groups = await timed.run((m) =>
    m.exactGroups(pair, sourceKeyHash, context, exclude, limit),
  );
  const uses = new Map<string, number>();
  for (const group of groups) uses.set(`${sourceKeyHash} ${group.targetHash}`, group.uses);
  const inContext = new Set(groups.filter((g) => g.inContext).map((g) => g.newestId));
  const scored: Scored[] = (
    await timed.run((m) => m.findActive(groups.map((g) => g.newestId)))
  ).map((entry) => ({ entry, score: 100, inContext: inContext.has(entry.id) }));

  let partial = false;
  if (key.length <= MAX_FUZZY_LENGTH) {
    const fuzzy = await fuzzyMatches(timed, pair, key, sourceKeyHash, threshold, exclude, budget);
    partial = fuzzy.partial;
    scored.push(...fuzzy.scored);
  }

  const best = bestPerTarget(scored).slice(0, limit);
  const fuzzyKeys = [
    ...new Set(
      best.flatMap((b) => b.members.filter((s) => s.score < 100).map((s) => s.entry.sourceKeyHash)),
    ),
  ];
  if (fuzzyKeys.length > 0) {
    for (const count of await timed.run((m) => m.useCounts(pair, fuzzyKeys, exclude))) {
      uses.set(`${count.sourceKeyHash} ${count.targetHash}`, count.uses);
    }
  }
  const currentPlain = plainText(input.source);
  const matches = best.map(({ top, members }): MemoryMatch => {
    const counted = new Set(members.map((s) => `${s.entry.sourceKeyHash} ${s.entry.targetHash}`));
    let total = 0;
    for (const id of counted) total += uses.get(id) ?? 1;
    const placed = placeCodes(top.entry.source, top.entry.target, input.source, input.codes);
    return {
      score: top.score,
      inContext: top.inContext,
      source: top.entry.source,
      target: placed.target,
      codesPlaced: placed.codesPlaced,
      uses: total,
      diff: diffWords(plainText(top.entry.source), currentPlain).map((change) => ({
        value: change.value,
        ...(change.added ? { added: true } : {}),
        ...(change.removed ? { removed: true } : {}),
      })),
      origin: {
        postId: top.entry.postId,
        provenance: top.entry.provenance,
        userId: top.entry.userId,
        at: top.entry.createdAt,
      },
    };
  });
  return { matches, partial };
}

/**
 * Fuzzy candidates: each probe chunk votes for the entries containing it; the entries with
 * the most votes are fetched and scored. Shared with memoryMatchCounts.
 */
export async function fuzzyMatches(
  timed: MemoryTimer,
  pair: LanguagePair,
  key: string,
  sourceKeyHash: string,
  threshold: number,
  exclude: MemoryExclusion | null,
  budget: number,
  enough = Infinity,
): Promise<{ scored: Scored[]; partial: boolean }> {
  const window = lengthWindow(key.length, threshold);
  const tags = windowTags(pair.sourceLanguage, pair.targetLanguage, window);
  const chunks = probeChunks(prefilterText(key), threshold);
  const votes = new Map<number, number>();
  let partial = false;
  for (const chunk of chunks) {
    const left = budget * PROBE_SHARE - timed.spent;
    if (left <= 0) {
      partial = true;
      break;
    }
    const result = await timed.run((m) =>
      m.probe({ tags, chunk, limit: PROBE_LIMIT, timeoutMs: left }),
    );
    for (const id of result.ids) votes.set(id, (votes.get(id) ?? 0) + 1);
    if (!result.complete) {
      partial = true;
      break;
    }
  }
  if (votes.size === 0) return { scored: [], partial };
  const top = [...votes]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, CANDIDATES)
    .map(([id]) => id);
  const scored: Scored[] = [];
  for (const entry of await timed.run((m) => m.findActive(top))) {
    if (entry.sourceLanguage !== pair.sourceLanguage) continue;
    if (entry.targetLanguage !== pair.targetLanguage) continue;
    if (entry.sourceKeyHash === sourceKeyHash) continue; // exact: found by hash
    if (entry.sourceLength < window.min || entry.sourceLength > window.max) continue;
    if (exclude && entry.translationId === exclude.translationId && entry.unitId === exclude.unitId)
      continue;
    const score = matchScore(key, matchKey(entry.source));
    if (score >= threshold) {
      scored.push({ entry, score, inContext: false });
      if (scored.length >= enough) break;
    }
  }
  return { scored, partial };
}

/** One group per target text (by its key hash), best first. */
function bestPerTarget(scored: Scored[]): { top: Scored; members: Scored[] }[] {
  const groups = new Map<string, Scored[]>();
  for (const s of scored) {
    const members = groups.get(s.entry.targetHash);
    if (members) members.push(s);
    else groups.set(s.entry.targetHash, [s]);
  }
  const rank = (a: Scored, b: Scored): number =>
    b.score - a.score || Number(b.inContext) - Number(a.inContext) || b.entry.id - a.entry.id;
  return [...groups.values()]
    .flatMap((members) => {
      members.sort(rank);
      const [top] = members;
      return top ? [{ top, members }] : [];
    })
    .sort((a, b) => rank(a.top, b.top));
}

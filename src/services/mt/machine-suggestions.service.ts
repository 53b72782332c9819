/**
 * Machine-translation suggestions for units of one language pair. Off unless an administrator
 * enabled the pair; each result is kept (mt_cache), so a unit asked for again is answered from
 * the database without calling the engine; an engine that keeps failing is paused (circuit
 * breaker) and the status says why and until when. Codes are checked as a save checks them:
 * where the engine lost or doubled one, the suggestion is plain text and says so.
 */
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { requireLanguageTag } from '../../domain/language.js';
import { parseTagged } from '../../domain/units/tagged.js';
import type { CodeInfo } from '../../domain/units/types.js';
import type { ServiceDeps } from '../deps.js';
import { MtEngineError } from '../ports/mt.js';
import type { MtProvider, MtUnit } from '../ports/mt.js';
import type { MtCacheRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import { placeCodes } from './place-codes.js';
import { sourceHash } from './source-hash.js';
import { failedStatus, statusOf } from './status.js';
import type { MtStatus } from './status.js';

const codeSchema = z.object({
  kind: z.enum(['pc', 'ph']),
  type: z.string().optional(),
  label: z.string(),
});

const inputSchema = z.object({
  sourceLanguage: z.string(),
  targetLanguage: z.string(),
  units: z.array(
    z.object({
      unitId: z.string().min(1).max(200),
      source: z.string(),
      codes: z.record(z.string(), codeSchema),
    }),
  ),
});

/** What the editor asks for: units of one post, in one pair. */
export type MachineSuggestionsInput = z.input<typeof inputSchema>;

/** One suggestion, labelled with its engine (provenance `mt:<engine>` when accepted). */
export interface MachineSuggestion {
  unitId: string;
  engine: string;
  /** Tagged text; plain text (no codes) when `codesPlaced` is false. */
  text: string;
  /** False when the unit has codes and the engine's answer did not keep them all. */
  codesPlaced: boolean;
  /** Answered from the kept results, without calling the engine. */
  cached: boolean;
}

/** Why a unit has no suggestion. */
export type UnavailableReason = 'too_long' | 'no_text' | 'engine_failed' | 'paused';

/** The answer: the pair's status, a suggestion per unit that got one, and why the others did not. */
export interface MachineSuggestions {
  status: MtStatus;
  results: MachineSuggestion[];
  unavailable: { unitId: string; reason: UnavailableReason }[];
}

interface Wanted {
  hash: string;
  source: string;
  codes: Record<string, CodeInfo>;
  unitIds: string[];
}

/** Groups units into calls of at most `maxChars` characters (a unit alone may reach it). */
function calls(units: Wanted[], maxChars: number): Wanted[][] {
  const groups: Wanted[][] = [];
  let current: Wanted[] = [];
  let size = 0;
  for (const unit of units) {
    if (current.length > 0 && size + unit.source.length > maxChars) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(unit);
    size += unit.source.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Suggestions for `units` from the engine enabled for the pair.
 * @throws ValidationError naming the field: a bad language tag, more units than the limit,
 *   a source that is not a valid tagged string.
 */
export async function machineSuggestions(
  deps: ServiceDeps,
  raw: MachineSuggestionsInput,
): Promise<MachineSuggestions> {
  const input = parseInput(inputSchema, raw);
  const from = requireLanguageTag(input.sourceLanguage, 'sourceLanguage');
  const to = requireLanguageTag(input.targetLanguage, 'targetLanguage');
  const { limits, breaker } = deps.mt;
  if (input.units.length > limits.maxUnits)
    throw new ValidationError([
      { field: 'units', message: `At most ${limits.maxUnits} units per request` },
    ]);
  input.units.forEach((unit, i) => {
    try {
      parseTagged(unit.source);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'not a valid tagged string';
      throw new ValidationError([{ field: `units.${i}.source`, message }]);
    }
  });

  const pair = await deps.store.mt.findPair(from, to);
  const provider = pair ? deps.mt.provider(pair.engine) : undefined;
  if (!pair || !provider) return { status: { state: 'disabled' }, results: [], unavailable: [] };

  const unavailable: MachineSuggestions['unavailable'] = [];
  const wanted = new Map<string, Wanted>();
  for (const unit of input.units) {
    if (unit.source.length > limits.maxUnitChars) {
      unavailable.push({ unitId: unit.unitId, reason: 'too_long' });
      continue;
    }
    const hash = sourceHash(unit.source);
    const entry = wanted.get(hash);
    if (entry) entry.unitIds.push(unit.unitId);
    else wanted.set(hash, { hash, source: unit.source, codes: unit.codes, unitIds: [unit.unitId] });
  }

  const kept = new Map<string, MtCacheRecord>();
  const cachedHashes = new Set<string>();
  for (const record of await deps.store.mt.cached(pair.engine, from, to, [...wanted.keys()])) {
    kept.set(record.sourceHash, record);
    cachedHashes.add(record.sourceHash);
  }
  const missing = [...wanted.values()].filter((w) => !kept.has(w.hash));

  let status = statusOf(provider, breaker.state(provider.name, deps.clock.now()));
  if (missing.length > 0 && status.state === 'paused') {
    for (const w of missing)
      for (const unitId of w.unitIds) unavailable.push({ unitId, reason: 'paused' });
  } else if (missing.length > 0) {
    const outcome = await translateMissing(deps, provider, missing, from, to);
    status = outcome.status;
    if (outcome.fresh.length > 0) {
      await deps.store.mt.keep(outcome.fresh);
      // Another request may have kept a result for the same source first: that one stands.
      const stored = await deps.store.mt.cached(
        pair.engine,
        from,
        to,
        outcome.fresh.map((r) => r.sourceHash),
      );
      for (const record of stored) kept.set(record.sourceHash, record);
    }
    for (const w of missing) {
      if (kept.has(w.hash)) continue;
      const reason = outcome.failed.get(w.hash) ?? 'no_text';
      for (const unitId of w.unitIds) unavailable.push({ unitId, reason });
    }
  }

  const results: MachineSuggestion[] = [];
  for (const unit of input.units) {
    const record = kept.get(sourceHash(unit.source));
    if (!record || unit.source.length > limits.maxUnitChars) continue;
    results.push({
      unitId: unit.unitId,
      engine: record.engine,
      text: record.result,
      codesPlaced: record.codesPlaced,
      cached: cachedHashes.has(record.sourceHash),
    });
  }
  return { status, results, unavailable };
}

/** Calls the engine for the units without a kept result, call by call, under the breaker. */
async function translateMissing(
  deps: ServiceDeps,
  provider: MtProvider,
  missing: Wanted[],
  from: string,
  to: string,
): Promise<{ status: MtStatus; fresh: MtCacheRecord[]; failed: Map<string, UnavailableReason> }> {
  const { limits, breaker } = deps.mt;
  const fresh: MtCacheRecord[] = [];
  const failed = new Map<string, UnavailableReason>();
  let status: MtStatus = statusOf(provider, breaker.state(provider.name, deps.clock.now()));
  for (const group of calls(missing, limits.maxCallChars)) {
    if (status.state === 'paused' || status.state === 'failed') {
      for (const w of group)
        failed.set(w.hash, status.state === 'paused' ? 'paused' : 'engine_failed');
      continue;
    }
    const units: MtUnit[] = group.map((w) => ({ id: w.hash, text: w.source, codes: w.codes }));
    try {
      const outputs = await provider.translate(
        units,
        from,
        to,
        AbortSignal.timeout(limits.timeoutMs),
      );
      breaker.succeeded(provider.name);
      const byId = new Map(outputs.map((o) => [o.id, o.text]));
      for (const w of group) {
        const answer = byId.get(w.hash);
        const placed = answer === undefined ? null : placeCodes(w.source, w.codes, answer);
        if (!placed) continue;
        fresh.push({
          engine: provider.name,
          sourceLanguage: from,
          targetLanguage: to,
          sourceHash: w.hash,
          source: w.source,
          result: placed.text,
          codesPlaced: placed.codesPlaced,
          createdAt: deps.clock.now().toISOString(),
        });
      }
    } catch (error) {
      if (!(error instanceof MtEngineError)) throw error;
      const after = breaker.failed(provider.name, error.failure, error.detail, deps.clock.now());
      status =
        after.state === 'open'
          ? statusOf(provider, after)
          : failedStatus(provider, error.failure, error.detail);
      for (const w of group) failed.set(w.hash, 'engine_failed');
    }
  }
  return { status, fresh, failed };
}

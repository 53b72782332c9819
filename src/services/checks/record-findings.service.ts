/**
 * Storing what the quality checks found about a saved text. Called by the save (and import)
 * use cases inside their transaction, after `checkQuality`; warnings never block the save.
 */
import { findingIdentity } from '../../domain/checks/index.js';
import type { Finding } from '../../domain/checks/index.js';
import type { ServiceDeps } from '../deps.js';
import type { FindingDismissal, FindingRecord, Store } from '../repositories.js';
import { findingTextHash, present } from './stored-finding.js';
import type { StoredFinding } from './stored-finding.js';

export interface RecordFindingsInput {
  translationId: string;
  unitId: string;
  /** The target version the save produced (a proposal: the version it was based on). */
  version: number;
  /** The tagged text that was checked (findings follow it from proposal to active text). */
  text: string;
  /** Who saved the text: they (or a reviewer) may dismiss its findings. */
  savedBy: string | null;
  findings: readonly Finding[];
}

/**
 * Replaces the findings of this text of the unit: earlier rows for the same text are
 * superseded (kept), the new ones inserted. A finding the unit had dismissed before — the same
 * check with the same params, on any earlier text — stays dismissed, with the original who,
 * when and why: re-saving a text that still has the issue someone judged fine does not nag
 * again, while a different issue (other params) is new. Returns what was stored.
 */
export async function recordFindings(
  deps: Pick<ServiceDeps, 'clock' | 'newId'>,
  store: Store,
  input: RecordFindingsInput,
): Promise<StoredFinding[]> {
  const now = deps.clock.now().toISOString();
  const textHash = findingTextHash(input.text);
  await store.findings.supersede(input.translationId, input.unitId, textHash, now);
  if (input.findings.length === 0) return [];
  const checks = [...new Set(input.findings.map((f) => f.check))];
  const earlier = new Map<string, FindingDismissal>();
  for (const old of await store.findings.dismissedOf(input.translationId, input.unitId, checks)) {
    const identity = findingIdentity(old.check, old.params);
    if (old.dismissal && !earlier.has(identity)) earlier.set(identity, old.dismissal);
  }
  const records = input.findings.map((f, position): FindingRecord => ({
    id: deps.newId(),
    translationId: input.translationId,
    unitId: input.unitId,
    targetVersion: input.version,
    textHash,
    savedBy: input.savedBy,
    position,
    check: f.check,
    params: f.params,
    message: f.message,
    createdAt: now,
    supersededAt: null,
    dismissal: earlier.get(findingIdentity(f.check, f.params)) ?? null,
  }));
  await store.findings.insert(records);
  return present(store, records);
}

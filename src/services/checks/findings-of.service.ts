/**
 * The findings shown for a translation: those of each unit's active text and of its pending
 * proposals (what the translator and the reviewers are looking at), dismissed ones included
 * with who and why.
 */
import { findingIdentity } from '../../domain/checks/index.js';
import type { Store } from '../repositories.js';
import { findingTextHash, present } from './stored-finding.js';
import type { StoredFinding } from './stored-finding.js';

/** A finding of a text shown now: the unit's active text, or a pending proposal. */
export interface CurrentFinding extends StoredFinding {
  /** The pending proposal it is about; null: the unit's active text. */
  candidateId: string | null;
}

/**
 * Current findings of a translation, by unit then age. Reads only: whoever may open the
 * editor may see them (translators and reviewers alike); findings of texts no longer shown
 * (replaced, rejected, superseded) are left out but kept.
 */
export async function findingsOf(store: Store, translationId: string): Promise<CurrentFinding[]> {
  const rows = await store.findings.current(translationId);
  if (rows.length === 0) return [];
  const [targets, pending] = await Promise.all([
    store.translations.targets([translationId]),
    store.candidates.pending(translationId),
  ]);
  const activeHash = new Map(targets.map((t) => [t.unitId, findingTextHash(t.text)]));
  const proposals = new Map(pending.map((c) => [`${c.unitId}\u0000${c.textHash}`, c.id]));
  const seen = new Set<string>();
  const shown = rows.flatMap((row) => {
    const isActive = activeHash.get(row.unitId) === row.textHash;
    const candidateId = isActive ? null : proposals.get(`${row.unitId}\u0000${row.textHash}`);
    if (candidateId === undefined) return [];
    // Two saves of one text at once could leave two current copies: show one.
    const key = `${row.unitId}\u0000${row.textHash}\u0000${findingIdentity(row.check, row.params)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ row, candidateId }];
  });
  const presented = await present(
    store,
    shown.map((s) => s.row),
  );
  return presented.map((finding, i) => ({
    ...finding,
    candidateId: shown[i]?.candidateId ?? null,
  }));
}

/** Findings grouped by unit id (for presenters that attach them to rows). */
export function findingsByUnit<F extends StoredFinding>(findings: readonly F[]): Map<string, F[]> {
  const byUnit = new Map<string, F[]>();
  for (const f of findings) {
    const list = byUnit.get(f.unitId);
    if (list) list.push(f);
    else byUnit.set(f.unitId, [f]);
  }
  return byUnit;
}

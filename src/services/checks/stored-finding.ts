/**
 * What the checks services hand to callers: a stored finding with its catalog key and who
 * dismissed it (with the account's display name), shaped for presenters.
 */
import { createHash } from 'node:crypto';
import type { FindingParams } from '../../domain/checks/index.js';
import type { FindingRecord, Store } from '../repositories.js';

/** A finding as callers see it. */
export interface StoredFinding {
  id: string;
  translationId: string;
  unitId: string;
  /** The target version the save produced (a proposal: the version it was based on). */
  version: number;
  textHash: string;
  savedBy: string | null;
  check: string;
  /** Interface-catalog key (`checks.<check>`); `message` is its English text for `params`. */
  key: string;
  message: string;
  params: FindingParams;
  createdAt: string;
  /** Who dismissed it (id and display name; null once the account is gone), when and why. */
  dismissed: { by: string | null; byName: string | null; at: string; reason: string } | null;
}

/** SHA-256 (hex) of a tagged text — the same hash candidates keep as `textHash`. */
export function findingTextHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Records as StoredFindings, with the dismissers' display names read in one query. */
export async function present(
  store: Store,
  records: readonly FindingRecord[],
): Promise<StoredFinding[]> {
  const ids = [...new Set(records.flatMap((r) => (r.dismissal?.by ? [r.dismissal.by] : [])))];
  const users = ids.length > 0 ? await store.users.listByIds(ids) : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return records.map((r) => ({
    id: r.id,
    translationId: r.translationId,
    unitId: r.unitId,
    version: r.targetVersion,
    textHash: r.textHash,
    savedBy: r.savedBy,
    check: r.check,
    key: `checks.${r.check}`,
    message: r.message,
    params: r.params,
    createdAt: r.createdAt,
    dismissed: r.dismissal
      ? {
          by: r.dismissal.by,
          byName: r.dismissal.by ? (names.get(r.dismissal.by) ?? null) : null,
          at: r.dismissal.at,
          reason: r.dismissal.reason,
        }
      : null,
  }));
}

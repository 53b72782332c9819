/**
 * Quality findings stored with the text they are about (migration 0011): never deleted — a
 * new check of the same text supersedes the old rows, and a dismissal keeps who, when and why.
 */
import type { FindingParams } from '../../domain/checks/index.js';

/** Who dismissed a finding, when and why. `by` is null once the account is deleted. */
export interface FindingDismissal {
  by: string | null;
  at: string;
  reason: string;
}

export interface FindingRecord {
  id: string;
  translationId: string;
  unitId: string;
  /** The target version the save produced (a proposal: the version it was based on). */
  targetVersion: number;
  /** SHA-256 (hex) of the checked tagged text, as candidates' `textHash`. */
  textHash: string;
  /** Who saved the text (may dismiss its findings). */
  savedBy: string | null;
  /** Order within one check of the text (the order the checks reported them). */
  position: number;
  /** The check id (`numbers.missing`…); not constrained, the list grows. */
  check: string;
  params: FindingParams;
  /** The English message as the check wrote it. */
  message: string;
  createdAt: string;
  supersededAt: string | null;
  dismissal: FindingDismissal | null;
}

export interface FindingRepository {
  insert(findings: readonly FindingRecord[]): Promise<void>;
  /** Marks the current findings of one text of a unit superseded (a new check replaces them). */
  supersede(translationId: string, unitId: string, textHash: string, at: string): Promise<void>;
  /** Dismissed findings of a unit with one of these checks (any text), newest dismissal first. */
  dismissedOf(
    translationId: string,
    unitId: string,
    checks: readonly string[],
  ): Promise<FindingRecord[]>;
  /** The findings of a translation not superseded, by unit, oldest first. */
  current(translationId: string): Promise<FindingRecord[]>;
  findById(id: string): Promise<FindingRecord | null>;
  /** Dismisses a finding only while it is not dismissed (a conditional update); false otherwise. */
  dismiss(id: string, dismissal: FindingDismissal): Promise<boolean>;
}

/**
 * Candidate texts of translated units (Pontoon's model): many per (translation, unit), at
 * most one active — the text the target holds — and pending proposals waiting for a
 * reviewer. Rejected and superseded candidates are kept.
 */
import type { CandidateStatus, Origin, Provenance } from '../../domain/targets.js';

export interface CandidateRecord {
  id: string;
  translationId: string;
  unitId: string;
  /** Tagged text, as a target's. */
  text: string;
  /** SHA-256 (hex) of `text`: identical proposals are one candidate. */
  textHash: string;
  status: CandidateStatus;
  provenance: Provenance;
  /** The source text and revision the author was shown. */
  baseSource: string;
  baseRevision: number;
  /** The target version the author edited (0: there was none). */
  basedOnVersion: number;
  authorId: string | null;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** The suggestion the text started from (machine translation or memory), if any. */
  origin?: Origin | null;
}

/** Who decided about a candidate, when, and why. */
export interface CandidateDecision {
  by: string | null;
  at: string;
  comment: string | null;
}

export interface CandidateRepository {
  /**
   * Inserts a candidate. False (nothing written) when the unique indexes refuse it: a pending
   * candidate with the same text exists, or the unit already has an active one.
   */
  insert(candidate: CandidateRecord): Promise<boolean>;
  findById(id: string): Promise<CandidateRecord | null>;
  /** The oldest candidate of the unit with this text (any status): its author wrote the text. */
  firstWithText(
    translationId: string,
    unitId: string,
    textHash: string,
  ): Promise<CandidateRecord | null>;
  /** The pending candidate of the unit with this text, if any. */
  pendingWithText(
    translationId: string,
    unitId: string,
    textHash: string,
  ): Promise<CandidateRecord | null>;
  /** The unit's active candidate, if any. */
  active(translationId: string, unitId: string): Promise<CandidateRecord | null>;
  /** Pending candidates of a translation, oldest first. */
  pending(translationId: string): Promise<CandidateRecord[]>;
  /** How many pending candidates each translation has (absent: none). */
  pendingCounts(translationIds: readonly string[]): Promise<Map<string, number>>;
  /** Pending candidates written by `authorId` at or after `since`, oldest first. */
  pendingBy(authorId: string, since: string): Promise<CandidateRecord[]>;
  /**
   * Moves a candidate to `to` only while its status is one of `from` (a conditional update);
   * false when someone else decided first.
   */
  decide(
    id: string,
    from: readonly CandidateStatus[],
    to: CandidateStatus,
    decision: CandidateDecision,
  ): Promise<boolean>;
  /** Supersedes the unit's active candidate (before another becomes active). */
  supersedeActive(translationId: string, unitId: string, at: string): Promise<void>;
  /** Supersedes the author's own pending candidates of the unit (a newer proposal replaces them). */
  supersedePendingOf(
    translationId: string,
    unitId: string,
    authorId: string,
    at: string,
  ): Promise<void>;
}

/**
 * Volunteers' texts of interface messages (migration 0019): inserted, then decided by a
 * reviewer; never deleted. At most one approved text per (language, key), kept by the database.
 */
import type { InterfaceTextStatus } from '../../domain/icu-message.js';

export interface InterfaceTextRecord {
  id: string;
  language: string;
  key: string;
  text: string;
  /** The English message the text was written against. */
  sourceText: string;
  status: InterfaceTextStatus;
  /** Null once the account is deleted. */
  createdBy: string | null;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  comment: string | null;
}

export interface InterfaceRepository {
  insert(record: InterfaceTextRecord): Promise<void>;
  findById(id: string): Promise<InterfaceTextRecord | null>;
  /** The approved texts, of one language or of all (start-up), ordered by language and key. */
  listApproved(language?: string): Promise<InterfaceTextRecord[]>;
  /** The approved text of one message in one language, if any. */
  findApproved(language: string, key: string): Promise<InterfaceTextRecord | null>;
  /** A language's pending proposals, oldest first. */
  listPending(language: string): Promise<InterfaceTextRecord[]>;
  /**
   * Approves pending proposal `id` (its previous approved text becomes superseded) — call it
   * inside a transaction. False when the proposal is no longer pending or another text was
   * approved for the message at the same time (the unique index): the caller reports a conflict.
   */
  approve(
    id: string,
    reviewer: { by: string; at: string; comment: string | null },
  ): Promise<boolean>;
  /** Rejects pending proposal `id`; false when it is no longer pending. */
  reject(
    id: string,
    reviewer: { by: string; at: string; comment: string | null },
  ): Promise<boolean>;
}

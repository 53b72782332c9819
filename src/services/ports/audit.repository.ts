/** The audit log of administrative actions (migration 0016): rows are only inserted. */

export interface AuditEntryRecord {
  id: string;
  at: string;
  /** Null once the account is deleted; `actorName` stays. */
  actorId: string | null;
  actorName: string;
  /** What was done, e.g. `user.roles`, `language.add`, `settings.update`. */
  action: string;
  subject: { kind: string; id: string; label: string };
  details: Record<string, unknown>;
}

export interface AuditRepository {
  insert(entry: AuditEntryRecord): Promise<void>;
  /**
   * Newest first, at most `limit`, strictly older than `before` (the last row of the previous
   * page) when given; filtered by action prefix (`user.`) and subject when given.
   */
  list(query: {
    limit: number;
    before?: { at: string; id: string } | undefined;
    actionPrefix?: string | undefined;
    subject?: { kind: string; id: string } | undefined;
  }): Promise<AuditEntryRecord[]>;
}

/**
 * WordPress imports started from the admin pages (migration 0033): a run per uploaded file,
 * claimed by one import runner at a time across instances, and its report lines.
 */
import type { GroupReport, ImportEntry } from '../import/import-report.js';

export type ImportRunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportRunRecord {
  id: string;
  fileName: string;
  fileBytes: number;
  /** Attachments' files come from the server's copy of `wp-content/uploads`. */
  withUploads: boolean;
  status: ImportRunStatus;
  claimedBy: string | null;
  /** ISO-8601 UTC instant the runner's claim holds until. */
  leaseUntil: string | null;
  /** How many times a runner has started on it (more than one: it was resumed). */
  attempts: number;
  cancelRequested: boolean;
  /** Report lines the file will give, once its first pass has counted them; null before. */
  expectedLines: number | null;
  writtenLines: number;
  groups: GroupReport[];
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface NewImportRun {
  id: string;
  fileName: string;
  fileBytes: number;
  withUploads: boolean;
  createdBy: string;
  createdAt: string;
}

/** One stored report line: its number in the run (from 0) and the entry. */
export interface ImportRunLine {
  line: number;
  entry: ImportEntry;
}

export interface ImportRunRepository {
  insert(run: NewImportRun): Promise<void>;
  find(id: string): Promise<ImportRunRecord | null>;
  /** Newest first. */
  list(limit: number): Promise<ImportRunRecord[]>;
  /**
   * The oldest run a runner may take at `now`: queued, or running with its lease run out (its
   * runner died); null when none.
   */
  nextClaimable(now: string): Promise<ImportRunRecord | null>;
  /**
   * Takes the run for `runner` until `until` with one conditional update: only while it is
   * queued or its lease has run out, and only while no other run holds the import slot. False
   * when another runner (here or on another instance) got it or another import is running.
   */
  claim(id: string, runner: string, now: string, until: string): Promise<boolean>;
  /** Extends the claim; false when `runner` no longer holds it. */
  renew(id: string, runner: string, until: string): Promise<boolean>;
  setExpected(id: string, runner: string, lines: number): Promise<void>;
  /**
   * Stores report lines, ignoring line numbers already stored (a resumed run writes its first
   * lines again), and sets `writtenLines` to the highest line stored + 1.
   */
  addLines(id: string, lines: readonly ImportRunLine[]): Promise<void>;
  /**
   * Ends the claimed run (`done`, `failed` or `cancelled`) and frees the import slot; false
   * when `runner` no longer holds it.
   */
  finish(
    id: string,
    runner: string,
    end: {
      status: 'done' | 'failed' | 'cancelled';
      at: string;
      error: string | null;
      groups: GroupReport[];
    },
  ): Promise<boolean>;
  /**
   * Asks a run to stop: a queued run is cancelled at once (true), a running one stops at its
   * next item (true); false when it has already ended.
   */
  requestCancel(id: string, at: string): Promise<boolean>;
  /** Lines from `from` on (optionally only one outcome), in order, at most `limit`. */
  lines(
    id: string,
    options: { from?: number; outcome?: ImportEntry['outcome']; limit: number },
  ): Promise<ImportRunLine[]>;
  /** kind → outcome → count, over the lines stored. */
  counts(id: string): Promise<Record<string, Record<string, number>>>;
}

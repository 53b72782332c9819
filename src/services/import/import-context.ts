/**
 * What every step of a WordPress import shares: the ids it gives what it creates, the clock
 * each step runs on, and the report.
 *
 * Ids and times are functions of the file, never of the run: an item's id is a hash of the
 * site's address and the item's WordPress id, and each step (create a post, publish it, save a
 * unit…) runs with ids drawn from a sequence named after that step and a clock set to the
 * item's own date. An import killed at any point and run again therefore writes exactly what
 * an uninterrupted run writes: each step finds what an earlier run committed by its id and
 * skips it, and the steps it still runs produce the same rows.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { ImportEntry, ImportReport } from './import-report.js';
import type { UploadsDirectory, WordPressFile } from './wordpress-file.js';

/** A UUID-shaped id (version 5 layout) derived from `name`. */
export function derivedId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface ImportContext {
  deps: ServiceDeps;
  actor: Actor;
  file: WordPressFile;
  uploads: UploadsDirectory | null;
  /** The WordPress site's address (`wp:base_site_url`), which keys every id. */
  site: string;
  /** When the export was made (the channel's date), the "now" of scheduling. */
  exportedAt: Date;
  report: ImportReport;
  onEntry?: (entry: ImportEntry) => void;
}

/** The id of the thing made from WordPress record `key` (`post:101`, `user:amina`…). */
export function idOf(ctx: Pick<ImportContext, 'site'>, key: string): string {
  return derivedId(`${ctx.site}\n${key}`);
}

/**
 * Services' dependencies for one step: ids from the step's own sequence, the clock at `at`,
 * and nobody notified (WordPress's authors are not told again of what they did years ago).
 */
export function stepDeps(ctx: ImportContext, step: string, at: Date): ServiceDeps {
  let n = 0;
  return {
    ...ctx.deps,
    newId: () => idOf(ctx, `${step}#${n++}`),
    clock: { now: () => new Date(at.getTime()) },
    silent: true,
  };
}

/** Records an entry in the report and tells whoever watches. */
export function record(ctx: ImportContext, entry: ImportEntry): void {
  ctx.report.add(entry);
  ctx.onEntry?.(entry);
}

/** A WordPress date (`2024-03-05 08:00:00`, UTC when from a `_gmt` field) as a Date, or null. */
export function wordPressDate(value: string | null): Date | null {
  if (!value || value.startsWith('0000-00-00')) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const date = new Date(
    Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!),
  );
  return Number.isNaN(date.getTime()) ? null : date;
}

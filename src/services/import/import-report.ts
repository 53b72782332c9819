/** The per-item report of a WordPress import: every record of the file is accounted for. */

export type ImportKind =
  'author' | 'term' | 'attachment' | 'post' | 'page' | 'comment' | 'translation' | 'other';

/**
 * `imported`: written by this run; `unchanged`: an earlier run had written it; `skipped`: not
 * imported on purpose (trash, spam, menus…), with the reason; `failed`: a bad item, with the
 * error (the rest goes on).
 */
export type ImportOutcome = 'imported' | 'unchanged' | 'skipped' | 'failed';

export interface ImportEntry {
  kind: ImportKind;
  /** The WordPress id (or login, or slug) of the record. */
  wpId: string;
  /** Its title or name, to find it in a long report. */
  label: string;
  outcome: ImportOutcome;
  /** What was done or lost on the way: "page imported as a post", "kept as HTML: iframe"… */
  notes: string[];
  /** Polyphony's id of what it became, when it became something. */
  id?: string;
}

export interface GroupReport {
  /** `pll:…` or `wpml:…`. */
  group: string;
  /** The WordPress id of the post the translations were aligned onto. */
  source: string;
  translations: { wpId: string; language: string; aligned: number; left: number }[];
}

export class ImportReport {
  readonly entries: ImportEntry[] = [];
  readonly groups: GroupReport[] = [];

  add(entry: ImportEntry): void {
    this.entries.push(entry);
  }

  /** kind → outcome → count. */
  counts(): Record<string, Record<string, number>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const e of this.entries) {
      const byOutcome = (counts[e.kind] ??= {});
      byOutcome[e.outcome] = (byOutcome[e.outcome] ?? 0) + 1;
    }
    return counts;
  }

  get failed(): number {
    return this.entries.filter((e) => e.outcome === 'failed').length;
  }
}

/**
 * The statistics as CSV files (RFC 4180, UTF-8, csv-stringify): the same figures as the
 * pages' tables, with stable English column names for spreadsheets and scripts. Shares are
 * written as fractions 0..1 with four decimals.
 */
import { stringify } from 'csv-stringify/sync';
import type {
  PostStatistics,
  SiteStatistics,
  VolunteerStatistics,
} from '../../services/stats/statistics.service.js';

const share = (value: number): string => value.toFixed(4);

/** One row per site language: `/stats.csv`. */
export function languagesCsv(stats: SiteStatistics): string {
  return stringify(
    stats.languages.map((l) => [
      l.language,
      l.posts,
      l.translated,
      l.inProgress,
      l.outdated,
      l.missing,
      l.units,
      l.doneUnits,
      share(l.completion),
    ]),
    {
      header: true,
      columns: [
        'language',
        'posts',
        'translated',
        'in_progress',
        'outdated',
        'missing',
        'units',
        'done_units',
        'completion',
      ],
    },
  );
}

/** One row per month and language, every month: `/stats/history.csv`. */
export function historyCsv(stats: SiteStatistics): string {
  const rows: (string | number)[][] = [];
  for (const s of stats.series)
    for (const p of s.points)
      rows.push([p.month, s.language, p.units, p.done, share(p.completion)]);
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return stringify(rows, {
    header: true,
    columns: ['month', 'language', 'units', 'done_units', 'completion'],
  });
}

/** One row per post and other site language: `/stats/posts.csv`. */
export function postsCsv(posts: readonly PostStatistics[]): string {
  return stringify(
    posts.flatMap((p) =>
      p.languages.map((l) => [
        p.postId,
        p.title,
        p.sourceLanguage,
        p.path,
        p.units,
        l.language,
        l.state,
        share(l.completion),
        l.outdatedUnits,
      ]),
    ),
    {
      header: true,
      columns: [
        'post_id',
        'title',
        'source_language',
        'path',
        'units',
        'language',
        'state',
        'completion',
        'outdated_units',
      ],
    },
  );
}

/** One row per month and language with work: a volunteer's `/people/<name>/translations.csv`. */
export function volunteerCsv(stats: VolunteerStatistics): string {
  return stringify(
    stats.rows.map((r) => [r.month, r.language, r.translated, r.reviewed]),
    { header: true, columns: ['month', 'language', 'translated', 'reviewed'] },
  );
}

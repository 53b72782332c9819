/**
 * The public statistics: per site language how many published posts are translated, in
 * progress, outdated or missing, and the share of units translated at the end of each month;
 * per post its languages and completion; per volunteer the units translated and reviewed per
 * month. Definitions are in this folder's README. The site figures are kept in memory per
 * ChangeFeed (so per app): any public change drops them, and they live at most
 * `STATS_TTL_MS` — saves in unpublished translations announce nothing to readers.
 */
import { postPath } from '../../domain/post.js';
import { NotFoundError } from '../../domain/errors.js';
import type { ChangeFeed } from '../ports.js';
import type { ServiceDeps } from '../deps.js';
import type { VolunteerMonth } from '../repositories.js';

/** How long computed site figures are kept at most (saves in drafts publish no change). */
export const STATS_TTL_MS = 60_000;
/** Months shown in the completion chart and table (the CSV has them all). */
export const CHART_MONTHS = 24;
export const POSTS_PER_PAGE = 50;
/**
 * How far back a refresh looks again beyond its watermark: a transaction stamps its rows when
 * it starts and may commit later, so rows stamped up to this long before a refresh are folded
 * in again by the next one (recomputing a summary is idempotent).
 */
export const REFRESH_MARGIN_MS = 10 * 60_000;

/**
 * Brings the summary tables up to date: recomputes the posts and translations that changed
 * since the watermark (everything on the first run), under one lock so two instances never
 * rebuild the same rows at once. Returns how many were recomputed.
 */
export async function refreshStatistics(
  deps: ServiceDeps,
): Promise<{ all: boolean; posts: number; translations: number }> {
  const now = deps.clock.now().getTime();
  return deps.store.locked('statistics-refresh', async (store) => {
    const since = await store.stats.watermark();
    const stale = await store.stats.staleSince(since);
    await store.stats.rebuildPosts(stale.all ? 'all' : stale.posts);
    await store.stats.rebuildTranslations(stale.all ? 'all' : stale.translations);
    const next = new Date(now - REFRESH_MARGIN_MS).toISOString();
    await store.stats.setWatermark(since !== null && since > next ? since : next);
    return stale.all
      ? { all: true, posts: 0, translations: 0 }
      : { all: false, posts: stale.posts.length, translations: stale.translations.length };
  });
}

export type PostLanguageState = 'translated' | 'in_progress' | 'outdated' | 'missing';

export interface LanguageStats {
  language: string;
  /** Published posts written in another language: what could be translated into this one. */
  posts: number;
  translated: number;
  inProgress: number;
  outdated: number;
  missing: number;
  /** Units of those posts, and how many are translated or reviewed in this language. */
  units: number;
  doneUnits: number;
  /** doneUnits / units, 0..1 */
  completion: number;
}

export interface MonthPoint {
  month: string;
  units: number;
  done: number;
  completion: number;
}

export interface SiteStatistics {
  computedAt: string;
  publishedPosts: number;
  languages: LanguageStats[];
  /** Every month from the first publication to now, oldest first. */
  months: string[];
  series: { language: string; points: MonthPoint[] }[];
}

interface Entry {
  value: Promise<SiteStatistics>;
  at: number;
}

const caches = new WeakMap<ChangeFeed, { entry: Entry | null }>();

function cacheOf(changes: ChangeFeed): { entry: Entry | null } {
  let cache = caches.get(changes);
  if (!cache) {
    const created: { entry: Entry | null } = { entry: null };
    changes.subscribe(() => {
      created.entry = null;
    });
    caches.set(changes, created);
    cache = created;
  }
  return cache;
}

/** Forgets the computed site figures (the bench measures uncached renders). */
export function dropStatisticsCache(deps: Pick<ServiceDeps, 'changes'>): void {
  cacheOf(deps.changes).entry = null;
}

/** The site figures, from the cache when fresh. */
export function siteStatistics(deps: ServiceDeps): Promise<SiteStatistics> {
  const cache = cacheOf(deps.changes);
  const now = deps.clock.now().getTime();
  if (cache.entry && now - cache.entry.at < STATS_TTL_MS && now >= cache.entry.at)
    return cache.entry.value;
  const value = computeSiteStatistics(deps);
  const entry: Entry = { value, at: now };
  cache.entry = entry;
  // A failed computation is not kept.
  value.catch(() => {
    if (cache.entry === entry) cache.entry = null;
  });
  return value;
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

async function computeSiteStatistics(deps: ServiceDeps): Promise<SiteStatistics> {
  await refreshStatistics(deps);
  const { stats } = deps.store;
  const [bySource, categories, unitsByMonth, deltas] = await Promise.all([
    stats.publishedBySourceLanguage(),
    stats.translationCategories(),
    stats.publishedUnitsByMonth(),
    stats.doneDeltasByMonth(),
  ]);
  const languages = deps.settings.languages;
  const publishedPosts = bySource.reduce((sum, r) => sum + r.count, 0);
  const allUnits = unitsByMonth.reduce((sum, r) => sum + r.units, 0);
  const unitsWrittenIn = new Map<string, number>();
  for (const r of unitsByMonth)
    unitsWrittenIn.set(r.sourceLanguage, (unitsWrittenIn.get(r.sourceLanguage) ?? 0) + r.units);

  const perLanguage: LanguageStats[] = languages.map((language) => {
    const posts = publishedPosts - (bySource.find((r) => r.language === language)?.count ?? 0);
    const c = categories.find((r) => r.language === language);
    const translated = c?.translated ?? 0;
    const inProgress = c?.inProgress ?? 0;
    const outdated = c?.outdated ?? 0;
    const units = allUnits - (unitsWrittenIn.get(language) ?? 0);
    const doneUnits = c?.doneUnits ?? 0;
    return {
      language,
      posts,
      translated,
      inProgress,
      outdated,
      missing: Math.max(0, posts - translated - inProgress - outdated),
      units,
      doneUnits,
      completion: units === 0 ? 0 : doneUnits / units,
    };
  });

  const now = deps.clock.now().toISOString().slice(0, 7);
  const seen = [...unitsByMonth.map((r) => r.month), ...deltas.map((r) => r.month)].sort();
  const first = seen[0];
  const last = [now, seen[seen.length - 1] ?? now].sort()[1] ?? now;
  const months = first === undefined ? [] : monthsBetween(first, last);
  const series = languages.map((language) => {
    let units = 0;
    let done = 0;
    const points = months.map((month) => {
      for (const r of unitsByMonth)
        if (r.month === month && r.sourceLanguage !== language) units += r.units;
      for (const r of deltas) if (r.month === month && r.language === language) done += r.delta;
      return { month, units, done, completion: units === 0 ? 0 : done / units };
    });
    return { language, points };
  });
  return {
    computedAt: deps.clock.now().toISOString(),
    publishedPosts,
    languages: perLanguage,
    months,
    series,
  };
}

export interface PostLanguageCell {
  language: string;
  state: PostLanguageState;
  /** Translated-or-reviewed share of the post's current units, 0..1 (0 when missing). */
  completion: number;
  outdatedUnits: number;
}

export interface PostStatistics {
  postId: string;
  title: string;
  sourceLanguage: string;
  path: string;
  units: number;
  languages: PostLanguageCell[];
}

/** The state of one translation by the page's definitions (the same as the site figures). */
export function stateOf(
  t: { status: string; done: number; outdated: number } | undefined,
  units: number,
): PostLanguageState {
  if (!t) return 'missing';
  if (t.outdated > 0) return 'outdated';
  if (t.status === 'published' && units > 0 && t.done === units) return 'translated';
  return 'in_progress';
}

/** One page of published posts (newest first) with every other site language's state. */
export async function postStatistics(
  deps: ServiceDeps,
  page: number,
  perPage = POSTS_PER_PAGE,
): Promise<{ total: number; page: number; pages: number; posts: PostStatistics[] }> {
  await refreshStatistics(deps);
  const { total, posts } = await deps.store.stats.postsPage(perPage, (page - 1) * perPage);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) throw new NotFoundError('Statistics page');
  return {
    total,
    page,
    pages,
    posts: posts.map((p) => ({
      postId: p.postId,
      title: p.title,
      sourceLanguage: p.sourceLanguage,
      path: postPath({ language: p.sourceLanguage, slug: p.slug, publishedAt: p.publishedAt }),
      units: p.units,
      languages: deps.settings.languages
        .filter((language) => language !== p.sourceLanguage)
        .map((language) => {
          const t = p.translations.find((x) => x.language === language);
          return {
            language,
            state: stateOf(t, p.units),
            completion: t && p.units > 0 ? t.done / p.units : 0,
            outdatedUnits: t?.outdated ?? 0,
          };
        }),
    })),
  };
}

export interface VolunteerStatistics {
  username: string;
  displayName: string;
  bio: string;
  months: { month: string; translated: number; reviewed: number }[];
  languages: { language: string; translated: number; reviewed: number }[];
  totals: { translated: number; reviewed: number };
  /** Per month and language, as counted (the CSV file). */
  rows: VolunteerMonth[];
}

/**
 * A volunteer's public contribution figures: only public facts (name, bio, counts), never
 * the e-mail. Months run from the first with work to the last, gaps filled with zeros.
 * Throws NotFoundError for an unknown or suspended account.
 */
export async function volunteerStatistics(
  deps: ServiceDeps,
  username: string,
): Promise<VolunteerStatistics> {
  const user = await deps.store.users.findByUsername(username.normalize('NFC'));
  if (!user || user.suspendedAt !== null) throw new NotFoundError('Person');
  const rows = await deps.store.stats.volunteerMonths(user.id);
  const byMonth = new Map<string, { translated: number; reviewed: number }>();
  const byLanguage = new Map<string, { translated: number; reviewed: number }>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? { translated: 0, reviewed: 0 };
    m.translated += r.translated;
    m.reviewed += r.reviewed;
    byMonth.set(r.month, m);
    const l = byLanguage.get(r.language) ?? { translated: 0, reviewed: 0 };
    l.translated += r.translated;
    l.reviewed += r.reviewed;
    byLanguage.set(r.language, l);
  }
  const keys = [...byMonth.keys()].sort();
  const months =
    keys.length === 0
      ? []
      : monthsBetween(keys[0] ?? '', keys[keys.length - 1] ?? '').map((month) => ({
          month,
          ...(byMonth.get(month) ?? { translated: 0, reviewed: 0 }),
        }));
  const languages = [...byLanguage.entries()]
    .map(([language, v]) => ({ language, ...v }))
    .sort((a, b) => b.translated + b.reviewed - (a.translated + a.reviewed));
  return {
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    months,
    languages,
    totals: {
      translated: languages.reduce((s, l) => s + l.translated, 0),
      reviewed: languages.reduce((s, l) => s + l.reviewed, 0),
    },
    rows,
  };
}

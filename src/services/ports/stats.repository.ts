/**
 * The figures of the public statistics page. Summary tables (migration 0026) hold each post's
 * current units, each translation's done and outdated units and its monthly history deltas;
 * they are refreshed incrementally (what changed since a watermark, found by index) and the
 * figures are set-based queries over them (no loop per post): translations of published posts
 * counted by language and category, the units published per month, the net change of
 * translated units per month, a page of posts with their translations' progress, and one
 * volunteer's monthly work (from target_history directly). "Current units" are the units of a
 * post's latest recorded revision, as the translator hub and the editor count them
 * (`services/translation/progress.ts`).
 */

/** Published posts written in one language. */
export interface PublishedCount {
  language: string;
  count: number;
}

/**
 * Translations of published posts into one language (never the post's own), by category:
 * `translated` — published and every current unit translated or reviewed; `outdated` — at
 * least one current unit outdated; `inProgress` — the others. The categories do not overlap.
 */
export interface TranslationCategoryCounts {
  language: string;
  translated: number;
  inProgress: number;
  outdated: number;
  /** Current units translated or reviewed, over all these translations. */
  doneUnits: number;
}

/** Current units of the posts first published in `month` (YYYY-MM), by source language. */
export interface PublishedUnitsOfMonth {
  month: string;
  sourceLanguage: string;
  posts: number;
  units: number;
}

/**
 * In `month`, how many current units of published posts became translated or reviewed in
 * `language` minus how many stopped being so (outdated, sent back, rolled back).
 */
export interface DoneDeltaOfMonth {
  month: string;
  language: string;
  delta: number;
}

/** One translation's progress over its post's current units. */
export interface PostTranslationProgress {
  language: string;
  status: string;
  done: number;
  outdated: number;
}

/** A published post with its current units and its translations. */
export interface PostStatsRow {
  postId: string;
  slug: string;
  title: string;
  sourceLanguage: string;
  publishedAt: string;
  units: number;
  translations: PostTranslationProgress[];
}

/** One volunteer's work in one month and language (distinct units). */
export interface VolunteerMonth {
  month: string;
  language: string;
  translated: number;
  reviewed: number;
}

/** What changed since a watermark: posts and translations whose summaries are stale. */
export interface StaleSummaries {
  /** Nothing was folded in yet: rebuild everything (one statement each, not by ids). */
  all: boolean;
  posts: string[];
  translations: string[];
}

export interface StatsRepository {
  /** The instant up to which changes are folded into the summaries; null before the first. */
  watermark(): Promise<string | null>;
  /**
   * Posts changed after `since` (all when null) and translations with history, a change of
   * their own or of their post after it. Found through indexes on the change columns.
   */
  staleSince(since: string | null): Promise<StaleSummaries>;
  /** Recomputes the summaries of these posts (their latest unit revision and units). */
  rebuildPosts(postIds: readonly string[] | 'all'): Promise<void>;
  /**
   * Recomputes these translations' done/outdated counts and their monthly history deltas,
   * over their posts' current units (call after rebuildPosts of changed posts).
   */
  rebuildTranslations(translationIds: readonly string[] | 'all'): Promise<void>;
  setWatermark(at: string): Promise<void>;
  publishedBySourceLanguage(): Promise<PublishedCount[]>;
  translationCategories(): Promise<TranslationCategoryCounts[]>;
  publishedUnitsByMonth(): Promise<PublishedUnitsOfMonth[]>;
  doneDeltasByMonth(): Promise<DoneDeltaOfMonth[]>;
  /** Published posts newest first, `limit` from `offset`, with the total. */
  postsPage(limit: number, offset: number): Promise<{ total: number; posts: PostStatsRow[] }>;
  /**
   * Units the user saved as translated (their own saves and proposals) and units they
   * reviewed (approved, or a proposal they accepted), per month and language, oldest first.
   */
  volunteerMonths(userId: string): Promise<VolunteerMonth[]>;
}

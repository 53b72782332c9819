/**
 * Digest subscriptions (migration 0027) and the set-based reads a digest is made of: per
 * language, the published posts with no translation into it and the state of every
 * translation into it (counts of the latest units' targets by state, as the hub's
 * `progressOf` counts them), each computed once for all subscribers of that language.
 */
import type { DigestFilterKind, DigestFrequency } from '../../domain/digest.js';

export interface DigestFilter {
  kind: DigestFilterKind;
  value: string;
}

export interface DigestSubscriptionRecord {
  userId: string;
  frequency: DigestFrequency;
  lastSentAt: string | null;
  createdAt: string;
  updatedAt: string;
  filters: DigestFilter[];
}

/** A subscriber due for a digest, with the language their mail is written in. */
export interface DueSubscriber {
  userId: string;
  frequency: DigestFrequency;
  lastSentAt: string | null;
  /** Null: the site's default language. */
  interfaceLanguage: string | null;
}

/** A published post as a digest lists it (its published revision's title). */
export interface DigestPostRow {
  postId: string;
  sourceLanguage: string;
  slug: string;
  publishedAt: string;
  title: string;
}

/** One translation into a language, its targets counted over its post's latest units. */
export interface DigestTranslationRow extends DigestPostRow {
  translationId: string;
  status: 'in_progress' | 'published';
  /** Units of the post's latest unit revision. */
  total: number;
  /** Translated or reviewed (`isDone`). */
  done: number;
  reviewed: number;
  outdated: number;
  /** Translated, not yet reviewed. */
  unreviewed: number;
  /** Proposals (pending candidates) waiting for a reviewer. */
  pending: number;
  updatedAt: string;
  /** When the newest outdated target became so (its last change), or null. */
  outdatedAt: string | null;
}

/** What a post is filed under, for the subscribers' filters. */
export interface PostFacets {
  organizations: string[];
  tags: string[];
  authors: string[];
}

export interface DigestRepository {
  subscription(userId: string): Promise<DigestSubscriptionRecord | null>;
  /** Upserts the subscription and replaces its filters (run in the caller's transaction). */
  saveSubscription(input: {
    userId: string;
    frequency: DigestFrequency;
    filters: readonly DigestFilter[];
    now: string;
  }): Promise<void>;
  /** The translate languages (`user_translate_languages`) of each of `userIds`, sorted. */
  languagesOf(userIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The filters of each of `userIds` (absent: none). */
  filtersOf(userIds: readonly string[]): Promise<Map<string, DigestFilter[]>>;
  /**
   * Active (not suspended) subscribers due: daily ones last sent at or before `dailyBefore`,
   * weekly ones at or before `weeklyBefore`, never-sent ones of both; by user id, at most
   * `limit`, after `afterUserId` when given.
   */
  dueSubscribers(query: {
    dailyBefore: string;
    weeklyBefore: string;
    limit: number;
    afterUserId?: string;
  }): Promise<DueSubscriber[]>;
  /**
   * Claims one digest: sets `last_sent_at` to `now` only while it still is `previous` (and the
   * frequency still `frequency`). Of two runners exactly one gets true.
   */
  claim(
    userId: string,
    frequency: DigestFrequency,
    previous: string | null,
    now: string,
  ): Promise<boolean>;
  /** Gives a claim back (the mail failed): `last_sent_at` returns to `previous` if still `claimedAt`. */
  release(userId: string, claimedAt: string, previous: string | null): Promise<void>;
  /**
   * Published posts in another language with no translation into `language` at all,
   * published at or after `since` (every one when null), newest first.
   */
  missingPosts(language: string, since: string | null): Promise<DigestPostRow[]>;
  /** Every translation into `language` of a published post, with its counts; one query per kind. */
  translationStates(language: string): Promise<DigestTranslationRow[]>;
  /** Organizations, tags (term ids) and authors (user ids) of each of `postIds`. */
  facets(postIds: readonly string[]): Promise<Map<string, PostFacets>>;
}

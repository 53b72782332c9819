/**
 * "Needs translation into Swahili": the public per-language feed of the digest — every
 * published post in another language with no translation into the language yet, and every
 * translation into it with outdated units — newest first. Each entry links to the post's
 * "Translate this post" page with the language chosen. The same reads as the digests
 * (`missingPosts`, `translationStates`), so feed and digest never disagree.
 */
import { needsTranslationKey } from '../../domain/digest.js';
import type { ServiceDeps } from '../deps.js';

/** Entries per feed. */
export const NEEDS_FEED_SIZE = 100;

export interface NeedsFeedEntry {
  kind: 'missing' | 'outdated';
  postId: string;
  title: string;
  sourceLanguage: string;
  publishedAt: string;
  /** Missing: when the post was published; outdated: when its newest unit became outdated. */
  updatedAt: string;
  /** Outdated units (0 for missing). */
  outdated: number;
  total: number;
  /** Absolute URL of "Translate this post" into the feed's language. */
  url: string;
  authors: { name: string; url: string }[];
}

export interface NeedsFeed {
  language: string;
  entries: NeedsFeedEntry[];
  /** The newest entry's time, or now when there is none. */
  updated: string;
  cacheKeys: string[];
}

/** The "Translate this post" URL of `postId` with `language` chosen. */
export function translateThisPostUrl(base: string, postId: string, language: string): string {
  return `${base}/translate/${encodeURIComponent(postId)}?language=${encodeURIComponent(language)}`;
}

/** The feed of `language` (a canonical tag the caller checked is a site language). */
export async function needsTranslationFeed(
  deps: ServiceDeps,
  language: string,
): Promise<NeedsFeed> {
  const base = deps.settings.publicUrl.replace(/\/+$/, '');
  const [missing, states] = await Promise.all([
    deps.store.digests.missingPosts(language, null),
    deps.store.digests.translationStates(language),
  ]);
  const entries: Omit<NeedsFeedEntry, 'authors'>[] = [
    ...missing.map((row) => ({
      kind: 'missing' as const,
      postId: row.postId,
      title: row.title,
      sourceLanguage: row.sourceLanguage,
      publishedAt: row.publishedAt,
      updatedAt: row.publishedAt,
      outdated: 0,
      total: 0,
      url: translateThisPostUrl(base, row.postId, language),
    })),
    ...states
      .filter((row) => row.outdated > 0)
      .map((row) => ({
        kind: 'outdated' as const,
        postId: row.postId,
        title: row.title,
        sourceLanguage: row.sourceLanguage,
        publishedAt: row.publishedAt,
        updatedAt: row.outdatedAt ?? row.updatedAt,
        outdated: row.outdated,
        total: row.total,
        url: translateThisPostUrl(base, row.postId, language),
      })),
  ]
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .slice(0, NEEDS_FEED_SIZE);
  const facets = await deps.store.digests.facets(entries.map((e) => e.postId));
  const people = new Map(
    (
      await deps.store.users.publicProfiles([
        ...new Set([...facets.values()].flatMap((f) => f.authors)),
      ])
    ).map((p) => [p.id, p]),
  );
  const reader = deps.settings.defaultLanguage;
  return {
    language,
    entries: entries.map((entry) => ({
      ...entry,
      authors: (facets.get(entry.postId)?.authors ?? []).flatMap((id) => {
        const person = people.get(id);
        return person
          ? [
              {
                name: person.displayName,
                url: `${base}/${reader}/author/${encodeURIComponent(person.username)}`,
              },
            ]
          : [];
      }),
    })),
    updated: entries[0]?.updatedAt ?? deps.clock.now().toISOString(),
    cacheKeys: [
      'list:all',
      needsTranslationKey(language),
      ...entries.map((e) => `post:${e.postId}`),
    ],
  };
}

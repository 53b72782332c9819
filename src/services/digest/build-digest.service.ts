/**
 * What a translator's digest lists, per language they translate into:
 *
 * (a) `missing` — published posts in another language with no translation into it at all,
 *     published since the previous digest (`newPostsSince`: each is announced once);
 * (b) `inProgress` — translations into it that exist but are not complete (fewer units
 *     translated or reviewed than the post has) and have no outdated unit;
 * (c) `outdated` — translations into it with at least one outdated unit;
 * (d) `review` — only for people who may review the language (`reviewsLanguageGiven`):
 *     translations with units translated but not reviewed, or proposals waiting.
 *
 * (b)–(d) are the current state, not news: an item still outdated is listed again next time.
 * Completion and "outdated" are counted as the hub's `progressOf` counts them (targets of the
 * post's latest units; translated or reviewed is done), in SQL. The per-language reads run once
 * for any number of subscribers (`DigestSource`), then each person's filters pick from them.
 */
import type {
  DigestFilter,
  DigestPostRow,
  DigestTranslationRow,
  PostFacets,
} from '../repositories.js';
import type { Actor } from '../../domain/roles.js';
import { reviewsLanguageGiven } from '../auth/review-rights.js';
import type { ServiceDeps } from '../deps.js';

/** One listed post. */
export interface DigestItem {
  postId: string;
  title: string;
  sourceLanguage: string;
  publishedAt: string;
  /** Path of the page that translates it into the section's language (the editor). */
  path: string;
  /** Null for a missing post; the counts of an existing translation otherwise. */
  progress: {
    total: number;
    done: number;
    outdated: number;
    unreviewed: number;
    pending: number;
  } | null;
}

export interface DigestLanguage {
  language: string;
  missing: DigestItem[];
  inProgress: DigestItem[];
  outdated: DigestItem[];
  /** Null when the person may not review this language. */
  review: DigestItem[] | null;
}

export interface Digest {
  userId: string;
  /** Start of the "new posts" window. */
  since: string;
  languages: DigestLanguage[];
  /** Items over every section and language. */
  itemCount: number;
}

/** Who a digest is for. */
export interface DigestRecipient {
  actor: Actor;
  languages: readonly string[];
  filters: readonly DigestFilter[];
  reviewLanguages: readonly string[];
  since: string;
}

/** The path translating `postId` into `language`. */
export function translatePath(postId: string, language: string): string {
  return `/translate/${encodeURIComponent(postId)}/${encodeURIComponent(language)}`;
}

/**
 * The per-language reads of one run, each done once: the missing posts (since the earliest
 * window asked for), the translations' counts, and the facets of every post they name.
 */
export class DigestSource {
  private readonly missing = new Map<string, Promise<DigestPostRow[]>>();
  private readonly states = new Map<string, Promise<DigestTranslationRow[]>>();
  private readonly facetCache = new Map<string, PostFacets>();

  constructor(
    private readonly deps: Pick<ServiceDeps, 'store'>,
    /** The earliest `since` any recipient of this run has (older missing posts are not read). */
    private readonly earliest: string | null,
  ) {}

  missingPosts(language: string): Promise<DigestPostRow[]> {
    let found = this.missing.get(language);
    if (!found) {
      found = this.deps.store.digests.missingPosts(language, this.earliest);
      this.missing.set(language, found);
    }
    return found;
  }

  translationStates(language: string): Promise<DigestTranslationRow[]> {
    let found = this.states.get(language);
    if (!found) {
      found = this.deps.store.digests.translationStates(language);
      this.states.set(language, found);
    }
    return found;
  }

  /** Loads the facets of `postIds` not loaded yet (one query per kind per 500 posts). */
  async loadFacets(postIds: readonly string[]): Promise<void> {
    const wanted = postIds.filter((id) => !this.facetCache.has(id));
    if (wanted.length === 0) return;
    const loaded = await this.deps.store.digests.facets(wanted);
    for (const id of wanted)
      this.facetCache.set(id, loaded.get(id) ?? { organizations: [], tags: [], authors: [] });
  }

  facets(postId: string): PostFacets {
    return this.facetCache.get(postId) ?? { organizations: [], tags: [], authors: [] };
  }
}

/** Whether a post filed under `facets` passes `filters` (every chosen kind, any value of it). */
export function matchesFilters(facets: PostFacets, filters: readonly DigestFilter[]): boolean {
  const of = { organization: facets.organizations, tag: facets.tags, author: facets.authors };
  for (const kind of ['organization', 'tag', 'author'] as const) {
    const chosen = filters.filter((f) => f.kind === kind).map((f) => f.value);
    if (chosen.length > 0 && !chosen.some((value) => of[kind].includes(value))) return false;
  }
  return true;
}

function item(row: DigestPostRow, language: string, t?: DigestTranslationRow): DigestItem {
  return {
    postId: row.postId,
    title: row.title,
    sourceLanguage: row.sourceLanguage,
    publishedAt: row.publishedAt,
    path: translatePath(row.postId, language),
    progress: t
      ? {
          total: t.total,
          done: t.done,
          outdated: t.outdated,
          unreviewed: t.unreviewed,
          pending: t.pending,
        }
      : null,
  };
}

/** Sorts a language's translations into the digest's sections (b), (c), (d). */
export function sections(rows: readonly DigestTranslationRow[]): {
  inProgress: DigestTranslationRow[];
  outdated: DigestTranslationRow[];
  review: DigestTranslationRow[];
} {
  return {
    outdated: rows.filter((r) => r.outdated > 0),
    inProgress: rows.filter((r) => r.outdated === 0 && r.done < r.total),
    review: rows.filter((r) => r.unreviewed > 0 || r.pending > 0),
  };
}

/** Builds the digests of many recipients from one source (the job, the bench). */
export async function buildDigests(
  deps: Pick<ServiceDeps, 'store'>,
  recipients: readonly DigestRecipient[],
  source: DigestSource = new DigestSource(
    deps,
    recipients.reduce<string | null>(
      (min, r) => (min === null || r.since < min ? r.since : min),
      null,
    ),
  ),
): Promise<Digest[]> {
  const languages = [...new Set(recipients.flatMap((r) => r.languages))];
  const perLanguage = new Map<
    string,
    { missing: DigestPostRow[]; split: ReturnType<typeof sections> }
  >();
  for (const language of languages) {
    const [missing, states] = await Promise.all([
      source.missingPosts(language),
      source.translationStates(language),
    ]);
    perLanguage.set(language, { missing, split: sections(states) });
  }
  if (recipients.some((r) => r.filters.length > 0)) {
    const ids = new Set<string>();
    for (const { missing, split } of perLanguage.values()) {
      for (const row of missing) ids.add(row.postId);
      for (const row of [...split.inProgress, ...split.outdated, ...split.review])
        ids.add(row.postId);
    }
    await source.loadFacets([...ids]);
  }
  return recipients.map((recipient) => {
    const keep = (row: DigestPostRow) =>
      recipient.filters.length === 0 ||
      matchesFilters(source.facets(row.postId), recipient.filters);
    let itemCount = 0;
    const out: DigestLanguage[] = [];
    for (const language of recipient.languages) {
      const data = perLanguage.get(language);
      if (!data) continue;
      const missing = data.missing
        .filter((row) => row.publishedAt >= recipient.since && keep(row))
        .map((row) => item(row, language));
      const translations = (rows: DigestTranslationRow[]) =>
        rows.filter(keep).map((row) => item(row, language, row));
      const reviews = reviewsLanguageGiven(recipient.actor, recipient.reviewLanguages, language);
      const section: DigestLanguage = {
        language,
        missing,
        inProgress: translations(data.split.inProgress),
        outdated: translations(data.split.outdated),
        review: reviews ? translations(data.split.review) : null,
      };
      itemCount +=
        section.missing.length +
        section.inProgress.length +
        section.outdated.length +
        (section.review?.length ?? 0);
      out.push(section);
    }
    return { userId: recipient.actor.id, since: recipient.since, languages: out, itemCount };
  });
}

/**
 * The digest `user` would get now for the window starting at `since`: their translate
 * languages (the ones they set on /account or the subscription page), their filters, their
 * review rights.
 */
export async function buildDigest(
  deps: Pick<ServiceDeps, 'store'>,
  user: Actor,
  since: string,
): Promise<Digest> {
  const [recipient] = await recipientsOf(deps, [{ actor: user, since }]);
  if (!recipient) throw new Error('recipientsOf returns one recipient per person');
  const [digest] = await buildDigests(deps, [recipient]);
  if (!digest) throw new Error('buildDigests returns one digest per recipient');
  return digest;
}

/** Reads the languages, filters and review rights of many people in a few queries. */
export async function recipientsOf(
  deps: Pick<ServiceDeps, 'store'>,
  people: readonly { actor: Actor; since: string }[],
): Promise<DigestRecipient[]> {
  const ids = people.map((p) => p.actor.id);
  const [languages, filters, reviewLanguages] = await Promise.all([
    deps.store.digests.languagesOf(ids),
    deps.store.digests.filtersOf(ids),
    deps.store.users.reviewLanguagesOf(ids),
  ]);
  return people.map(({ actor, since }) => ({
    actor,
    since,
    languages: languages.get(actor.id) ?? [],
    filters: filters.get(actor.id) ?? [],
    reviewLanguages: reviewLanguages.get(actor.id) ?? [],
  }));
}

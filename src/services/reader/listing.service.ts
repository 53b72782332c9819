/**
 * Listings readers browse: the home page and the author, organization, tag, category, event
 * and monthly archives, in a given language. Each post appears once per listing: its version in
 * the listing's language where one exists, otherwise the original, marked with its language.
 */
import { NotFoundError } from '../../domain/errors.js';
import { chooseVersion, postPath } from '../../domain/post.js';
import { slugify } from '../../domain/slug.js';
import { ancestorsOf, childrenOf, descendantsOf } from '../../domain/term-tree.js';
import { untilChanged } from './shared-reads.js';
import type { ServiceDeps } from '../deps.js';
import type { MediaInfo } from '../ports.js';
import type {
  EventRecord,
  OrganizationRecord,
  PostCard,
  PublishedFilter,
  TermRecord,
  TranslationRecord,
} from '../repositories.js';
import { plainText } from '../../domain/units/index.js';
import { toMediaInfo } from '../media/media-info.js';
import { featuredAltIn, readerPath } from '../posts/read-post.service.js';
import { localizedContent } from '../content/localized-content.service.js';
import { withCommentCounts } from '../comments/thread.service.js';
import type { ShownText } from '../content/localized-content.service.js';
import type { PublicPerson } from '../posts/read-post.service.js';

export type ListingFilter =
  | { kind: 'all' }
  | { kind: 'tag' | 'category'; slug: string }
  | { kind: 'author'; username: string }
  | { kind: 'organization'; slug: string }
  | { kind: 'event'; slug: string }
  | { kind: 'month'; year: number; month: number };

export type ListingSubject =
  | { kind: 'all' }
  | {
      kind: 'tag' | 'category';
      term: TermRecord;
      /** Categories: those above it, from the top down (the breadcrumb). */
      trail?: TermRecord[];
      /** Categories: those directly under it that have published posts (in it or below). */
      children?: TermRecord[];
    }
  | { kind: 'author'; person: PublicPerson & { bio: string } }
  | { kind: 'organization'; organization: OrganizationRecord; logo: MediaInfo | null }
  | { kind: 'event'; event: EventRecord }
  | { kind: 'month'; year: number; month: number };

/** One post as a listing shows it, in the version chosen for the listing's language. */
export interface ListingEntry {
  postId: string;
  /** Language of the version shown. */
  language: string;
  sourceLanguage: string;
  isOriginal: boolean;
  title: string;
  excerpt: string;
  /** The shown version's own (canonical) address. */
  path: string;
  /**
   * Where a reader of the listing's language reads it: the version in that language, else the
   * original under the listing's prefix (shown in the reader's interface).
   */
  readerPath: string;
  publishedAt: string;
  updatedAt: string;
  authors: PublicPerson[];
  organizations: OrganizationRecord[];
  /** Names in the listing's language where approved, else the original. */
  tags: { slug: string; name: string; lang: string; dir: 'ltr' | 'rtl' }[];
  featured: MediaInfo | null;
  featuredAlt: string;
  /** The language of the alt text shown (a translation's, or the original post's). */
  featuredAltLang: { lang: string; dir: 'ltr' | 'rtl' };
  /** The records behind the entry (the revision without its body; feeds read that). */
  summary: PostCard;
  /** Published comments in the listing language's thread (listings only; feeds leave it out). */
  commentCount?: number;
  /** Pinned to the top of the listing (the home page's pinned posts; false elsewhere). */
  pinned?: boolean;
}

export interface Listing {
  subject: ListingSubject;
  entries: ListingEntry[];
  total: number;
  page: number;
  pages: number;
  /** Keys of the listings this page belongs to, for cache invalidation. */
  cacheKeys: string[];
  /**
   * The subject's name, description or bio as shown in the listing's language (an approved
   * translation, else the original), with its language; the subject's records carry the same.
   */
  subjectTexts: Partial<Record<'name' | 'description' | 'bio', ShownText>>;
}

/**
 * Archives that exist only through published posts. A tag or category row is written as soon
 * as any draft uses it, and every account has a user name, so without a published post such
 * an archive would reveal a draft's tags or an account that never published — and show
 * nothing. Organizations and events are entities an administrator created to be shown, with
 * a description, dates or a location of their own: their archive stands (empty) without posts.
 */
const shownOnlyWithPosts: ReadonlySet<ListingFilter['kind']> = new Set([
  'tag',
  'category',
  'author',
]);

/**
 * Throws NotFoundError for an unknown author, organization, tag, category or event, and for
 * a tag, category or author no published post carries (exactly as if it did not exist).
 */
export async function listPosts(
  deps: ServiceDeps,
  language: string,
  filter: ListingFilter,
  page: number,
  perPage: number,
): Promise<Listing> {
  const { subject, repoFilter, cacheKeys } = await resolveFilter(deps, filter);
  const [summaries, total] = await Promise.all([
    deps.store.posts.listPublishedCards(repoFilter, perPage, (page - 1) * perPage),
    untilChanged(deps, `countPublished:${JSON.stringify(repoFilter)}`, ['list:all'], () =>
      deps.store.posts.countPublished(repoFilter),
    ),
  ]);
  if (total === 0 && shownOnlyWithPosts.has(filter.kind))
    throw new NotFoundError(notFoundName[filter.kind]);
  const localized = await localizeSubject(deps, language, subject);
  const entries = (
    await withCommentCounts(deps, language, await toEntries(deps, language, summaries))
  ).map((entry) =>
    repoFilter.stickyFirst && entry.summary.post.sticky ? { ...entry, pinned: true } : entry,
  );
  return {
    subject: localized.subject,
    subjectTexts: localized.texts,
    entries,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / perPage)),
    // Every listing page also shows the archive navigation, which any publication changes;
    // and each post it lists (its surrogate keys let a CDN purge it with the post).
    cacheKeys: [
      ...new Set([...cacheKeys, 'list:all', ...entries.map((entry) => `post:${entry.postId}`)]),
    ],
  };
}

/**
 * Localize step of an archive's subject: its name and description (terms, events), bio
 * (authors) or description (organizations) in `language` where approved (one query); the
 * records returned carry the texts shown.
 */
async function localizeSubject(
  deps: ServiceDeps,
  language: string,
  subject: ListingSubject,
): Promise<{ subject: ListingSubject; texts: Listing['subjectTexts'] }> {
  switch (subject.kind) {
    case 'tag':
    case 'category': {
      const related = [...(subject.trail ?? []), ...(subject.children ?? [])];
      const [texts, source] = await Promise.all([
        localizedContent(deps, language, [
          { kind: 'term', id: subject.term.id },
          ...related.map((t) => ({ kind: 'term' as const, id: t.id })),
        ]),
        deps.store.content.findSource('term', subject.term.id),
      ]);
      const name = texts.text('term', subject.term.id, 'name', subject.term.name);
      const shown = (t: TermRecord): TermRecord => ({
        ...t,
        name: texts.text('term', t.id, 'name', t.name).text,
      });
      const description = texts.text(
        'term',
        subject.term.id,
        'description',
        source?.fields.find((f) => f.field === 'description')?.text ?? '',
      );
      return {
        subject: {
          ...subject,
          term: { ...subject.term, name: name.text },
          ...(subject.trail ? { trail: subject.trail.map(shown) } : {}),
          ...(subject.children ? { children: subject.children.map(shown) } : {}),
        },
        texts: { name, ...(description.text ? { description } : {}) },
      };
    }
    case 'author': {
      const texts = await localizedContent(deps, language, [
        { kind: 'user', id: subject.person.id },
      ]);
      const bio = texts.text('user', subject.person.id, 'bio', subject.person.bio);
      return {
        subject: { ...subject, person: { ...subject.person, bio: bio.text } },
        texts: bio.text ? { bio } : {},
      };
    }
    case 'organization': {
      const { organization } = subject;
      const texts = await localizedContent(deps, language, [
        { kind: 'organization', id: organization.id },
      ]);
      const description = texts.text(
        'organization',
        organization.id,
        'description',
        organization.description,
      );
      return {
        subject: { ...subject, organization: { ...organization, description: description.text } },
        texts: description.text ? { description } : {},
      };
    }
    case 'event': {
      const { event } = subject;
      const [texts, source] = await Promise.all([
        localizedContent(deps, language, [{ kind: 'event', id: event.id }]),
        deps.store.content.findSource('event', event.id),
      ]);
      const name = texts.text('event', event.id, 'name', event.name);
      const description = texts.text(
        'event',
        event.id,
        'description',
        source?.fields.find((f) => f.field === 'description')?.text ?? '',
      );
      return {
        subject: { ...subject, event: { ...event, name: name.text } },
        texts: { name, ...(description.text ? { description } : {}) },
      };
    }
    case 'all':
    case 'month':
      return { subject, texts: {} };
  }
}

/**
 * A category's archive: its posts and those of every category below it (as WordPress lists
 * them), with its trail and the subcategories that have something to show. Tagged with the
 * keys of every category above and below, so a post published in a subcategory, or a renamed
 * parent, drops this page too.
 */
async function resolveCategory(
  deps: ServiceDeps,
  slug: string,
): Promise<{ subject: ListingSubject; repoFilter: PublishedFilter; cacheKeys: string[] }> {
  const term = await deps.store.posts.findTerm('category', slug);
  if (!term) throw new NotFoundError(notFoundName.category);
  const tree = await deps.store.posts.categoryTree();
  const below = descendantsOf(tree, term.id);
  const trail = ancestorsOf(tree, term.id).reverse();
  const used = await deps.store.posts.termsWithPublished(below.map((d) => d.id));
  const children = childrenOf(tree, term.id).filter((child) =>
    [child, ...descendantsOf(tree, child.id)].some((t) => used.has(t.id)),
  );
  return {
    subject: { kind: 'category', term, trail, children },
    repoFilter: { termIds: [term.id, ...below.map((d) => d.id)] },
    cacheKeys: [term, ...trail, ...below].map((t) => `list:category:${t.slug}`),
  };
}

/** Months with published posts, newest first (for the archive navigation). */
export async function archiveMonths(
  deps: ServiceDeps,
): Promise<{ year: number; month: number; count: number }[]> {
  // Every publication names 'list:all' (domain/post.ts publicKeys), the pages showing it too.
  const months = await untilChanged(deps, 'publishedMonths', ['list:all'], () =>
    deps.store.posts.publishedMonths(),
  );
  return months.map((m) => ({
    year: Number(m.month.slice(0, 4)),
    month: Number(m.month.slice(5, 7)),
    count: m.count,
  }));
}

/** What a missing archive is called in its NotFoundError (the same words as an unknown one). */
const notFoundName: Record<ListingFilter['kind'], string> = {
  all: 'Page',
  tag: 'Tag',
  category: 'Category',
  author: 'Author',
  organization: 'Organization',
  event: 'Event',
  month: 'Month',
};

async function resolveFilter(
  deps: ServiceDeps,
  filter: ListingFilter,
): Promise<{ subject: ListingSubject; repoFilter: PublishedFilter; cacheKeys: string[] }> {
  switch (filter.kind) {
    case 'all':
      // The home page: pinned posts first (WordPress's sticky posts), then newest first.
      return { subject: filter, repoFilter: { stickyFirst: true }, cacheKeys: ['list:all'] };
    case 'tag': {
      const term = await deps.store.posts.findTerm(filter.kind, filter.slug);
      if (!term) throw new NotFoundError(notFoundName[filter.kind]);
      return {
        subject: { kind: filter.kind, term },
        repoFilter: { termId: term.id },
        cacheKeys: [`list:${filter.kind}:${term.slug}`],
      };
    }
    case 'category':
      return resolveCategory(deps, filter.slug);
    case 'author': {
      const user = await deps.store.users.findByUsername(filter.username.normalize('NFC'));
      if (!user) throw new NotFoundError(notFoundName.author);
      return {
        subject: {
          kind: 'author',
          person: {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            timeZone: user.timeZone,
            bio: user.bio,
          },
        },
        repoFilter: { authorId: user.id },
        cacheKeys: [`list:author:${user.id}`],
      };
    }
    case 'organization': {
      const organization = await deps.store.organizations.findBySlug(filter.slug.normalize('NFC'));
      if (!organization) throw new NotFoundError(notFoundName.organization);
      const logo = organization.logoMediaId
        ? await deps.store.media.findById(organization.logoMediaId)
        : null;
      return {
        subject: {
          kind: 'organization',
          organization,
          logo: logo?.kind === 'image' ? toMediaInfo(logo) : null,
        },
        repoFilter: { organizationId: organization.id },
        cacheKeys: [`list:organization:${organization.id}`],
      };
    }
    case 'event': {
      const event = await deps.store.posts.findEvent(filter.slug);
      if (!event) throw new NotFoundError(notFoundName.event);
      return {
        subject: { kind: 'event', event },
        repoFilter: { eventId: event.id },
        cacheKeys: [`list:event:${event.id}`],
      };
    }
    case 'month': {
      if (filter.month < 1 || filter.month > 12 || filter.year < 1970 || filter.year > 9999)
        throw new NotFoundError(notFoundName.month);
      const from = new Date(Date.UTC(filter.year, filter.month - 1, 1)).toISOString();
      const before = new Date(Date.UTC(filter.year, filter.month, 1)).toISOString();
      return {
        subject: filter,
        repoFilter: { from, before },
        cacheKeys: [`list:month:${from.slice(0, 7)}`],
      };
    }
  }
}

/**
 * Picks each post's version for `language` and loads what cards show, in a fixed number of
 * queries whatever the page size. Until translations exist, every version is the original.
 */
async function toEntries(
  deps: ServiceDeps,
  language: string,
  summaries: PostCard[],
): Promise<ListingEntry[]> {
  const authorIds = [...new Set(summaries.flatMap((s) => s.revision.metadata.authorIds))];
  const organizationIds = [
    ...new Set(summaries.flatMap((s) => s.revision.metadata.organizationIds)),
  ];
  const mediaIds = [
    ...new Set(
      summaries.flatMap((s) => (s.revision.featuredMediaId ? [s.revision.featuredMediaId] : [])),
    ),
  ];
  const [users, organizations, media, translations] = await Promise.all([
    deps.store.users.publicProfiles(authorIds),
    deps.store.organizations.listByIds(organizationIds),
    deps.store.media.listByIds(mediaIds),
    deps.store.translations.translationsOfPosts(summaries.map((s) => s.post.id)),
  ]);
  const people = new Map(
    users.map((u) => [
      u.id,
      { id: u.id, username: u.username, displayName: u.displayName, timeZone: u.timeZone },
    ]),
  );
  const orgs = new Map(organizations.map((o) => [o.id, o]));
  const images = new Map(media.map((m) => [m.id, toMediaInfo(m)]));
  const published = translations.filter((t) => t.status === 'published');
  const chosen = new Map<string, TranslationRecord>();
  for (const { post } of summaries) {
    const versions = [
      post.sourceLanguage,
      ...published.filter((t) => t.postId === post.id).map((t) => t.language),
    ];
    const version = chooseVersion(versions, post.sourceLanguage, language);
    const translation = published.find((t) => t.postId === post.id && t.language === version);
    if (translation) chosen.set(post.id, translation);
  }
  const [texts, content] = await Promise.all([
    translatedHeadlines(deps, [...chosen.values()]),
    // Localize step of the cards: tag names and featured alt texts in the listing's language.
    localizedContent(deps, language, [
      ...[
        ...new Set(summaries.flatMap((s) => s.revision.metadata.tags.map((name) => slugify(name)))),
      ].map((slug) => ({ kind: 'term' as const, termKind: 'tag' as const, slug })),
      ...mediaIds.map((id) => ({ kind: 'media' as const, id })),
    ]),
  ]);
  return summaries.map((summary) => {
    const { post, revision } = summary;
    const translation = chosen.get(post.id);
    const headline = translation ? texts.get(translation.id) : undefined;
    const versionLanguage = translation?.language ?? post.sourceLanguage;
    return {
      postId: post.id,
      language: versionLanguage,
      sourceLanguage: post.sourceLanguage,
      isOriginal: !translation,
      title: headline?.title ?? revision.title,
      excerpt: headline?.excerpt ?? revision.excerpt,
      path: postPath({
        language: versionLanguage,
        slug: translation?.slug ?? post.slug,
        publishedAt: post.publishedAt,
      }),
      readerPath: readerPath(
        deps,
        post,
        language,
        translation?.slug ?? (post.sourceLanguage === language ? post.slug : null),
      ),
      publishedAt: post.publishedAt ?? post.createdAt,
      updatedAt: post.updatedAt,
      authors: revision.metadata.authorIds.flatMap((id) => people.get(id) ?? []),
      organizations: revision.metadata.organizationIds.flatMap((id) => orgs.get(id) ?? []),
      tags: revision.metadata.tags.map((name) => {
        const slug = slugify(name);
        const shown = content.term('tag', slug, 'name', name);
        return { name: shown.text, slug, lang: shown.lang, dir: shown.dir };
      }),
      featured: revision.featuredMediaId ? (images.get(revision.featuredMediaId) ?? null) : null,
      ...((alt) => ({ featuredAlt: alt.text, featuredAltLang: { lang: alt.lang, dir: alt.dir } }))(
        featuredAltIn(
          content,
          revision.featuredMediaId,
          revision.featuredAlt,
          media.find((m) => m.id === revision.featuredMediaId)?.alt,
          post.sourceLanguage,
        ),
      ),
      summary,
    };
  });
}

/** Translated title and excerpt of each translation (where translated), by translation id. */
async function translatedHeadlines(
  deps: ServiceDeps,
  translations: TranslationRecord[],
): Promise<Map<string, { title?: string; excerpt?: string }>> {
  const result = new Map<string, { title?: string; excerpt?: string }>();
  if (translations.length === 0) return result;
  const targets = await deps.store.translations.targets(translations.map((t) => t.id));
  for (const translation of translations) {
    const revision = await deps.store.translations.latestUnitRevision(translation.postId);
    if (revision === null) continue;
    const units = await deps.store.translations.units(translation.postId, revision);
    const textOf = (kind: string) => {
      const unit = units.find((u) => u.kind === kind);
      const target =
        unit && targets.find((t) => t.translationId === translation.id && t.unitId === unit.unitId);
      return target && target.state !== 'draft' && target.state !== 'untranslated'
        ? plainText(target.text)
        : undefined;
    };
    const title = textOf('title');
    const excerpt = textOf('excerpt');
    result.set(translation.id, { ...(title ? { title } : {}), ...(excerpt ? { excerpt } : {}) });
  }
  return result;
}

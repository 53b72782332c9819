/** Listing and version data → reader view shapes, and the chrome every reader page shares. */
import { languageAutonym, languageDirection } from '../../domain/language.js';
import type { Translator } from '../../i18n/translator.js';
import type {
  Listing,
  ListingEntry,
  ListingSubject,
} from '../../services/reader/listing.service.js';
import type { Settings } from '../../services/deps.js';
import type {
  EntryView,
  MissingLanguageView,
  PageChrome,
  SubjectTextsView,
  SubjectView,
  VersionView,
} from '../../views/reader-view-types.js';

/** Switching language goes through /language/:tag so the choice is remembered. */
export function languageSwitchHref(tag: string, target: string): string {
  return `/language/${tag}?next=${encodeURIComponent(target)}`;
}

/**
 * Header chrome for a reader page in `language`. `targetIn(tag)` is where the same page lives
 * in another language (for listings: the same listing; for posts: that version or the home).
 */
export function pageChrome(
  settings: Settings,
  language: string,
  basePath: string,
  targetIn: (tag: string) => string,
): PageChrome {
  return {
    basePath,
    origin: settings.publicUrl.replace(/\/$/, ''),
    searchAction: `/${language}/search`,
    homeHref: `/${language}/`,
    languageMenu: settings.languages.map((tag) => ({
      tag,
      label: languageAutonym(tag),
      href: tag === language ? targetIn(tag) : languageSwitchHref(tag, targetIn(tag)),
      current: tag === language,
    })),
  };
}

export function presentEntry(t: Translator, pageLanguage: string, entry: ListingEntry): EntryView {
  return {
    title: entry.title,
    excerpt: entry.excerpt,
    // Into the reader's language: the translation, or the original under this prefix.
    path: entry.readerPath,
    language: entry.language,
    dir: languageDirection(entry.language),
    badge: entry.language === pageLanguage ? null : t.languageName(entry.language),
    publishedAt: entry.publishedAt,
    authors: entry.authors,
    featured:
      entry.featured && entry.featured.kind === 'image'
        ? {
            url: entry.featured.url,
            width: entry.featured.width,
            height: entry.featured.height,
            variants: entry.featured.variants,
          }
        : null,
    featuredAlt: entry.featuredAlt,
    featuredAltLang: entry.featuredAltLang,
    ...(entry.commentCount !== undefined ? { commentCount: entry.commentCount } : {}),
    ...(entry.pinned ? { pinned: true } : {}),
  };
}

/** An archive subject's texts as shown (translated or original), each with its language. */
export function presentSubjectTexts(texts: Listing['subjectTexts']): SubjectTextsView {
  const out: SubjectTextsView = {};
  for (const field of ['name', 'description', 'bio'] as const) {
    const shown = texts[field];
    if (shown) out[field] = { text: shown.text, lang: shown.lang, dir: shown.dir };
  }
  return out;
}

export function presentSubject(subject: ListingSubject, language: string): SubjectView {
  const link = (t: { slug: string; name: string }) => ({
    name: t.name,
    href: `/${language}/category/${encodeURIComponent(t.slug)}`,
  });
  switch (subject.kind) {
    case 'all':
      return { kind: 'home' };
    case 'tag':
      return { kind: subject.kind, name: subject.term.name };
    case 'category':
      return {
        kind: subject.kind,
        name: subject.term.name,
        ...(subject.trail?.length ? { trail: subject.trail.map(link) } : {}),
        ...(subject.children?.length ? { children: subject.children.map(link) } : {}),
      };
    case 'author':
      return { kind: 'author', name: subject.person.displayName, bio: subject.person.bio };
    case 'organization':
      return {
        kind: 'organization',
        name: subject.organization.name,
        country: subject.organization.country,
        website: subject.organization.website,
        description: subject.organization.description,
        logo: subject.logo,
      };
    case 'event':
      return {
        kind: 'event',
        name: subject.event.name,
        startsOn: subject.event.startsOn,
        endsOn: subject.event.endsOn,
        location: subject.event.location,
        url: subject.event.url,
      };
    case 'month':
      return subject;
  }
}

export function presentVersions(
  t: Translator,
  versions: { language: string; path: string; completion: number; isOriginal: boolean }[],
  current: string,
): VersionView[] {
  return versions.map((v) => ({
    ...v,
    autonym: languageAutonym(v.language),
    name: t.languageName(v.language),
    current: v.language === current,
  }));
}

export function presentMissing(
  t: Translator,
  languages: readonly string[],
  have: readonly string[],
  hrefFor: (tag: string) => string,
): MissingLanguageView[] {
  return languages
    .filter((tag) => !have.includes(tag))
    .map((tag) => ({
      tag,
      autonym: languageAutonym(tag),
      name: t.languageName(tag),
      href: hrefFor(tag),
    }));
}

export type { Listing };

/**
 * A search hit's link for a reader of `pageLanguage`: hits in another language are originals
 * not translated into it (search finds nothing else there), read under the reader's prefix.
 */
export function searchHitPath(
  hit: { language: string; path: string },
  pageLanguage: string,
  languages: readonly string[],
): string {
  const own = `/${hit.language}/`;
  if (
    hit.language === pageLanguage ||
    !languages.includes(pageLanguage) ||
    !hit.path.startsWith(own)
  )
    return hit.path;
  return `/${pageLanguage}/${hit.path.slice(own.length)}`;
}

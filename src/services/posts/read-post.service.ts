/** What readers see: published posts with their people, organizations, taxonomy and media. */
import type { Root } from 'mdast';
import { NotFoundError } from '../../domain/errors.js';
import { postPath } from '../../domain/post.js';
import { slugify } from '../../domain/slug.js';
import { languageDirection } from '../../domain/language.js';
import { applyUnitsInPlace, plainText } from '../../domain/units/index.js';
import type { PostDocument, UnitRendering } from '../../domain/units/index.js';
import { completionOf } from '../translation/progress.js';
import type { ServiceDeps } from '../deps.js';
import { organizationKey, userKey } from '../change-feed.js';
import type { MediaInfo } from '../ports.js';
import type {
  EventRecord,
  OrganizationRecord,
  PostRecord,
  RevisionHeadline,
  RevisionRecord,
  TranslationRecord,
} from '../repositories.js';
import { toMediaInfo } from '../media/media-info.js';
import { localizedContent } from '../content/localized-content.service.js';
import type { LocalizedContent, ShownText } from '../content/localized-content.service.js';

export interface PublicPerson {
  id: string;
  username: string;
  displayName: string;
  timeZone: string;
}

export interface PostView {
  post: PostRecord;
  revision: RevisionHeadline;
  path: string;
  authors: PublicPerson[];
  organizations: OrganizationRecord[];
  /** Names in the page's language where approved, else the original (`lang`/`dir` of each). */
  tags: LocalizedTerm[];
  categories: LocalizedTerm[];
  events: (EventRecord & { lang: string; dir: 'ltr' | 'rtl' })[];
  featured: MediaInfo | null;
  /** The featured image's alt text as shown (see localizeView). */
  featuredAlt: ShownText;
  bodyHtml: string;
  /** Every public version of the post (the original first) with its completion. */
  versions: PostVersion[];
  /** The version shown: its language, and for a translation its state and credits. */
  shown: ShownVersion;
  /** Cache keys of the page: the post and what it shows. */
  cacheKeys: string[];
  /**
   * Set when the original is shown under another language's prefix because the post has no
   * published translation into it (the reader's language and the page's own path there).
   */
  fallback: { language: string; path: string } | null;
}

export interface LocalizedTerm {
  name: string;
  slug: string;
  lang: string;
  dir: 'ltr' | 'rtl';
}

export interface ShownVersion {
  language: string;
  title: string;
  excerpt: string;
  isOriginal: boolean;
  completion: number;
  outdated: number;
  translators: PublicPerson[];
  reviewers: PublicPerson[];
}

export interface PostVersion {
  language: string;
  path: string;
  /** Share of units translated or reviewed, 0..1; the original is complete by definition. */
  completion: number;
  isOriginal: boolean;
}

/**
 * The published post at /{lang}/{yyyy}/{mm}/{dd}/{slug}: the original or a published
 * translation in that language, or — under any site language's prefix — the original with its
 * own slug when the post has no published translation into the language (read in the reader's
 * interface; its canonical address stays the original's). A published translation into the
 * language answers with its path to redirect to, and so does a wrong date (the right date
 * under the same prefix); an unknown or unpublished post throws NotFoundError.
 */
export async function getPublishedPost(
  deps: ServiceDeps,
  language: string,
  date: string,
  slug: string,
): Promise<{ view: PostView } | { redirect: string }> {
  let post = await deps.store.posts.findBySlug(language, slug);
  let translation: TranslationRecord | null = null;
  if (!post) {
    translation = await deps.store.translations.findTranslationBySlug(language, slug);
    if (translation?.status === 'published')
      post = await deps.store.posts.findById(translation.postId);
  }
  if (!post || post.status !== 'published' || post.publishedRevision === null) {
    const original = await originalInReaderLanguage(deps, language, date, slug);
    if (!original) throw new NotFoundError('Post');
    return original;
  }
  const path = postPath({
    language: translation?.language ?? post.sourceLanguage,
    slug: translation?.slug ?? post.slug,
    publishedAt: post.publishedAt,
  });
  if (!post.publishedAt?.startsWith(date)) {
    // Another language's original may share the slug and carry this date: that one is meant.
    const other = await originalInReaderLanguage(deps, language, date, slug, true);
    return other ?? { redirect: path };
  }
  const revision = await deps.store.posts.revisionHeadline(post.id, post.publishedRevision);
  if (!revision) throw new NotFoundError('Post');
  return { view: await buildView(deps, post, revision, path, translation, language) };
}

/**
 * Where a reader of `language` reads a post: its version in that language (the original or a
 * published translation, given by `translationSlug`), otherwise the original under the
 * language's prefix — for site languages only; elsewhere the original's own path.
 */
export function readerPath(
  deps: ServiceDeps,
  post: Pick<PostRecord, 'sourceLanguage' | 'slug' | 'publishedAt'>,
  language: string,
  translationSlug: string | null,
): string {
  const { publishedAt } = post;
  if (translationSlug !== null) return postPath({ language, slug: translationSlug, publishedAt });
  const shownIn = deps.settings.languages.includes(language) ? language : post.sourceLanguage;
  return postPath({ language: shownIn, slug: post.slug, publishedAt });
}

/**
 * `/{lang}/…/{slug}` where the slug is an original's in another language: the original shown
 * in the reader's language (a published translation into it redirects there, a wrong date to
 * the right one). Several originals may share a slug across languages: the one published on
 * `date` wins, then the oldest (with `onDateOnly`, only one published on `date`). Null when
 * there is none.
 */
async function originalInReaderLanguage(
  deps: ServiceDeps,
  language: string,
  date: string,
  slug: string,
  onDateOnly = false,
): Promise<{ view: PostView } | { redirect: string } | null> {
  if (!deps.settings.languages.includes(language)) return null;
  const candidates = (await deps.store.posts.findPublishedBySlug(slug)).filter(
    (p) => p.sourceLanguage !== language && p.publishedRevision !== null,
  );
  const onDate = candidates.find((p) => p.publishedAt?.startsWith(date));
  const post = onDateOnly ? onDate : (onDate ?? candidates[0]);
  if (!post || post.publishedRevision === null) return null;
  const translation = await deps.store.translations.findTranslation(post.id, language);
  const published = translation?.status === 'published' ? translation : null;
  const here = readerPath(deps, post, language, published?.slug ?? null);
  if (published || !post.publishedAt?.startsWith(date)) return { redirect: here };
  const revision = await deps.store.posts.revisionHeadline(post.id, post.publishedRevision);
  if (!revision) throw new NotFoundError('Post');
  const path = postPath({
    language: post.sourceLanguage,
    slug: post.slug,
    publishedAt: post.publishedAt,
  });
  const view = await buildView(deps, post, revision, path, null, language);
  return { view: { ...view, fallback: { language, path: here } } };
}

/**
 * The published version of a post in `language` as readers see it: the original, or its
 * published translation into that language (feeds use it for full content).
 */
export async function renderPublishedVersion(
  deps: ServiceDeps,
  post: PostRecord,
  revision: RevisionRecord,
  language: string,
): Promise<PostView> {
  const translation =
    language === post.sourceLanguage
      ? null
      : await deps.store.translations.findTranslation(post.id, language);
  const path = postPath({
    language: translation?.language ?? post.sourceLanguage,
    slug: translation?.slug ?? post.slug,
    publishedAt: post.publishedAt,
  });
  return buildView(
    deps,
    post,
    revision,
    path,
    translation?.status === 'published' ? translation : null,
    language,
  );
}

/** Any revision rendered as readers would see it (preview for authors and editors). */
export async function renderRevision(
  deps: ServiceDeps,
  post: PostRecord,
  revision: RevisionRecord,
): Promise<PostView> {
  return buildView(
    deps,
    post,
    revision,
    postPath({ language: post.sourceLanguage, slug: post.slug, publishedAt: post.publishedAt }),
    null,
    post.sourceLanguage,
  );
}

/**
 * A revision as buildView takes it: its body may be left out (readers' pages read it only when
 * the HTML is not already rendered).
 */
type ViewedRevision = RevisionHeadline & { bodyDoc?: string };

async function buildView(
  deps: ServiceDeps,
  post: PostRecord,
  revision: ViewedRevision,
  path: string,
  translation: TranslationRecord | null,
  pageLanguage: string,
): Promise<PostView> {
  const { metadata } = revision;
  // A published revision never changes, so its HTML is rendered once (and its document parsed
  // once); translations change with every save and are rendered each time (the page cache
  // keeps their pages).
  const cacheKey = `${post.id}:${revision.number}`;
  const cachedHtml = translation ? undefined : rendered.get(cacheKey);
  const source: PostDocument | null =
    cachedHtml === undefined
      ? {
          title: revision.title,
          excerpt: revision.excerpt,
          body: JSON.parse(await bodyDocOf(deps, revision)) as Root,
        }
      : null;
  // A translation's page reads the source's latest units once, for its text and the switcher.
  const unitRevision = translation
    ? ((await deps.store.translations.latestUnitRevision(post.id)) ?? revision.number)
    : undefined;
  const versions = await publicVersions(deps, post, revision, unitRevision);
  const shown =
    translation && source && unitRevision !== undefined
      ? await translatedDocument(deps, post, unitRevision, source, translation)
      : null;
  const doc = shown?.doc ?? source;
  const mediaIds = [
    ...(doc ? deps.content.mediaReferences(doc.body) : []),
    ...(revision.featuredMediaId ? [revision.featuredMediaId] : []),
  ];
  const [people, organizations, events, mediaRecords, texts] = await Promise.all([
    peopleById(deps, [...metadata.authorIds, ...(shown?.credits ?? [])]),
    deps.store.organizations.listByIds(metadata.organizationIds),
    deps.store.posts.eventsByIds(metadata.eventIds),
    deps.store.media.listByIds(mediaIds),
    localizedContent(deps, pageLanguage, [
      ...metadata.tags.map((name) => ({
        kind: 'term' as const,
        termKind: 'tag' as const,
        slug: slugify(name),
      })),
      ...metadata.categories.map((name) => ({
        kind: 'term' as const,
        termKind: 'category' as const,
        slug: slugify(name),
      })),
      ...metadata.eventIds.map((id) => ({ kind: 'event' as const, id })),
      ...(revision.featuredMediaId
        ? [{ kind: 'media' as const, id: revision.featuredMediaId }]
        : []),
    ]),
  ]);
  const media = new Map(mediaRecords.map((m) => [m.id, toMediaInfo(m)]));
  const render = async () =>
    doc ? deps.content.render(doc.body, { media: (id) => media.get(id) }) : '';
  const bodyHtml =
    cachedHtml ?? (translation ? await render() : await renderedOnce(cacheKey, render));
  const version = versions.find(
    (v) => v.language === (translation?.language ?? post.sourceLanguage),
  );
  return {
    post,
    revision,
    path,
    authors: metadata.authorIds.flatMap((id) => people.get(id) ?? []),
    organizations,
    // Localize step: the page's language where a text is approved, else the original.
    tags: metadata.tags.map((name) => termIn(texts, 'tag', name)),
    categories: metadata.categories.map((name) => termIn(texts, 'category', name)),
    events: events.map((event) => {
      const name = texts.text('event', event.id, 'name', event.name);
      return { ...event, name: name.text, lang: name.lang, dir: name.dir };
    }),
    featured: revision.featuredMediaId ? (media.get(revision.featuredMediaId) ?? null) : null,
    featuredAlt: featuredAltIn(
      texts,
      revision.featuredMediaId,
      revision.featuredAlt,
      mediaRecords.find((m) => m.id === revision.featuredMediaId)?.alt,
      post.sourceLanguage,
    ),
    bodyHtml,
    versions,
    shown: {
      language: translation?.language ?? post.sourceLanguage,
      title: translation && doc ? plainText(doc.title) : revision.title,
      excerpt: translation && doc ? plainText(doc.excerpt) : revision.excerpt,
      isOriginal: !translation,
      completion: version?.completion ?? 1,
      outdated: shown?.outdated ?? 0,
      translators: (shown?.translators ?? []).flatMap((id) => people.get(id) ?? []),
      reviewers: (shown?.reviewers ?? []).flatMap((id) => people.get(id) ?? []),
    },
    // The page shows this post only: it is dropped when the post changes, not when any
    // listing does; and when a person or organization it names changes how they are shown.
    cacheKeys: [
      `post:${post.id}`,
      ...[...new Set([...metadata.authorIds, ...(shown?.credits ?? [])])].map(userKey),
      ...metadata.organizationIds.map(organizationKey),
    ],
    fallback: null,
  };
}

function termIn(
  texts: LocalizedContent,
  termKind: 'tag' | 'category',
  name: string,
): LocalizedTerm {
  const slug = slugify(name);
  const shownName = texts.term(termKind, slug, 'name', name);
  return { name: shownName.text, slug, lang: shownName.lang, dir: shownName.dir };
}

/**
 * The featured image's alt as shown. The post's own alt text is the original; the media
 * library's approved translation of the image's alt replaces it only when it translates that
 * very text (the post uses the library's alt, or the alt the translation was written against) —
 * a post with an alt of its own keeps it.
 */
export function featuredAltIn(
  texts: LocalizedContent,
  mediaId: string | null,
  postAlt: string,
  libraryAlt: string | undefined,
  postLanguage: string,
): ShownText {
  const original: ShownText = {
    text: postAlt,
    lang: postLanguage,
    dir: languageDirection(postLanguage),
    original: true,
  };
  if (!mediaId || postAlt === '') return original;
  const approved = texts.approved('media', mediaId, 'alt');
  if (!approved || (postAlt !== libraryAlt && postAlt !== approved.sourceText)) return original;
  const shown = texts.text('media', mediaId, 'alt', postAlt);
  return shown.original ? original : shown;
}

/** The original and every published translation, with completion (for switchers and hreflang). */
export async function publicVersions(
  deps: ServiceDeps,
  post: PostRecord,
  revision: Pick<RevisionHeadline, 'number'>,
  /** The revision the post's units were last split from, when the caller has read it. */
  knownUnitRevision?: number,
): Promise<PostVersion[]> {
  const original: PostVersion = {
    language: post.sourceLanguage,
    path: postPath({
      language: post.sourceLanguage,
      slug: post.slug,
      publishedAt: post.publishedAt,
    }),
    completion: 1,
    isOriginal: true,
  };
  const translations = (await deps.store.translations.translationsOfPosts([post.id])).filter(
    (t) => t.status === 'published',
  );
  if (translations.length === 0) return [original];
  const unitRevision =
    knownUnitRevision ??
    (await deps.store.translations.latestUnitRevision(post.id)) ??
    revision.number;
  const { units, done } = await deps.store.translations.completionCounts(
    post.id,
    unitRevision,
    translations.map((t) => t.id),
  );
  return [
    original,
    ...translations.map((t) => ({
      language: t.language,
      path: postPath({ language: t.language, slug: t.slug, publishedAt: post.publishedAt }),
      completion: completionOf(done.get(t.id) ?? 0, units),
      isOriginal: false,
    })),
  ];
}

/**
 * A translation as readers see it: translated and reviewed units in the translation's
 * language, outdated ones marked, the source (with its own lang/dir) wherever nothing is
 * translated — never a hole.
 */
async function translatedDocument(
  deps: ServiceDeps,
  post: PostRecord,
  unitRevision: number,
  source: PostDocument,
  translation: TranslationRecord,
) {
  const units = await deps.store.translations.units(post.id, unitRevision);
  const targets = new Map(
    (await deps.store.translations.targets([translation.id])).map((t) => [t.unitId, t]),
  );
  const renderings = new Map<string, UnitRendering>();
  const sourceDir = languageDirection(post.sourceLanguage);
  const dir = languageDirection(translation.language);
  let outdated = 0;
  const translators = new Set<string>();
  const reviewers = new Set<string>();
  for (const unit of units) {
    const target = targets.get(unit.unitId);
    if (
      target &&
      (target.state === 'translated' || target.state === 'reviewed' || target.state === 'outdated')
    ) {
      renderings.set(unit.path, {
        text: target.text,
        lang: translation.language,
        dir,
        outdated: target.state === 'outdated',
      });
      if (target.state === 'outdated') outdated++;
      if (target.translatedBy) translators.add(target.translatedBy);
      if (target.reviewedBy) reviewers.add(target.reviewedBy);
    } else {
      renderings.set(unit.path, { text: null, lang: post.sourceLanguage, dir: sourceDir });
    }
  }
  return {
    // `source` was parsed for this request only: rebuilt in place, no copy needed.
    doc: applyUnitsInPlace(source, renderings),
    outdated,
    translators: [...translators],
    reviewers: [...reviewers],
    credits: [...translators, ...reviewers],
  };
}

/** The revision's document, read now if the caller left the body out. */
async function bodyDocOf(deps: ServiceDeps, revision: ViewedRevision): Promise<string> {
  if (revision.bodyDoc !== undefined) return revision.bodyDoc;
  const doc = await deps.store.posts.revisionDoc(revision.postId, revision.number);
  if (doc === null) throw new NotFoundError('Post');
  return doc;
}

const rendered = new Map<string, string>();
const RENDERED_MAX = 500;

/** Memoizes the HTML of immutable originals (the oldest dropped past RENDERED_MAX). */
async function renderedOnce(key: string, render: () => Promise<string>): Promise<string> {
  const html = await render();
  rendered.set(key, html);
  if (rendered.size > RENDERED_MAX) {
    const oldest = rendered.keys().next().value;
    if (oldest !== undefined) rendered.delete(oldest);
  }
  return html;
}

async function peopleById(deps: ServiceDeps, ids: string[]): Promise<Map<string, PublicPerson>> {
  const people = await deps.store.users.publicProfiles([...new Set(ids)]);
  return new Map(
    people.map((p) => [
      p.id,
      { id: p.id, username: p.username, displayName: p.displayName, timeZone: p.timeZone },
    ]),
  );
}

/** Renders Markdown that is not saved yet (the editor's preview), with media resolved. */
export async function previewMarkdown(deps: ServiceDeps, markdown: string): Promise<string> {
  const doc = await deps.content.parse(markdown);
  const records = await deps.store.media.listByIds(deps.content.mediaReferences(doc));
  const media = new Map(records.map((m) => [m.id, toMediaInfo(m)]));
  return deps.content.render(doc, { media: (id) => media.get(id) });
}

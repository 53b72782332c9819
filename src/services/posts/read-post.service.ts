/** What readers see: published posts with their people, organizations, taxonomy and media. */
import type { Root } from 'mdast';
import { NotFoundError } from '../../domain/errors.js';
import { postPath, publicKeys } from '../../domain/post.js';
import { slugify } from '../../domain/slug.js';
import type { ServiceDeps } from '../deps.js';
import type { MediaInfo } from '../ports.js';
import type {
  EventRecord,
  OrganizationRecord,
  PostRecord,
  RevisionRecord,
} from '../repositories.js';
import { toMediaInfo } from '../media/media-info.js';

export interface PublicPerson {
  id: string;
  username: string;
  displayName: string;
  timeZone: string;
}

export interface PostView {
  post: PostRecord;
  revision: RevisionRecord;
  path: string;
  authors: PublicPerson[];
  organizations: OrganizationRecord[];
  tags: { name: string; slug: string }[];
  categories: { name: string; slug: string }[];
  events: EventRecord[];
  featured: MediaInfo | null;
  bodyHtml: string;
  /** Every public version of the post (the original first) with its completion. */
  versions: PostVersion[];
  /** Cache keys of the page: the post and what it shows. */
  cacheKeys: string[];
}

export interface PostVersion {
  language: string;
  path: string;
  /** Share of units translated or reviewed, 0..1; the original is complete by definition. */
  completion: number;
  isOriginal: boolean;
}

/**
 * The published post at /{lang}/{yyyy}/{mm}/{dd}/{slug}. A wrong date answers with the right
 * path to redirect to; an unknown or unpublished post throws NotFoundError.
 */
export async function getPublishedPost(
  deps: ServiceDeps,
  language: string,
  date: string,
  slug: string,
): Promise<{ view: PostView } | { redirect: string }> {
  const post = await deps.store.posts.findBySlug(language, slug);
  if (!post || post.status !== 'published' || post.publishedRevision === null)
    throw new NotFoundError('Post');
  const path = postPath({
    language: post.sourceLanguage,
    slug: post.slug,
    publishedAt: post.publishedAt,
  });
  if (!post.publishedAt?.startsWith(date)) return { redirect: path };
  const revision = await deps.store.posts.revision(post.id, post.publishedRevision);
  if (!revision) throw new NotFoundError('Post');
  return { view: await buildView(deps, post, revision, path) };
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
  );
}

async function buildView(
  deps: ServiceDeps,
  post: PostRecord,
  revision: RevisionRecord,
  path: string,
): Promise<PostView> {
  const doc = JSON.parse(revision.bodyDoc) as Root;
  const { metadata } = revision;
  const mediaIds = [
    ...deps.content.mediaReferences(doc),
    ...(revision.featuredMediaId ? [revision.featuredMediaId] : []),
  ];
  const [people, organizations, events, mediaRecords] = await Promise.all([
    peopleById(deps, metadata.authorIds),
    deps.store.organizations.listByIds(metadata.organizationIds),
    deps.store.posts.eventsByIds(metadata.eventIds),
    deps.store.media.listByIds(mediaIds),
  ]);
  const media = new Map(mediaRecords.map((m) => [m.id, toMediaInfo(m)]));
  const bodyHtml = deps.content.render(doc, { media: (id) => media.get(id) });
  return {
    post,
    revision,
    path,
    authors: metadata.authorIds.flatMap((id) => people.get(id) ?? []),
    organizations,
    tags: metadata.tags.map((name) => ({ name, slug: slugify(name) })),
    categories: metadata.categories.map((name) => ({ name, slug: slugify(name) })),
    events,
    featured: revision.featuredMediaId ? (media.get(revision.featuredMediaId) ?? null) : null,
    bodyHtml,
    versions: [{ language: post.sourceLanguage, path, completion: 1, isOriginal: true }],
    cacheKeys: publicKeys(post, metadata),
  };
}

async function peopleById(deps: ServiceDeps, ids: string[]): Promise<Map<string, PublicPerson>> {
  const users = await deps.store.users.listByIds([...new Set(ids)]);
  return new Map(
    users.map((u) => [
      u.id,
      { id: u.id, username: u.username, displayName: u.displayName, timeZone: u.timeZone },
    ]),
  );
}

/** Renders Markdown that is not saved yet (the editor's preview), with media resolved. */
export async function previewMarkdown(deps: ServiceDeps, markdown: string): Promise<string> {
  const doc = deps.content.parse(markdown);
  const records = await deps.store.media.listByIds(deps.content.mediaReferences(doc));
  const media = new Map(records.map((m) => [m.id, toMediaInfo(m)]));
  return deps.content.render(doc, { media: (id) => media.get(id) });
}

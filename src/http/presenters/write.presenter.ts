/** Form bodies ↔ post input, and post summaries → table rows. */
import { postPath } from '../../domain/post.js';
import type { PostInput } from '../../services/posts/post-input.js';
import type { PostRecord, PostSummary, RevisionRecord } from '../../services/repositories.js';
import type { PostFormValues } from '../../views/pages/write/post-form.js';
import type { PostRow } from '../../views/pages/write/write.pages.js';
import { str } from '../form-values.js';

const list = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str).filter((s) => s !== '');
const commaList = (v: unknown) =>
  str(v)
    .split(/[,،、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** What the form sent, as the form shows it again. */
export function formValues(body: Record<string, unknown>): PostFormValues {
  return {
    kind: str(body.kind),
    language: str(body.language),
    title: str(body.title),
    slug: str(body.slug),
    excerpt: str(body.excerpt),
    body: str(body.body),
    featuredMediaId: str(body.featuredMediaId),
    featuredAlt: str(body.featuredAlt),
    authorIds: list(body.authorIds),
    authorNames: list(body.authorNames),
    organizationIds: list(body.organizationIds),
    organizationNames: list(body.organizationNames),
    tags: str(body.tags),
    categories: str(body.categories),
    eventIds: list(body.eventIds),
    minorChange: str(body.minorChange) !== '',
  };
}

/** An empty kind (a form without the choice) leaves it to the service: a post, or as it was. */
export function toPostInput(v: PostFormValues): PostInput {
  const { kind, ...rest } = v;
  return {
    ...rest,
    // Checked by the service's schema (422 naming `kind` when it is neither post nor page).
    ...(kind === '' ? {} : { kind }),
    tags: commaList(v.tags),
    categories: commaList(v.categories),
  };
}

export function revisionValues(post: PostRecord, r: RevisionRecord): PostFormValues {
  return {
    kind: post.kind ?? 'post',
    language: post.sourceLanguage,
    title: r.title,
    slug: post.slug,
    excerpt: r.excerpt,
    body: r.bodyMarkdown,
    featuredMediaId: r.featuredMediaId ?? '',
    featuredAlt: r.featuredAlt,
    authorIds: r.metadata.authorIds,
    authorNames: [],
    organizationIds: r.metadata.organizationIds,
    organizationNames: [],
    tags: r.metadata.tags.join(', '),
    categories: r.metadata.categories.join(', '),
    eventIds: r.metadata.eventIds,
    // Per save: a new save is not minor unless the author says so again.
    minorChange: false,
  };
}

export function postRow({ post, revision }: PostSummary): PostRow {
  return {
    id: post.id,
    title: revision.title,
    status: post.status,
    language: post.sourceLanguage,
    revision: post.currentRevision,
    updatedAt: post.updatedAt,
    publicPath:
      post.status === 'published'
        ? postPath({
            language: post.sourceLanguage,
            slug: post.slug,
            publishedAt: post.publishedAt,
          })
        : null,
    hasUnpublishedChanges:
      post.status === 'published' && post.publishedRevision !== post.currentRevision,
  };
}

export function blankValues(language: string, authorId: string): PostFormValues {
  return {
    kind: 'post',
    language,
    title: '',
    slug: '',
    excerpt: '',
    body: '',
    featuredMediaId: '',
    featuredAlt: '',
    authorIds: [authorId],
    authorNames: [],
    organizationIds: [],
    organizationNames: [],
    tags: '',
    categories: '',
    eventIds: [],
    minorChange: false,
  };
}

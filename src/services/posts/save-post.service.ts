/**
 * Creating and saving posts. Every save is a new revision; a save names the revision it
 * was based on, and a stale save (someone else saved first) is refused with both texts
 * kept: the winner is in the revisions, the loser in post_save_conflicts and in the error.
 */
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { publicKeys } from '../../domain/post.js';
import { PAGES_KEY } from '../../domain/post-kind.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { slugify } from '../../domain/slug.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord, RevisionRecord, Store } from '../repositories.js';
import { checkPostInput, parsePostBody } from './post-input.js';
import type { CheckedPost, PostInput } from './post-input.js';

/** Raised when a save was based on an older revision than the current one. */
export class StaleRevisionError extends DomainError {
  constructor(
    readonly current: RevisionRecord,
    readonly submitted: PostInput,
    readonly conflictId: string,
  ) {
    super(
      'stale_revision',
      `Someone saved this post (revision ${current.number}) after you opened it; your text was kept and nothing was overwritten`,
    );
    this.name = 'StaleRevisionError';
  }
}

/**
 * Creates a draft post with revision 1. `options.id` chooses the post's id (an import keys
 * posts by where they came from, so running it again finds them); a new id otherwise.
 */
export async function createPost(
  deps: ServiceDeps,
  actor: Actor,
  raw: PostInput,
  options: { id?: string } = {},
): Promise<PostRecord> {
  if (!can.writePosts(actor)) throw new ForbiddenError('Only authors can write posts');
  // Parsed before the transaction: a slow text must never hold the database.
  const parsed = await parsePostBody(deps, raw);
  return deps.store.transaction(async (store) => {
    const checked = await checkPostInput(deps, store, raw, actor.id, parsed);
    await assertSlugFree(store, checked.language, checked.slug, null);
    const now = deps.clock.now().toISOString();
    const post: PostRecord = {
      id: options.id ?? deps.newId(),
      sourceLanguage: checked.language,
      slug: checked.slug,
      status: 'draft',
      currentRevision: 1,
      publishedRevision: null,
      publishedAt: null,
      scheduledAt: null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
      sticky: false,
      kind: checked.kind ?? 'post',
    };
    await store.posts.insertPost(post);
    await writeRevision(deps, store, post.id, 1, checked, actor.id, null, now);
    await writeRelations(deps, store, post.id, checked.metadata);
    return post;
  });
}

/**
 * Saves a new revision of an existing post. Throws StaleRevisionError when `baseRevision`
 * is not the current revision, ValidationError for bad input, ForbiddenError for outsiders.
 */
export async function savePost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  baseRevision: number,
  raw: PostInput,
): Promise<{ post: PostRecord; revision: number }> {
  // Parsed before the transaction (a slow text must never hold the database), and only for
  // someone who may edit the post (checked again inside).
  await loadEditable(deps.store, actor, postId);
  const parsed = await parsePostBody(deps, raw);
  const result = await deps.store.transaction(async (store) => {
    const post = await loadEditable(store, actor, postId);
    if (post.currentRevision !== baseRevision) return { stale: post } as const;
    const checked = await checkPostInput(deps, store, raw, actor.id, parsed);
    await assertSlugFree(store, checked.language, checked.slug, post.id);
    const now = deps.clock.now().toISOString();
    const next = post.currentRevision + 1;
    if (!(await store.posts.advanceRevision(post.id, baseRevision, next, now)))
      return { stale: post } as const;
    // The compare-and-set holds the row now: read what a publication that committed since
    // our first read did to it, and decide on that (never on the status read before).
    const locked = await store.posts.findById(post.id);
    if (!locked) throw new NotFoundError('Post');
    if (locked.status === 'published' && checked.language !== locked.sourceLanguage) {
      throw new ValidationError([
        { field: 'language', message: 'The language of a published post cannot change' },
      ]);
    }
    // The kind is the post's, not a revision's: a change shows at once, published or not.
    const kind = checked.kind ?? locked.kind ?? 'post';
    await store.posts.updatePost(post.id, {
      slug: checked.slug,
      sourceLanguage: checked.language,
      kind,
    });
    await writeRevision(deps, store, post.id, next, checked, actor.id, null, now);
    // Readers' listings follow the published revision; drafts follow the latest save.
    if (!isPublic(locked)) await writeRelations(deps, store, post.id, checked.metadata);
    const retyped = kind !== (locked.kind ?? 'post') && locked.status === 'published';
    return {
      post: {
        ...locked,
        slug: checked.slug,
        sourceLanguage: checked.language,
        currentRevision: next,
        updatedAt: now,
        kind,
      },
      revision: next,
      // A published post becoming a page (or back) leaves or joins every listing, feed and
      // search it is in, and the navigation: what publishing it changes.
      retyped: retyped ? await retypedKeys(store, locked) : null,
    } as const;
  });
  if ('stale' in result) throw await recordConflict(deps, actor, postId, baseRevision, raw);
  if (result.retyped) deps.changes.publish({ keys: result.retyped });
  return { post: result.post, revision: result.revision };
}

/**
 * Restores revision `number` by writing it again as a new revision (history only grows).
 * Needs the current revision number like any save.
 */
export async function restoreRevision(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  number: number,
  baseRevision: number,
): Promise<{ revision: number }> {
  return deps.store.transaction(async (store) => {
    const post = await loadEditable(store, actor, postId);
    const old = await store.posts.revision(postId, number);
    if (!old) throw new NotFoundError(`Revision ${number}`);
    const now = deps.clock.now().toISOString();
    const next = post.currentRevision + 1;
    if (
      post.currentRevision !== baseRevision ||
      !(await store.posts.advanceRevision(post.id, baseRevision, next, now))
    ) {
      throw new DomainError(
        'stale_revision',
        'The post changed since you opened its history; reload and try again',
      );
    }
    await store.posts.insertRevision({
      ...old,
      // A restore is a change of its own: the old save's "minor" flag does not carry over.
      metadata: withoutMinorFlag(old.metadata),
      number: next,
      savedBy: actor.id,
      restoredFrom: number,
      createdAt: now,
    });
    // Decide on the post as it is now that the compare-and-set holds its row.
    const locked = await store.posts.findById(postId);
    if (locked && !isPublic(locked)) await writeRelations(deps, store, postId, old.metadata);
    return { revision: next };
  });
}

/** The keys of a published post's listings and pages, and the navigation's (PAGES_KEY). */
async function retypedKeys(store: Store, post: PostRecord): Promise<string[]> {
  const revision =
    post.publishedRevision === null
      ? null
      : await store.posts.revision(post.id, post.publishedRevision);
  return [...(revision ? publicKeys(post, revision.metadata) : [`post:${post.id}`]), PAGES_KEY];
}

async function loadEditable(store: Store, actor: Actor, postId: string): Promise<PostRecord> {
  const post = await store.posts.findById(postId);
  if (!post) throw new NotFoundError('Post');
  const current = await store.posts.revision(postId, post.currentRevision);
  const authorIds = current?.metadata.authorIds ?? [];
  if (!can.editPost(actor, { createdBy: post.createdBy, authorIds })) {
    throw new ForbiddenError('Only the post’s authors and editors can edit it');
  }
  return post;
}

async function recordConflict(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  baseRevision: number,
  raw: PostInput,
) {
  const post = await deps.store.posts.findById(postId);
  if (!post) return new NotFoundError('Post');
  const current = await deps.store.posts.revision(postId, post.currentRevision);
  if (!current) return new NotFoundError('Revision');
  const conflictId = deps.newId();
  await deps.store.posts.saveConflict({
    id: conflictId,
    postId,
    baseRevision,
    currentRevision: post.currentRevision,
    submitted: JSON.stringify(raw),
    userId: actor.id,
    createdAt: deps.clock.now().toISOString(),
  });
  return new StaleRevisionError(current, raw, conflictId);
}

async function assertSlugFree(store: Store, language: string, slug: string, postId: string | null) {
  const existing = await store.posts.findBySlug(language, slug);
  if (existing && existing.id !== postId) {
    throw new ValidationError([
      { field: 'slug', message: `Another post in this language already uses the slug "${slug}"` },
    ]);
  }
}

async function writeRevision(
  deps: ServiceDeps,
  store: Store,
  postId: string,
  number: number,
  checked: CheckedPost,
  savedBy: string,
  restoredFrom: number | null,
  now: string,
) {
  await store.posts.insertRevision({
    postId,
    number,
    title: checked.title,
    excerpt: checked.excerpt,
    bodyMarkdown: checked.bodyMarkdown,
    bodyDoc: JSON.stringify(checked.bodyDoc),
    featuredMediaId: checked.featuredMediaId,
    featuredAlt: checked.featuredAlt,
    metadata: checked.metadata,
    savedBy,
    restoredFrom,
    createdAt: now,
  });
}

/** Mirrors a revision's relations into the join tables listings query (creating terms). */
export async function writeRelations(
  deps: ServiceDeps,
  store: Store,
  postId: string,
  metadata: CheckedPost['metadata'],
) {
  const terms = await store.posts.ensureTerms(
    [
      ...metadata.tags.map((name) => ({ kind: 'tag' as const, name, slug: slugify(name) })),
      ...metadata.categories.map((name) => ({
        kind: 'category' as const,
        name,
        slug: slugify(name),
      })),
    ].filter((t) => t.slug !== ''),
    deps.newId,
  );
  await store.posts.setRelations(
    postId,
    metadata,
    terms.map((t) => t.id),
  );
}

function withoutMinorFlag(metadata: RevisionRecord['metadata']): RevisionRecord['metadata'] {
  return {
    authorIds: metadata.authorIds,
    organizationIds: metadata.organizationIds,
    tags: metadata.tags,
    categories: metadata.categories,
    eventIds: metadata.eventIds,
  };
}

/** Published and scheduled posts keep the relations of the revision readers (will) see. */
function isPublic(post: PostRecord): boolean {
  return post.status === 'published' || post.status === 'scheduled';
}

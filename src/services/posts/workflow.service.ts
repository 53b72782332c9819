/**
 * The editorial workflow: authors submit, editors publish now or at a scheduled time,
 * unpublish, and publish the latest changes of an already published post.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { nextStatus, publicKeys } from '../../domain/post.js';
import type { WorkflowAction } from '../../domain/post.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { snapshotUnits } from '../translation/units.service.js';
import { writeRelations } from './save-post.service.js';
import type { PostRecord, PostSummary, Store } from '../repositories.js';
// Search: published revisions are indexed (and unpublished posts removed) in the same transaction.
import { indexPublishedPost, removeFromSearch } from '../reader/search.service.js';

/** Author (or editor) asks for review. */
export async function submitPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PostRecord> {
  return transition(deps, actor, postId, 'submit', async (post, store) => {
    const revision = await store.posts.revision(post.id, post.currentRevision);
    const isAuthor =
      post.createdBy === actor.id || !!revision?.metadata.authorIds.includes(actor.id);
    if (!isAuthor && !can.publishPosts(actor))
      throw new ForbiddenError('Only the post’s authors can submit it');
    return {};
  });
}

/** Author pulls a submitted or scheduled post back to draft. */
export async function withdrawPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PostRecord> {
  return transition(deps, actor, postId, 'withdraw', async (post, store) => {
    const revision = await store.posts.revision(post.id, post.currentRevision);
    const isAuthor =
      post.createdBy === actor.id || !!revision?.metadata.authorIds.includes(actor.id);
    if (!isAuthor && !can.publishPosts(actor))
      throw new ForbiddenError('Only the post’s authors or an editor can withdraw it');
    return { scheduledAt: null };
  });
}

/**
 * Editor publishes the current revision now, or schedules it when `at` is in the future.
 * The first publication date is kept on later publications so permalinks stay stable.
 */
export async function publishPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  at?: Date,
  /** Units whose change the editor flagged minor: their translations stay valid. */
  minorUnitIds: readonly string[] = [],
): Promise<PostRecord> {
  if (!can.publishPosts(actor)) throw new ForbiddenError('Only editors can publish posts');
  const now = deps.clock.now();
  if (at && Number.isNaN(at.getTime()))
    throw new ValidationError([{ field: 'publishAt', message: 'Not a valid date and time' }]);
  if (at && at.getTime() > now.getTime()) {
    return transition(deps, actor, postId, 'schedule', () =>
      Promise.resolve({ scheduledAt: at.toISOString() }),
    );
  }
  return transition(deps, actor, postId, 'publish', async (post, store) => {
    await indexPublishedPost(store, post, post.currentRevision); // search
    const revision = await store.posts.revision(post.id, post.currentRevision);
    if (revision) await snapshotUnits(deps, store, post, revision, minorUnitIds);
    return {
      publishedRevision: post.currentRevision,
      publishedAt: post.publishedAt ?? now.toISOString(),
      scheduledAt: null,
    };
  });
}

export async function unpublishPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PostRecord> {
  if (!can.publishPosts(actor)) throw new ForbiddenError('Only editors can unpublish posts');
  return transition(deps, actor, postId, 'unpublish', async (post, store) => {
    await removeFromSearch(store, post.id); // search
    return { scheduledAt: null };
  });
}

/** Publishes every scheduled post whose time has come; returns how many. Run by the scheduler. */
export async function publishDuePosts(deps: ServiceDeps): Promise<number> {
  const now = deps.clock.now().toISOString();
  const due = await deps.store.posts.dueScheduled(now);
  for (const scheduled of due) {
    const keys = await deps.store.transaction(async (store) => {
      const post: PostRecord = {
        ...scheduled,
        status: 'published',
        publishedRevision: scheduled.currentRevision,
        publishedAt: scheduled.publishedAt ?? scheduled.scheduledAt ?? now,
        scheduledAt: null,
        updatedAt: now,
      };
      await store.posts.updatePost(post.id, post);
      await indexPublishedPost(store, post, post.currentRevision); // search
      const revision = await store.posts.revision(post.id, post.currentRevision);
      if (revision) await snapshotUnits(deps, store, post, revision);
      return afterPublicationChange(deps, store, post);
    });
    deps.changes.publish({ keys });
  }
  return due.length;
}

/** The editor's queue: submitted and scheduled posts, and published posts with unpublished changes. */
export async function reviewQueue(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ waiting: PostSummary[]; changed: PostSummary[] }> {
  if (!can.publishPosts(actor)) throw new ForbiddenError('Only editors can see the review queue');
  const waiting = await deps.store.posts.listByStatus(['submitted', 'scheduled']);
  const published = await deps.store.posts.listByStatus(['published']);
  return {
    waiting,
    changed: published.filter((s) => s.post.publishedRevision !== s.post.currentRevision),
  };
}

async function transition(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  action: WorkflowAction,
  changes: (post: PostRecord, store: Store) => Promise<Partial<PostRecord>>,
): Promise<PostRecord> {
  const { updated, keys } = await deps.store.transaction(async (store) => {
    const post = await store.posts.findById(postId);
    if (!post) throw new NotFoundError('Post');
    const status = nextStatus(post.status, action);
    const before = await publicKeysOf(store, post);
    const extra = await changes(post, store);
    const updated: PostRecord = {
      ...post,
      ...extra,
      status,
      updatedAt: deps.clock.now().toISOString(),
    };
    await store.posts.updatePost(post.id, { ...extra, status, updatedAt: updated.updatedAt });
    const after = await afterPublicationChange(deps, store, updated);
    return { updated, keys: [...new Set([...before, ...after])] };
  });
  // Announced after commit, so caches never drop a page and re-render the old state.
  if (keys.length > 0) deps.changes.publish({ keys });
  return updated;
}

/** The cache keys of what readers see of `post` now (nothing unless it is published). */
async function publicKeysOf(store: Store, post: PostRecord): Promise<string[]> {
  if (post.status !== 'published' || post.publishedRevision === null) return [];
  const revision = await store.posts.revision(post.id, post.publishedRevision);
  return revision ? publicKeys(post, revision.metadata) : [`post:${post.id}`];
}

/**
 * After a publication change: the join tables (authors, organizations, terms, events) mirror
 * the published revision, which is what listings query. Returns the post's new public keys.
 */
async function afterPublicationChange(
  deps: ServiceDeps,
  store: Store,
  post: PostRecord,
): Promise<string[]> {
  if (post.status !== 'published' || post.publishedRevision === null) return [];
  const revision = await store.posts.revision(post.id, post.publishedRevision);
  if (!revision) return [`post:${post.id}`];
  await writeRelations(deps, store, post.id, revision.metadata);
  return publicKeys(post, revision.metadata);
}

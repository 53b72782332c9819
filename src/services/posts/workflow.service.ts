/**
 * The editorial workflow: authors submit, editors publish now or at a scheduled time,
 * unpublish, and publish the latest changes of an already published post.
 */
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { nextStatus, publicKeys } from '../../domain/post.js';
import { PAGES_KEY } from '../../domain/post-kind.js';
import type { WorkflowAction } from '../../domain/post.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { snapshotUnits } from '../translation/units.service.js';
import { notifyPostTransition } from '../notifications/events.js';
import { writeRelations } from './save-post.service.js';
import type { PostRecord, PostSummary, PostWorkflowChanges, Store } from '../repositories.js';
// Search: published revisions are indexed (and unpublished posts removed) in the same transaction.
import {
  indexPublishedPost,
  preparePostIndex,
  removeFromSearch,
} from '../reader/search.service.js';
import type { PreparedPostIndex } from '../reader/search.service.js';

/** Author (or editor) asks for review. */
export async function submitPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PostRecord> {
  return transition(deps, actor, postId, 'submit', {
    authorize: async (post, store) => {
      if (!(await isAuthor(store, actor, post)) && !can.publishPosts(actor))
        throw new ForbiddenError('Only the post’s authors can submit it');
    },
    fields: () => ({}),
  });
}

/** Author pulls a submitted or scheduled post back to draft. */
export async function withdrawPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PostRecord> {
  return transition(deps, actor, postId, 'withdraw', {
    authorize: async (post, store) => {
      if (!(await isAuthor(store, actor, post)) && !can.publishPosts(actor))
        throw new ForbiddenError('Only the post’s authors or an editor can withdraw it');
    },
    fields: () => ({ scheduledAt: null }),
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
    return transition(deps, actor, postId, 'schedule', {
      fields: () => ({ scheduledAt: at.toISOString() }),
    });
  }
  // Search analysis runs in a worker: before the transaction, not with its lock held.
  const prepared = await prepareForPublishing(deps, postId);
  return transition(deps, actor, postId, 'publish', {
    fields: (post) => ({
      publishedRevision: post.currentRevision,
      publishedAt: post.publishedAt ?? now.toISOString(),
      scheduledAt: null,
    }),
    effects: (post, store) => publishRevision(deps, store, post, minorUnitIds, prepared),
  });
}

/**
 * The search analysis of the revision publishing the post would publish, as it is now; null
 * when there is nothing to publish (the transition reports why). The transaction re-checks the
 * revision and analyses again if the post changed meanwhile.
 */
async function prepareForPublishing(
  deps: ServiceDeps,
  postId: string,
): Promise<PreparedPostIndex | null> {
  const post = await deps.store.posts.findById(postId);
  if (!post) return null;
  try {
    nextStatus(post.status, 'publish');
  } catch {
    return null;
  }
  return preparePostIndex(deps, deps.store, post, post.currentRevision);
}

/** Editor takes a published (or scheduled) post away from readers. */
export async function unpublishPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PostRecord> {
  if (!can.publishPosts(actor)) throw new ForbiddenError('Only editors can unpublish posts');
  return transition(deps, actor, postId, 'unpublish', {
    fields: () => ({ scheduledAt: null }),
    effects: (post, store) => removeFromSearch(store, post.id), // search
  });
}

/**
 * Editor pins a post to the top of the home page, or unpins it. Any post can be pinned (a
 * pinned draft shows once it is published); the home listing puts published pinned posts
 * first, newest first among them. Not a workflow transition: saving and publishing keep it.
 */
export async function pinPost(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  sticky: boolean,
): Promise<PostRecord> {
  if (!can.publishPosts(actor)) throw new ForbiddenError('Only editors can pin posts');
  const post = await deps.store.posts.findById(postId);
  if (!post) throw new NotFoundError('Post');
  if (post.sticky === sticky) return post;
  if (!(await deps.store.posts.setSticky(postId, sticky))) throw new NotFoundError('Post');
  // Every listing page shows the home's order through 'list:all'; the post page does not change.
  if (post.status === 'published') deps.changes.publish({ keys: ['list:all'] });
  return { ...post, sticky };
}

/**
 * Publishes every scheduled post whose time has come; returns how many it published. Run by
 * the scheduler, on every instance at once: each post is claimed with one conditional update
 * (still scheduled, still due, still at the revision read), so it is published once, exactly
 * at the revision that was scheduled, and an unschedule or a newer save that commits first
 * wins (a post it changed is read again; one no longer due is left alone).
 */
export async function publishDuePosts(deps: ServiceDeps): Promise<number> {
  const now = deps.clock.now().toISOString();
  const due = await deps.store.posts.dueScheduled(now);
  let published = 0;
  for (const scheduled of due) {
    // Analysed before the transaction (a worker thread); again inside if the post changed.
    const prepared = await preparePostIndex(deps, deps.store, scheduled, scheduled.currentRevision);
    const keys = await deps.store.transaction(async (store) => {
      let post: PostRecord | null = scheduled;
      for (let tries = 0; tries < CLAIM_TRIES && post; tries++) {
        if (post.status !== 'scheduled' || post.scheduledAt === null || post.scheduledAt > now)
          return null; // unscheduled, withdrawn, rescheduled or published meanwhile
        const fields: PostWorkflowChanges = {
          status: 'published',
          publishedRevision: post.currentRevision,
          publishedAt: post.publishedAt ?? post.scheduledAt,
          scheduledAt: null,
          updatedAt: now,
        };
        const claimed = await store.posts.updatePostIf(
          post.id,
          { status: 'scheduled', currentRevision: post.currentRevision, dueBy: now },
          fields,
        );
        if (claimed) {
          const updated: PostRecord = { ...post, ...fields };
          await publishRevision(deps, store, updated, [], prepared);
          await notifyPostTransition(deps, store, {
            actorId: null,
            post: updated,
            action: 'publish',
            previousStatus: post.status,
          });
          return afterPublicationChange(deps, store, updated);
        }
        post = await store.posts.findById(scheduled.id);
      }
      return null; // changed under us every time: the next run tries again
    });
    if (keys) {
      published++;
      if (keys.length > 0) deps.changes.publish({ keys });
    }
  }
  return published;
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

/** Reads of the post a transition makes before it reports a conflict. */
const CLAIM_TRIES = 3;

interface TransitionSteps {
  /** Throws when the actor may not do this to the post as read. */
  authorize?: (post: PostRecord, store: Store) => Promise<void>;
  /** The fields the transition sets, from the post as read. */
  fields: (post: PostRecord) => Omit<PostWorkflowChanges, 'status' | 'updatedAt'>;
  /** Work that belongs to the transition once it has won (search, units), same transaction. */
  effects?: (updated: PostRecord, store: Store) => Promise<void>;
}

/**
 * One workflow transition as a compare-and-set: read the post, decide (the transition table,
 * authorization, the new fields), then write with one conditional update that holds only if
 * the post is still in the state read (status, revisions, schedule). When another change
 * committed in between (PostgreSQL's default isolation lets both read the same state), the
 * post is read again and the decision taken again; after CLAIM_TRIES it is a `conflict`.
 * Effects run after the write has won, while its row lock serializes competing transitions.
 */
async function transition(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  action: WorkflowAction,
  steps: TransitionSteps,
): Promise<PostRecord> {
  const { updated, keys } = await deps.store.transaction(async (store) => {
    for (let tries = 0; tries < CLAIM_TRIES; tries++) {
      const post = await store.posts.findById(postId);
      if (!post) throw new NotFoundError('Post');
      const status = nextStatus(post.status, action);
      await steps.authorize?.(post, store);
      const before = await publicKeysOf(store, post);
      const changes: PostWorkflowChanges = {
        ...steps.fields(post),
        status,
        updatedAt: deps.clock.now().toISOString(),
      };
      const won = await store.posts.updatePostIf(
        post.id,
        {
          status: post.status,
          currentRevision: post.currentRevision,
          publishedRevision: post.publishedRevision,
          scheduledAt: post.scheduledAt,
        },
        changes,
      );
      if (!won) continue;
      const updated: PostRecord = { ...post, ...changes };
      await steps.effects?.(updated, store);
      await notifyPostTransition(deps, store, {
        actorId: actor.id,
        post: updated,
        action,
        previousStatus: post.status,
      });
      const after = await afterPublicationChange(deps, store, updated);
      return { updated, keys: [...new Set([...before, ...after])] };
    }
    throw new DomainError(
      'conflict',
      'The post kept changing while this was being done (someone else is editing or publishing it); reload it and try again',
    );
  });
  // Announced after commit, so caches never drop a page and re-render the old state.
  if (keys.length > 0) deps.changes.publish({ keys });
  return updated;
}

/** Whether `actor` created the post or is one of the authors of its current revision. */
async function isAuthor(store: Store, actor: Actor, post: PostRecord): Promise<boolean> {
  if (post.createdBy === actor.id) return true;
  const revision = await store.posts.revision(post.id, post.currentRevision);
  return !!revision?.metadata.authorIds.includes(actor.id);
}

/**
 * Indexes the published revision for search (with its analysis `prepared` before the
 * transaction, when it is of that revision) and records its units (outdated marking).
 */
async function publishRevision(
  deps: ServiceDeps,
  store: Store,
  post: PostRecord,
  minorUnitIds: readonly string[],
  prepared: PreparedPostIndex | null,
): Promise<void> {
  if (post.publishedRevision === null) return;
  await indexPublishedPost(deps, store, post, post.publishedRevision, prepared); // search
  const revision = await store.posts.revision(post.id, post.publishedRevision);
  if (revision) await snapshotUnits(deps, store, post, revision, minorUnitIds);
}

/** The cache keys of what readers see of `post` now (nothing unless it is published). */
async function publicKeysOf(store: Store, post: PostRecord): Promise<string[]> {
  if (post.status !== 'published' || post.publishedRevision === null) return [];
  const revision = await store.posts.revision(post.id, post.publishedRevision);
  return withPagesKey(post, revision ? publicKeys(post, revision.metadata) : [`post:${post.id}`]);
}

/** A page is also in every page's navigation (domain/post-kind.ts PAGES_KEY). */
function withPagesKey(post: PostRecord, keys: string[]): string[] {
  return post.kind === 'page' ? [...keys, PAGES_KEY] : keys;
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
  if (!revision) return withPagesKey(post, [`post:${post.id}`]);
  await writeRelations(deps, store, post.id, revision.metadata);
  return withPagesKey(post, publicKeys(post, revision.metadata));
}

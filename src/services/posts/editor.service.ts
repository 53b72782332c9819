/** What the post editor needs: the post being edited and the choices its form offers. */
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type {
  EventRecord,
  MediaRecord,
  OrganizationRecord,
  PostRecord,
  PostSummary,
  RevisionRecord,
} from '../repositories.js';

export interface EditorOptions {
  /** The people the form names (its co-authors), for their user names; not everyone. */
  people: { id: string; username: string; displayName: string }[];
  organizations: OrganizationRecord[];
  events: EventRecord[];
  images: MediaRecord[];
  /** The newest media of the library, for the editor's "insert" panel. */
  media: MediaRecord[];
}

/** Media the editor offers to insert or feature (the library page searches the rest). */
const EDITOR_MEDIA = 200;

/**
 * What the editor form offers; `authorIds` are the co-authors it shows (their user names go
 * in the pickers). Throws ForbiddenError for non-authors.
 */
export async function editorOptions(
  deps: ServiceDeps,
  actor: Actor,
  authorIds: readonly string[] = [],
): Promise<EditorOptions> {
  if (!can.writePosts(actor)) throw new ForbiddenError('Only authors can write posts');
  const [users, organizations, events, media] = await Promise.all([
    deps.store.users.listByIds([...new Set(authorIds)]),
    deps.store.organizations.list(),
    deps.store.posts.listEvents(),
    deps.store.media.list(EDITOR_MEDIA, 0),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    people: authorIds.flatMap((id) => {
      const u = byId.get(id);
      return u ? [{ id: u.id, username: u.username, displayName: u.displayName }] : [];
    }),
    organizations,
    events,
    images: media.filter((m) => m.kind === 'image'),
    media,
  };
}

/** The post and its current revision, for its authors and editors. */
export async function loadPostForEditing(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<{ post: PostRecord; revision: RevisionRecord }> {
  const post = await deps.store.posts.findById(postId);
  if (!post) throw new NotFoundError('Post');
  const revision = await deps.store.posts.revision(postId, post.currentRevision);
  if (!revision) throw new NotFoundError('Revision');
  if (!can.editPost(actor, { createdBy: post.createdBy, authorIds: revision.metadata.authorIds })) {
    throw new ForbiddenError('Only the post’s authors and editors can edit it');
  }
  return { post, revision };
}

/** The signed-in author's posts, most recently changed first. */
export async function myPosts(deps: ServiceDeps, actor: Actor): Promise<PostSummary[]> {
  if (!can.writePosts(actor)) throw new ForbiddenError('Only authors can write posts');
  return deps.store.posts.listForAuthor(actor.id);
}

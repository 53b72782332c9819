/** What the post editor needs: the post being edited and the choices its form offers. */
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { can, hasRole } from '../../domain/roles.js';
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
  people: { id: string; username: string; displayName: string }[];
  organizations: OrganizationRecord[];
  events: EventRecord[];
  images: MediaRecord[];
}

export async function editorOptions(deps: ServiceDeps, actor: Actor): Promise<EditorOptions> {
  if (!can.writePosts(actor)) throw new ForbiddenError('Only authors can write posts');
  const [users, organizations, events, media] = await Promise.all([
    deps.store.users.listAll(),
    deps.store.organizations.list(),
    deps.store.posts.listEvents(),
    deps.store.media.list(200, 0),
  ]);
  return {
    people: users
      .filter((u) => hasRole({ id: u.id, roles: u.roles }, 'author'))
      .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName })),
    organizations,
    events,
    images: media.filter((m) => m.kind === 'image'),
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

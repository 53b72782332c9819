/**
 * The media library beyond uploading: searching it, seeing where an item is used, and deleting
 * an item no revision uses (its file and every resized variant go from Storage too).
 */
import type { Root } from 'mdast';
import { DomainError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { can, hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { MediaRecord } from '../repositories.js';

/** Items a library page shows. */
export const MEDIA_PAGE_SIZE = 50;

/** A post that uses a media item in at least one of its revisions. */
export interface MediaUsingPost {
  postId: string;
  /** The title of the newest revision using the item. */
  title: string;
  revisions: number[];
}

/** Raised when deleting a media item that revisions still use; lists the posts. */
export class MediaInUseError extends DomainError {
  constructor(readonly posts: MediaUsingPost[]) {
    super(
      'conflict',
      `The file is used by ${posts.length === 1 ? 'a post' : `${posts.length} posts`}: ${posts
        .map((p) => `"${p.title}"`)
        .join(', ')}`,
    );
    this.name = 'MediaInUseError';
  }
}

/**
 * The library, newest first, filtered by file name or alt text (`text`, empty: everything).
 * Throws ForbiddenError for anyone who cannot upload media.
 */
export async function searchMedia(
  deps: ServiceDeps,
  actor: Actor,
  text: string,
  page = 1,
): Promise<MediaRecord[]> {
  if (!can.uploadMedia(actor))
    throw new ForbiddenError('Only authors can browse the media library');
  return deps.store.media.search({
    text: text.slice(0, 200),
    limit: MEDIA_PAGE_SIZE,
    offset: (Math.max(1, page) - 1) * MEDIA_PAGE_SIZE,
  });
}

/** Whether `actor` may delete `media`: whoever uploaded it, and editors. */
export function canDeleteMedia(actor: Actor, media: Pick<MediaRecord, 'uploadedBy'>): boolean {
  return can.uploadMedia(actor) && (media.uploadedBy === actor.id || hasRole(actor, 'editor'));
}

/**
 * The posts whose revisions (any of them, published or not: a restore would bring it back)
 * use the item as featured image or in the body.
 */
export async function mediaUsage(deps: ServiceDeps, mediaId: string): Promise<MediaUsingPost[]> {
  const byPost = new Map<string, MediaUsingPost>();
  for (const use of await deps.store.media.usage(mediaId)) {
    const inBody =
      !use.featured &&
      deps.content.mediaReferences(JSON.parse(use.bodyDoc) as Root).includes(mediaId);
    if (!use.featured && !inBody) continue; // the id appears in the text, not as a reference
    const post = byPost.get(use.postId);
    if (post) post.revisions.push(use.revision);
    else
      byPost.set(use.postId, { postId: use.postId, title: use.title, revisions: [use.revision] });
  }
  return [...byPost.values()];
}

/**
 * Deletes a media item and its files. Throws NotFoundError, ForbiddenError (not the uploader
 * nor an editor) and MediaInUseError (a revision uses it; nothing is deleted).
 */
export async function deleteMedia(
  deps: ServiceDeps,
  actor: Actor,
  mediaId: string,
): Promise<MediaRecord> {
  const media = await deps.store.media.findById(mediaId);
  if (!media) throw new NotFoundError('Media');
  if (!canDeleteMedia(actor, media))
    throw new ForbiddenError('Only whoever uploaded a file, or an editor, can delete it');
  const posts = await mediaUsage(deps, mediaId);
  if (posts.length > 0) throw new MediaInUseError(posts);
  await deps.store.media.delete(mediaId);
  // The record goes first: a file left behind by a failed removal is harmless, a record
  // pointing at a missing file is not.
  for (const key of [media.storageKey, ...media.variants.map((v) => v.key)]) {
    await deps.storage.delete(key).catch(() => undefined);
  }
  return media;
}

/**
 * The post a comment thread belongs to, as the comment services need it: published, in a
 * language it can be read in, where its readers read it, and whether it still takes comments.
 */
import { commentsOpen, DEFAULT_COMMENTS_CLOSE_AFTER_DAYS } from '../../domain/comments.js';
import { NotFoundError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { readerPath } from '../posts/read-post.service.js';
import type { PostRecord, Store } from '../repositories.js';

export interface CommentablePost {
  post: PostRecord;
  language: string;
  /** Where readers of `language` read the post (the thread is shown there). */
  path: string;
}

/** Days after publication comments close (site setting; 0 = never). */
export function closeAfterDays(deps: ServiceDeps): number {
  return deps.settings.commentsCloseAfterDays ?? DEFAULT_COMMENTS_CLOSE_AFTER_DAYS;
}

/** Whether the post still takes comments now. */
export function isOpen(deps: ServiceDeps, post: Pick<PostRecord, 'publishedAt'>): boolean {
  return commentsOpen(post.publishedAt, closeAfterDays(deps), deps.clock.now());
}

/** The cache keys a visible change to a thread drops: the post's pages and every listing (counts). */
export function threadKeys(postId: string): string[] {
  return [`post:${postId}`, 'list:all'];
}

/**
 * A published post in `language`: its original language, a published translation's, or a
 * site language (the original shown under that prefix has that language's thread).
 * @throws NotFoundError otherwise.
 */
export async function commentablePost(
  deps: ServiceDeps,
  store: Store,
  postId: string,
  language: string,
): Promise<CommentablePost> {
  const post = await store.posts.findById(postId);
  if (!post || post.status !== 'published' || post.publishedRevision === null)
    throw new NotFoundError('Post');
  const translation =
    language === post.sourceLanguage
      ? null
      : await store.translations.findTranslation(postId, language);
  const published = translation?.status === 'published' ? translation : null;
  if (language !== post.sourceLanguage && !published && !deps.settings.languages.includes(language))
    throw new NotFoundError('Post');
  return { post, language, path: readerPath(deps, post, language, published?.slug ?? null) };
}

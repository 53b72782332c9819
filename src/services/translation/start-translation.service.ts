/**
 * The start of "Translate this post": which published post, in which language it was written,
 * and which languages already have a translation in progress (with their completion).
 */
import { NotFoundError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord } from '../repositories.js';
import { progressOf } from './progress.js';
import { targetLanguage } from './translation-context.js';

export interface TranslationOverview {
  post: PostRecord;
  title: string;
  /** Completion (0..1) of each language that has a translation, by tag. */
  progress: Map<string, number>;
}

/** Any published post can be translated; throws NotFoundError otherwise. */
export async function translationOverview(
  deps: ServiceDeps,
  postId: string,
): Promise<TranslationOverview> {
  const post = await deps.store.posts.findById(postId);
  if (!post || post.status !== 'published' || post.publishedRevision === null)
    throw new NotFoundError('Post');
  const revision = await deps.store.posts.revision(post.id, post.publishedRevision);
  if (!revision) throw new NotFoundError('Post');
  const translations = await deps.store.translations.translationsOfPosts([post.id]);
  const progress = new Map<string, number>();
  if (translations.length > 0) {
    const unitRevision = await deps.store.translations.latestUnitRevision(post.id);
    const units =
      unitRevision === null ? [] : await deps.store.translations.units(post.id, unitRevision);
    const targets = await deps.store.translations.targets(translations.map((t) => t.id));
    for (const t of translations) {
      progress.set(
        t.language,
        progressOf(
          units,
          targets.filter((x) => x.translationId === t.id),
        ).completion,
      );
    }
  }
  return { post, title: revision.title, progress };
}

/**
 * Validates the volunteer's choice of target language (a site language or any BCP 47 tag).
 * Throws ValidationError on `language` when it is invalid or the post's own language.
 */
export function chooseTargetLanguage(post: PostRecord, tag: string): string {
  return targetLanguage(post, tag);
}

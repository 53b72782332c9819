/** "2 others are translating this post": who was seen in a translation in the last minutes. */
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { targetLanguage } from './translation-context.js';

/** How long a heartbeat counts. */
export const PRESENCE_WINDOW_MS = 120_000;

/**
 * Records that `actor` is in the translation and returns how many others are. A translation
 * nobody has saved into yet has no row (reads never create one): nobody else is there.
 */
export async function heartbeat(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  language: string,
): Promise<number> {
  const post = await deps.store.posts.findById(postId);
  if (!post) throw new NotFoundError('Post');
  const translation = await deps.store.translations.findTranslation(
    postId,
    targetLanguage(post, language),
  );
  if (!translation) return 0;
  const now = deps.clock.now();
  await deps.store.translations.touchPresence(translation.id, actor.id, now.toISOString());
  return othersIn(deps, translation.id, actor.id, now);
}

/** The number of people other than `userId` seen in the translation within the window. */
export async function othersIn(
  deps: ServiceDeps,
  translationId: string,
  userId: string,
  now: Date,
): Promise<number> {
  const present = await deps.store.translations.presence(
    translationId,
    new Date(now.getTime() - PRESENCE_WINDOW_MS).toISOString(),
  );
  return present.filter((id) => id !== userId).length;
}

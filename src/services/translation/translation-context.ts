/**
 * What every translation use case starts from: the published post and its current units, the
 * target language checked, the translation row (created on the first save, never by a read),
 * history rows that snapshot the target, and free slugs — all safe under concurrent writers
 * (constraint-backed inserts, conditional updates).
 */
import { PAGES_KEY } from '../../domain/post-kind.js';
import type { PostKind } from '../../domain/post-kind.js';
import { createHash } from 'node:crypto';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type {
  PostRecord,
  Store,
  TargetHistoryRecord,
  TargetRecord,
  TranslationRecord,
  UnitRecord,
} from '../repositories.js';
import { snapshotUnits } from './units.service.js';

/** The published post and its current units; any published post can be translated. */
export async function publishedUnits(
  deps: ServiceDeps,
  store: Store,
  postId: string,
): Promise<{ post: PostRecord; units: UnitRecord[] }> {
  const post = await store.posts.findById(postId);
  if (!post || post.status !== 'published' || post.publishedRevision === null)
    throw new NotFoundError('Post');
  let revision = await store.translations.latestUnitRevision(postId);
  if (revision === null) {
    // Published before units existed (an older database): split it now.
    const published = await store.posts.revision(post.id, post.publishedRevision);
    if (!published) throw new NotFoundError('Post');
    await snapshotUnits(deps, store, post, published);
    revision = published.number;
  }
  return { post, units: await store.translations.units(postId, revision) };
}

/**
 * A volunteer's choice of target language: any valid BCP 47 tag but the post's own.
 * Throws ValidationError on `language`.
 */
export function targetLanguage(post: Pick<PostRecord, 'sourceLanguage'>, tag: string): string {
  const language = canonicalLanguageTag(tag);
  if (!language)
    throw new ValidationError([
      { field: 'language', message: `"${tag}" is not a valid BCP 47 language tag` },
    ]);
  if (language === post.sourceLanguage)
    throw new ValidationError([
      { field: 'language', message: 'That is the language the post was written in' },
    ]);
  return language;
}

/** The translation of `post` into `language`, or NotFoundError. */
export async function existingTranslation(
  store: Store,
  post: PostRecord,
  language: string,
): Promise<TranslationRecord> {
  const translation = await store.translations.findTranslation(post.id, language);
  if (!translation) throw new NotFoundError('Translation');
  return translation;
}

const SLUG_ATTEMPTS = 50;

/** `base`, `base-2`, `base-3`… */
function slugCandidate(base: string, n: number): string {
  return n === 1 ? base : `${base}-${n}`;
}

/** True when no original post in `language` uses `slug` (translations are checked by the index). */
async function freeOfPosts(store: Store, language: string, slug: string): Promise<boolean> {
  return (await store.posts.findBySlug(language, slug)) === null;
}

/**
 * The translation of `post` into `language`, created by the first save. Of any number of
 * simultaneous first savers exactly one inserts (the unique constraints decide); the others
 * read the row it wrote. The slug is the post's, suffixed -2, -3… where taken.
 */
export async function ensureTranslation(
  deps: ServiceDeps,
  store: Store,
  post: PostRecord,
  language: string,
  actor: Actor,
  now: string,
): Promise<TranslationRecord> {
  const existing = await store.translations.findTranslation(post.id, language);
  if (existing) return existing;
  const base = post.slug || 'post';
  for (let n = 1; n <= SLUG_ATTEMPTS; n++) {
    const slug =
      n === SLUG_ATTEMPTS ? `${base}-${deps.newId().slice(0, 8)}` : slugCandidate(base, n);
    if (!(await freeOfPosts(store, language, slug))) continue;
    const translation: TranslationRecord = {
      id: deps.newId(),
      postId: post.id,
      language,
      slug,
      status: 'in_progress',
      publishedAt: null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    if (await store.translations.insertTranslationIfAbsent(translation)) return translation;
    // Either someone else created this translation first, or the slug is taken.
    const created = await store.translations.findTranslation(post.id, language);
    if (created) return created;
  }
  throw new Error(`no free slug for a translation of ${post.id} into ${language}`);
}

/**
 * Gives the translation the first free slug from `wanted` (-2, -3… where another post or
 * translation of the language has it). Conditional and constraint-backed: safe when another
 * transaction claims the same slug at the same moment. Returns the slug set.
 */
export async function claimSlug(
  deps: ServiceDeps,
  store: Store,
  translation: TranslationRecord,
  wanted: string,
  now: string,
): Promise<string> {
  const base = wanted || 'post';
  for (let n = 1; n <= SLUG_ATTEMPTS; n++) {
    const slug =
      n === SLUG_ATTEMPTS ? `${base}-${deps.newId().slice(0, 8)}` : slugCandidate(base, n);
    if (slug === translation.slug) return slug;
    if (!(await freeOfPosts(store, translation.language, slug))) continue;
    if (await store.translations.trySetSlug(translation.id, slug, now)) return slug;
  }
  throw new Error(`no free slug for translation ${translation.id}`);
}

/** SHA-256 of a candidate text: identical proposals are one candidate. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A history row for `target` as it is after `action` (a full snapshot, so a rollback can put
 * it back), written by `userId` (null: the system).
 */
export function historyOf(
  deps: ServiceDeps,
  target: TargetRecord,
  entry: {
    action: string;
    userId: string | null;
    now: string;
    comment?: string | null;
    candidateId?: string | null;
  },
): TargetHistoryRecord {
  return {
    id: deps.newId(),
    translationId: target.translationId,
    unitId: target.unitId,
    version: target.version,
    text: target.text,
    state: target.state,
    baseRevision: target.baseRevision,
    provenance: target.provenance,
    action: entry.action,
    comment: entry.comment ?? null,
    userId: entry.userId,
    createdAt: entry.now,
    snapshot: {
      baseSource: target.baseSource,
      previousState: target.previousState,
      translatedBy: target.translatedBy,
      reviewedBy: target.reviewedBy,
    },
    candidateId: entry.candidateId ?? null,
  };
}

/**
 * A history row that records something without changing the target: a conflicting text
 * (`conflict`), a proposal (`propose`), a rejection (`reject`).
 */
export function recordOf(
  deps: ServiceDeps,
  entry: {
    translationId: string;
    unitId: string;
    version: number;
    text: string;
    baseRevision: number | null;
    action: 'conflict' | 'propose' | 'reject';
    userId: string;
    now: string;
    comment?: string | null;
    candidateId?: string | null;
  },
): TargetHistoryRecord {
  return {
    id: deps.newId(),
    translationId: entry.translationId,
    unitId: entry.unitId,
    version: entry.version,
    text: entry.text,
    state: 'draft',
    baseRevision: entry.baseRevision,
    provenance: 'human',
    action: entry.action,
    comment: entry.comment ?? null,
    userId: entry.userId,
    createdAt: entry.now,
    snapshot: null,
    candidateId: entry.candidateId ?? null,
  };
}

/**
 * A translation going public changes the post's pages and every listing it is in; a page's
 * translation also changes the navigation of that language (its title and address).
 */
export function keysOfPublication(postId: string, kind?: PostKind): string[] {
  return [`post:${postId}`, 'list:all', ...(kind === 'page' ? [PAGES_KEY] : [])];
}

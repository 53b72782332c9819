/**
 * Translating a post: opening the editor data, saving a unit's target (optimistic
 * concurrency: a stale save is a conflict that keeps both texts), reviewing, and publishing
 * by policy. Every save goes to target_history; nothing is deleted.
 */
import { wordDiff } from '../../domain/alignment/index.js';
import type { DiffPart } from '../../domain/alignment/index.js';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { slugify } from '../../domain/slug.js';
import { checkTarget, isUnitKind, plainText } from '../../domain/units/index.js';
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
import { indexTranslation } from '../reader/search.service.js';

/** Raised when a save names an older version than the stored one; carries both texts. */
export class TargetConflictError extends DomainError {
  constructor(
    readonly unitId: string,
    readonly theirs: TargetRecord,
    readonly yours: string,
  ) {
    super(
      'conflict',
      'Someone else saved this segment after you started; both texts are kept — choose or merge, then save again',
    );
    this.name = 'TargetConflictError';
  }
}

export interface EditorUnit {
  unitId: string;
  kind: string;
  source: string;
  codes: UnitRecord['codes'];
  target: TargetRecord | null;
  /** For outdated targets: what changed in the source since the translation was made. */
  diff: DiffPart[] | null;
  /** A reviewer's reason for sending the unit back, while nobody saved it since. */
  reviewComment: string | null;
}

export interface TranslationProgress {
  total: number;
  translated: number;
  reviewed: number;
  outdated: number;
  /** translated-or-reviewed / all units, 0..1 */
  completion: number;
}

export interface EditorData {
  post: PostRecord;
  translation: TranslationRecord;
  sourceLanguage: string;
  language: string;
  units: EditorUnit[];
  progress: TranslationProgress;
  /** Other people seen in this translation in the last two minutes. */
  others: number;
  canReview: boolean;
  canPublish: boolean;
}

const PRESENCE_WINDOW_MS = 120_000;

/** The published post and its current units; any published post can be translated. */
async function publishedUnits(
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

function targetLanguage(post: PostRecord, tag: string): string {
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

/** Completion as readers and the editor see it. */
export function progressOf(
  units: readonly UnitRecord[],
  targets: readonly TargetRecord[],
): TranslationProgress {
  const byUnit = new Map(targets.map((t) => [t.unitId, t]));
  let translated = 0;
  let reviewed = 0;
  let outdated = 0;
  for (const unit of units) {
    const state = byUnit.get(unit.unitId)?.state;
    if (state === 'translated' || state === 'reviewed') translated++;
    if (state === 'reviewed') reviewed++;
    if (state === 'outdated') outdated++;
  }
  return {
    total: units.length,
    translated,
    reviewed,
    outdated,
    completion: units.length === 0 ? 0 : translated / units.length,
  };
}

/** Opens (creating if needed) the translation of a post into `language` for the editor. */
export async function openTranslation(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  languageTag: string,
): Promise<EditorData> {
  const now = deps.clock.now();
  const { post, translation, units } = await deps.store.transaction(async (store) => {
    const { post, units } = await publishedUnits(deps, store, postId);
    const language = targetLanguage(post, languageTag);
    let translation = await store.translations.findTranslation(post.id, language);
    if (!translation) {
      translation = {
        id: deps.newId(),
        postId: post.id,
        language,
        slug: await freeSlug(store, language, post.slug, null),
        status: 'in_progress',
        publishedAt: null,
        createdBy: actor.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await store.translations.createTranslation(translation);
    }
    await store.translations.touchPresence(translation.id, actor.id, now.toISOString());
    return { post, translation, units };
  });
  const [targets, sentBack] = await Promise.all([
    deps.store.translations.targets([translation.id]),
    deps.store.translations.sentBack(translation.id),
  ]);
  const byUnit = new Map(targets.map((t) => [t.unitId, t]));
  const comments = new Map(sentBack.map((h) => [h.unitId, h]));
  const present = await deps.store.translations.presence(
    translation.id,
    new Date(now.getTime() - PRESENCE_WINDOW_MS).toISOString(),
  );
  return {
    post,
    translation,
    sourceLanguage: post.sourceLanguage,
    language: translation.language,
    units: units.map((unit) => {
      const target = byUnit.get(unit.unitId) ?? null;
      const diff =
        target?.state === 'outdated' && target.baseSource !== null
          ? wordDiff(target.baseSource, unit.source)
          : null;
      const sent = comments.get(unit.unitId);
      const reviewComment = target && sent && sent.version === target.version ? sent.comment : null;
      return {
        unitId: unit.unitId,
        kind: unit.kind,
        source: unit.source,
        codes: unit.codes,
        target,
        diff,
        reviewComment,
      };
    }),
    progress: progressOf(units, targets),
    others: present.filter((id) => id !== actor.id).length,
    canReview: hasRole(actor, 'reviewer'),
    canPublish: hasRole(actor, 'editor'),
  };
}

export interface SaveTargetInput {
  postId: string;
  language: string;
  unitId: string;
  text: string;
  /** The version the translator edited (0 for a unit nobody translated yet). */
  version: number;
  /** 'draft' keeps working; 'translated' (default) marks the unit done. */
  state?: 'draft' | 'translated';
}

/**
 * Saves one unit. Throws ValidationError naming the missing/duplicated code or markup,
 * TargetConflictError when someone saved first (the text is kept in the history).
 */
export async function saveTarget(
  deps: ServiceDeps,
  actor: Actor,
  input: SaveTargetInput,
): Promise<{ target: TargetRecord; progress: TranslationProgress }> {
  const now = deps.clock.now().toISOString();
  const result = await deps.store.transaction(async (store) => {
    const { post, units } = await publishedUnits(deps, store, input.postId);
    const language = targetLanguage(post, input.language);
    const translation = await store.translations.findTranslation(post.id, language);
    if (!translation) throw new NotFoundError('Translation');
    const unit = units.find((u) => u.unitId === input.unitId);
    if (!unit) throw new NotFoundError('Segment');
    const problems = checkTarget(
      {
        path: unit.path,
        kind: isUnitKind(unit.kind) ? unit.kind : 'paragraph',
        text: unit.source,
        codes: unit.codes,
      },
      input.text,
    );
    if (problems.length > 0)
      throw new ValidationError(problems.map((p) => ({ field: 'text', message: p.message })));
    const current = await store.translations.target(translation.id, unit.unitId);
    const currentVersion = current?.version ?? 0;
    // A stale save is never applied and never dropped: the text goes to the history.
    const keepConflictingText = () =>
      store.translations.addHistory(
        history(deps, unit, translation.id, actor.id, now, {
          version: input.version,
          text: input.text,
          state: 'draft',
          action: 'conflict',
        }),
      );
    if (currentVersion !== input.version) {
      await keepConflictingText();
      return { conflict: current } as const;
    }
    const target: TargetRecord = {
      translationId: translation.id,
      unitId: unit.unitId,
      text: input.text,
      state: input.state ?? 'translated',
      previousState: null,
      baseSource: unit.source,
      baseRevision: unit.revision,
      version: currentVersion + 1,
      provenance: 'human',
      translatedBy: actor.id,
      reviewedBy: null,
      updatedAt: now,
    };
    if (!(await store.translations.writeTarget(target, currentVersion))) {
      await keepConflictingText();
      return { conflict: await store.translations.target(translation.id, unit.unitId) } as const;
    }
    await store.translations.addHistory(
      history(deps, unit, translation.id, actor.id, now, { ...target, action: 'save' }),
    );
    await store.translations.updateTranslation(translation.id, { updatedAt: now });
    await store.translations.touchPresence(translation.id, actor.id, now);
    const targets = await store.translations.targets([translation.id]);
    if (translation.status === 'published')
      await indexTranslation(store, translation, units, targets);
    return { target, progress: progressOf(units, targets), translation };
  });
  if ('conflict' in result) {
    const theirs = result.conflict;
    if (!theirs)
      throw new DomainError('conflict', 'This segment changed while you were editing; reload it');
    throw new TargetConflictError(input.unitId, theirs, input.text);
  }
  if (result.translation.status === 'published')
    deps.changes.publish({ keys: [`post:${input.postId}`] });
  return { target: result.target, progress: result.progress };
}

export interface ReviewInput {
  postId: string;
  language: string;
  unitId: string;
  version: number;
  action: 'approve' | 'send_back';
  comment?: string;
}

/**
 * A reviewer (never the unit's own last translator) approves a translated unit or sends it
 * back to draft with a comment. When every unit is reviewed the translation is published.
 */
export async function reviewTarget(
  deps: ServiceDeps,
  actor: Actor,
  input: ReviewInput,
): Promise<{
  target: TargetRecord;
  progress: TranslationProgress;
  published: boolean;
  slug: string;
}> {
  if (!hasRole(actor, 'reviewer'))
    throw new ForbiddenError('Only reviewers can review translations');
  const now = deps.clock.now().toISOString();
  const result = await deps.store.transaction(async (store) => {
    const { post, units } = await publishedUnits(deps, store, input.postId);
    const translation = await store.translations.findTranslation(
      post.id,
      targetLanguage(post, input.language),
    );
    if (!translation) throw new NotFoundError('Translation');
    const unit = units.find((u) => u.unitId === input.unitId);
    const current = unit ? await store.translations.target(translation.id, unit.unitId) : null;
    if (!unit || !current) throw new NotFoundError('Translated segment');
    if (current.translatedBy === actor.id)
      throw new ForbiddenError('You cannot review your own translation; another reviewer has to');
    if (current.version !== input.version)
      throw new DomainError(
        'conflict',
        'This segment changed since you read it; look at the new text first',
      );
    if (input.action === 'approve' && current.state !== 'translated') {
      throw new DomainError('invalid_transition', 'Only translated segments can be approved');
    }
    const comment = input.comment?.trim() || null;
    if (input.action === 'send_back' && !comment)
      throw new ValidationError([{ field: 'comment', message: 'Say what needs changing' }]);
    const target: TargetRecord = {
      ...current,
      state: input.action === 'approve' ? 'reviewed' : 'draft',
      reviewedBy: input.action === 'approve' ? actor.id : null,
      version: current.version + 1,
      updatedAt: now,
    };
    if (!(await store.translations.writeTarget(target, current.version)))
      throw new DomainError('conflict', 'This segment changed since you read it');
    await store.translations.addHistory(
      history(deps, unit, translation.id, actor.id, now, {
        ...target,
        action: input.action === 'approve' ? 'review' : 'send_back',
        comment,
      }),
    );
    const targets = await store.translations.targets([translation.id]);
    const progress = progressOf(units, targets);
    const publish =
      translation.status !== 'published' &&
      progress.total > 0 &&
      progress.reviewed === progress.total;
    const slug = publish
      ? (await publishInStore(store, post, translation, units, targets, now)).slug
      : translation.slug;
    return { target, progress, published: publish || translation.status === 'published', slug };
  });
  deps.changes.publish({
    keys: result.published ? keysOfPublication(input.postId) : [`post:${input.postId}`],
  });
  return result;
}

/**
 * Publishes a translation by policy: every unit reviewed — or, by an editor, every unit
 * translated (partly reviewed). Throws `invalid_transition` naming what is missing.
 */
export async function publishTranslation(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  language: string,
): Promise<TranslationRecord> {
  if (!hasRole(actor, 'reviewer'))
    throw new ForbiddenError('Only reviewers and editors can publish translations');
  const now = deps.clock.now().toISOString();
  const published = await deps.store.transaction(async (store) => {
    const { post, units } = await publishedUnits(deps, store, postId);
    const translation = await store.translations.findTranslation(
      post.id,
      targetLanguage(post, language),
    );
    if (!translation) throw new NotFoundError('Translation');
    const targets = await store.translations.targets([translation.id]);
    const progress = progressOf(units, targets);
    const missing = progress.total - progress.translated;
    if (missing > 0)
      throw new DomainError(
        'invalid_transition',
        `${missing} of ${progress.total} segments are not translated yet`,
      );
    if (progress.reviewed < progress.total && !hasRole(actor, 'editor')) {
      throw new DomainError(
        'invalid_transition',
        `${progress.total - progress.reviewed} segments still need review; an editor can publish a complete but partly reviewed translation`,
      );
    }
    return publishInStore(store, post, translation, units, targets, now);
  });
  deps.changes.publish({ keys: keysOfPublication(postId) });
  return published;
}

async function publishInStore(
  store: Store,
  post: PostRecord,
  translation: TranslationRecord,
  units: readonly UnitRecord[],
  targets: readonly TargetRecord[],
  now: string,
): Promise<TranslationRecord> {
  const titleUnit = units.find((u) => u.kind === 'title');
  const titleTarget = titleUnit ? targets.find((t) => t.unitId === titleUnit.unitId) : undefined;
  const slug = titleTarget
    ? await freeSlug(
        store,
        translation.language,
        slugify(plainText(titleTarget.text)) || post.slug,
        translation.id,
      )
    : translation.slug;
  const published: TranslationRecord = {
    ...translation,
    slug,
    status: 'published',
    publishedAt: translation.publishedAt ?? now,
    updatedAt: now,
  };
  await store.translations.updateTranslation(translation.id, {
    slug,
    status: 'published',
    publishedAt: published.publishedAt,
    updatedAt: now,
  });
  await indexTranslation(
    store,
    translation,
    units,
    targets.filter((t) => t.translationId === translation.id),
  );
  return published;
}

/** A translation going public changes the post's pages and every listing it is in. */
function keysOfPublication(postId: string): string[] {
  return [`post:${postId}`, 'list:all'];
}

/** A slug not used in `language` by another post or translation (suffixing -2, -3…). */
async function freeSlug(
  store: Store,
  language: string,
  wanted: string,
  translationId: string | null,
): Promise<string> {
  const base = wanted || 'post';
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const post = await store.posts.findBySlug(language, slug);
    const other = await store.translations.findTranslationBySlug(language, slug);
    if (!post && (!other || other.id === translationId)) return slug;
  }
  return `${base}-${Date.now()}`;
}

/** A history row for a person's action on one unit (made against the unit's revision). */
function history(
  deps: ServiceDeps,
  unit: UnitRecord,
  translationId: string,
  userId: string,
  now: string,
  entry: {
    version: number;
    text: string;
    state: TargetRecord['state'];
    action: string;
    comment?: string | null;
  },
): TargetHistoryRecord {
  return {
    id: deps.newId(),
    translationId,
    unitId: unit.unitId,
    version: entry.version,
    text: entry.text,
    state: entry.state,
    baseRevision: unit.revision,
    provenance: 'human',
    action: entry.action,
    comment: entry.comment ?? null,
    userId,
    createdAt: now,
  };
}

/**
 * Sets the translation's slug (its address in its language). Reviewers and editors may; the
 * slug must be free among the posts and translations of that language.
 */
export async function setTranslationSlug(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  language: string,
  wanted: string,
): Promise<TranslationRecord> {
  if (!hasRole(actor, 'reviewer'))
    throw new ForbiddenError('Only reviewers and editors can change a translation’s address');
  const slug = slugify(wanted.normalize('NFC'));
  if (!slug)
    throw new ValidationError([
      { field: 'slug', message: 'The address needs at least one letter or digit' },
    ]);
  const updated = await deps.store.transaction(async (store) => {
    const { post } = await publishedUnits(deps, store, postId);
    const translation = await store.translations.findTranslation(
      post.id,
      targetLanguage(post, language),
    );
    if (!translation) throw new NotFoundError('Translation');
    const taken =
      (await store.posts.findBySlug(translation.language, slug)) ??
      (await store.translations.findTranslationBySlug(translation.language, slug));
    if (taken && taken.id !== translation.id) {
      throw new ValidationError([
        { field: 'slug', message: `Another post in this language already uses "${slug}"` },
      ]);
    }
    const now = deps.clock.now().toISOString();
    await store.translations.updateTranslation(translation.id, { slug, updatedAt: now });
    return { ...translation, slug, updatedAt: now };
  });
  if (updated.status === 'published') deps.changes.publish({ keys: keysOfPublication(postId) });
  return updated;
}

/** Keeps the "2 others are translating this post" count fresh; returns the others' count. */
export async function heartbeat(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  language: string,
): Promise<number> {
  const translation = await deps.store.translations.findTranslation(
    postId,
    canonicalLanguageTag(language) ?? language,
  );
  if (!translation) throw new NotFoundError('Translation');
  const now = deps.clock.now();
  await deps.store.translations.touchPresence(translation.id, actor.id, now.toISOString());
  const present = await deps.store.translations.presence(
    translation.id,
    new Date(now.getTime() - PRESENCE_WINDOW_MS).toISOString(),
  );
  return present.filter((id) => id !== actor.id).length;
}

/**
 * Publishing a translation by the site's publication policy (`deps.settings.publication`:
 * how much must be translated, whether it must be reviewed, what editors may do) and its
 * address (slug) in its language.
 */
import type { PostKind } from '../../domain/post-kind.js';
import { DomainError, ForbiddenError, ValidationError } from '../../domain/errors.js';
import { describePublicationProblem, publicationProblem } from '../../domain/publication-policy.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { slugify } from '../../domain/slug.js';
import { unmodifiedMachineShare } from '../../domain/checks/index.js';
import { plainText } from '../../domain/units/index.js';
import { requireReviewerOf } from '../auth/review-rights.js';
import type { ServiceDeps } from '../deps.js';
import type {
  PostRecord,
  Store,
  TargetRecord,
  TranslationRecord,
  UnitRecord,
} from '../repositories.js';
import { indexTranslation } from '../reader/search.service.js';
import { notifyTranslationPublished } from '../notifications/events.js';
import { progressOf } from './progress.js';
import {
  claimSlug,
  existingTranslation,
  keysOfPublication,
  publishedUnits,
  targetLanguage,
} from './translation-context.js';

/**
 * Publishes a translation by the site's policy (`publicationProblem`): a reviewer once
 * `minCompletion` % of the units are translated and, when review is required, reviewed; an
 * editor with translated units partly reviewed, and at any completion when the policy lets
 * editors. Units not translated keep showing the source to readers. Throws
 * `invalid_transition` naming what is missing (how many more segments, how many to review,
 * or the machine-translation limit); ForbiddenError below the reviewer role.
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
  let kind: PostKind | undefined;
  const published = await deps.store.transaction(async (store) => {
    const { post, units } = await publishedUnits(deps, store, postId);
    kind = post.kind;
    const translation = await existingTranslation(store, post, targetLanguage(post, language));
    // A reviewer limited to some languages publishes only those.
    await requireReviewerOf(store, actor, translation.language);
    const targets = await store.translations.targets([translation.id]);
    // Read now, not at start-up: an administrator may have changed the policy since.
    const problem = publicationProblem(
      progressOf(units, targets),
      deps.settings.publication,
      hasRole(actor, 'editor'),
    );
    if (problem && problem.kind !== 'unreviewed')
      throw new DomainError('invalid_transition', describePublicationProblem(problem));
    const machine = machineLimitProblem(deps, units, targets, translation.language);
    if (machine) throw new DomainError('invalid_transition', machine);
    if (problem) throw new DomainError('invalid_transition', describePublicationProblem(problem));
    return publishInStore(deps, store, post, translation, units, targets, now, actor.id);
  });
  deps.changes.publish({ keys: keysOfPublication(postId, kind) });
  return published;
}

/**
 * Why the translation cannot be published for its share of unmodified machine translation
 * (above the site's limit), naming the segments to revise first; null when it may be.
 */
export function machineLimitProblem(
  deps: ServiceDeps,
  units: readonly UnitRecord[],
  targets: readonly TargetRecord[],
  language: string,
): string | null {
  const byUnit = new Map(targets.map((t) => [t.unitId, t]));
  const shown = units.flatMap((unit, index) => {
    const target = byUnit.get(unit.unitId);
    if (!target || target.text === '') return [];
    const machine = target.origin?.kind === 'machine' ? target.origin.text : null;
    return [{ number: index + 1, machine, final: target.text }];
  });
  const summary = unmodifiedMachineShare(shown, language);
  const limit = deps.settings.unmodifiedMachineLimit;
  if (summary.words === 0 || summary.share <= limit) return null;
  const revise = summary.over.map((i) => shown[i]?.number).filter((n) => n !== undefined);
  return (
    `${Math.round(summary.share * 100)} % of this translation is machine translation left as the ` +
    `engine wrote it; the limit is ${Math.round(limit * 100)} %. Revise segment${revise.length === 1 ? '' : 's'} ` +
    `${revise.join(', ')} first`
  );
}

/**
 * Marks the translation published (inside the caller's transaction), renaming it after its
 * translated title where that slug is free, and indexes it for search.
 */
export async function publishInStore(
  deps: ServiceDeps,
  store: Store,
  post: PostRecord,
  translation: TranslationRecord,
  units: readonly UnitRecord[],
  targets: readonly TargetRecord[],
  now: string,
  /** Who published (left out of the translators told); null: the system. */
  actorId: string | null = null,
): Promise<TranslationRecord> {
  const titleUnit = units.find((u) => u.kind === 'title');
  const titleTarget = titleUnit ? targets.find((t) => t.unitId === titleUnit.unitId) : undefined;
  const slug = titleTarget
    ? await claimSlug(
        deps,
        store,
        translation,
        slugify(plainText(titleTarget.text)) || post.slug,
        now,
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
    status: 'published',
    publishedAt: published.publishedAt,
    updatedAt: now,
  });
  await indexTranslation(
    deps,
    store,
    published,
    units,
    targets.filter((t) => t.translationId === translation.id),
  );
  await notifyTranslationPublished(deps, store, {
    post,
    translation: published,
    units,
    targets,
    actorId,
  });
  return published;
}

/**
 * Sets the translation's slug (its address in its language). Reviewers and editors may; the
 * slug must be free among the posts and translations of that language (ValidationError on
 * `slug` otherwise).
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
  const taken = () =>
    new ValidationError([
      { field: 'slug', message: `Another post in this language already uses "${slug}"` },
    ]);
  let kind: PostKind | undefined;
  const updated = await deps.store.transaction(async (store) => {
    const { post } = await publishedUnits(deps, store, postId);
    kind = post.kind;
    const translation = await existingTranslation(store, post, targetLanguage(post, language));
    await requireReviewerOf(store, actor, translation.language);
    if (translation.slug === slug) return translation;
    if (await store.posts.findBySlug(translation.language, slug)) throw taken();
    const now = deps.clock.now().toISOString();
    if (!(await store.translations.trySetSlug(translation.id, slug, now))) throw taken();
    return { ...translation, slug, updatedAt: now };
  });
  if (updated.status === 'published')
    deps.changes.publish({ keys: keysOfPublication(postId, kind) });
  return updated;
}

/**
 * The translator hub: for each language a volunteer translates into, the posts that have no
 * translation yet, translations in progress and outdated translations, with counts; and the
 * volunteer's own recent work.
 */
import { isDone } from '../../domain/targets.js';
import { memoryMatchCounts } from '../memory/memory-match-counts.service.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import { postPath } from '../../domain/post.js';
import type { Actor } from '../../domain/roles.js';
import { plainText } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';
import type { TranslationRecord } from '../repositories.js';
import { progressOf } from './progress.js';
import type { TranslationProgress } from './progress.js';

export interface HubPost {
  postId: string;
  title: string;
  sourceLanguage: string;
  path: string;
}

export interface HubTranslation extends HubPost {
  language: string;
  status: TranslationRecord['status'];
  progress: TranslationProgress;
  /** Proposals waiting for a reviewer (units readers already see). */
  pending: number;
  /** Units not done yet that have a translation-memory suggestion. */
  memoryMatches: number;
  updatedAt: string;
}

export interface HubLanguage {
  language: string;
  missing: { count: number; posts: HubPost[] };
  inProgress: HubTranslation[];
  outdated: HubTranslation[];
  /** Translations with proposals waiting for review. */
  proposals: HubTranslation[];
}

const LIST = 20;
/**
 * Database time each listed translation's memory count may take beyond its exact matches
 * (always counted): the hub lists up to 20 per language and stays quick.
 */
const HUB_MEMORY_BUDGET_MS = 25;

/** `languages`: the tags asked for (invalid ones are ignored; at most 6). */
export async function translatorHub(
  deps: ServiceDeps,
  actor: Actor,
  languages: readonly string[],
): Promise<{ languages: HubLanguage[]; mine: HubTranslation[] }> {
  const tags = [
    ...new Set(
      languages.map((l) => canonicalLanguageTag(l)).filter((l): l is string => l !== null),
    ),
  ].slice(0, 6);
  const result: HubLanguage[] = [];
  for (const language of tags) {
    // Pages are translated like posts.
    const filter = {
      notSourceLanguage: language,
      untranslatedInto: language,
      kind: 'any' as const,
    };
    const [count, missing] = await Promise.all([
      deps.store.posts.countPublished(filter),
      deps.store.posts.listPublished(filter, LIST, 0),
    ]);
    const translations = await describe(
      deps,
      await deps.store.translations.listTranslations({ languages: [language] }),
    );
    result.push({
      language,
      missing: {
        count,
        posts: missing.map(({ post, revision }) => ({
          postId: post.id,
          title: revision.title,
          sourceLanguage: post.sourceLanguage,
          path: postPath({
            language: post.sourceLanguage,
            slug: post.slug,
            publishedAt: post.publishedAt,
          }),
        })),
      },
      inProgress: translations.filter((t) => t.status === 'in_progress'),
      outdated: translations.filter((t) => t.progress.outdated > 0),
      proposals: translations.filter((t) => t.pending > 0),
    });
  }
  const mine = await describe(
    deps,
    await deps.store.translations.listTranslations({ userId: actor.id }),
  );
  return { languages: result, mine: mine.slice(0, LIST) };
}

async function describe(
  deps: ServiceDeps,
  translations: TranslationRecord[],
): Promise<HubTranslation[]> {
  const out: HubTranslation[] = [];
  const ids = translations.map((t) => t.id);
  const [targets, pending] = await Promise.all([
    deps.store.translations.targets(ids),
    deps.store.candidates.pendingCounts(ids),
  ]);
  for (const translation of translations) {
    const post = await deps.store.posts.findById(translation.postId);
    if (!post || post.status !== 'published' || post.publishedRevision === null) continue;
    const unitRevision = await deps.store.translations.latestUnitRevision(post.id);
    const units =
      unitRevision === null ? [] : await deps.store.translations.units(post.id, unitRevision);
    const mine = targets.filter((t) => t.translationId === translation.id);
    const done = new Set(mine.filter((t) => isDone(t.state)).map((t) => t.unitId));
    const titleUnit = units.find((u) => u.kind === 'title');
    out.push({
      postId: post.id,
      title: titleUnit ? plainText(titleUnit.source) : post.slug,
      sourceLanguage: post.sourceLanguage,
      path: postPath({
        language: post.sourceLanguage,
        slug: post.slug,
        publishedAt: post.publishedAt,
      }),
      language: translation.language,
      status: translation.status,
      progress: progressOf(units, mine),
      pending: pending.get(translation.id) ?? 0,
      memoryMatches: (
        await memoryMatchCounts(deps, {
          sourceLanguage: post.sourceLanguage,
          targetLanguage: translation.language,
          units: units.filter((u) => !done.has(u.unitId)),
          translationId: translation.id,
          budgetMs: Math.max(HUB_MEMORY_BUDGET_MS, deps.settings.memoryBudgetMs ?? 0),
        })
      ).size,
      updatedAt: translation.updatedAt,
    });
  }
  return out;
}

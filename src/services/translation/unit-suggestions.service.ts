/**
 * The suggestions panel of one unit: translation-memory matches (with where each came from)
 * and, when an administrator enabled the pair, a machine translation labelled with its engine.
 * Reads only (a machine translation is kept in mt_cache by its own service). Suggestions are
 * for people who may save: a reader is refused, so machine-translation calls cannot be spent
 * by accounts that could not use them.
 */
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { lookupMemory } from '../memory/lookup-memory.service.js';
import type { MemoryMatch } from '../memory/lookup-memory.service.js';
import { machineStatus } from '../mt/machine-status.service.js';
import { machineSuggestions } from '../mt/machine-suggestions.service.js';
import type { MachineSuggestion, UnavailableReason } from '../mt/machine-suggestions.service.js';
import type { MtStatus } from '../mt/status.js';
import { publishedUnits, targetLanguage } from './translation-context.js';

/** A memory match with the title of the post and the name of the person it came from. */
export interface MemorySuggestionData extends MemoryMatch {
  /** Null when the post is gone or no longer published (its title is not shown then). */
  postTitle: string | null;
  userName: string | null;
}

export interface UnitSuggestions {
  memory: MemorySuggestionData[];
  /** The memory's time budget ran out: there may be more matches. */
  memoryPartial: boolean;
  machine: MachineSuggestion | null;
  /** The pair's machine translation after this request (ready, paused, failed or off). */
  machineStatus: MtStatus;
  /** Why there is no machine suggestion although the pair is enabled. */
  machineUnavailable: UnavailableReason | null;
}

/**
 * Suggestions for `unitId` of `postId` translated into `languageTag`.
 * @throws ForbiddenError without the translator role; NotFoundError for an unknown post or
 *   unit; ValidationError naming `language`.
 */
export async function unitSuggestions(
  deps: ServiceDeps,
  actor: Actor,
  input: { postId: string; language: string; unitId: string },
): Promise<UnitSuggestions> {
  if (!hasRole(actor, 'translator')) throw new ForbiddenError('Suggestions are for translators');
  const { post, units } = await publishedUnits(deps, deps.store, input.postId);
  const language = targetLanguage(post, input.language);
  const index = units.findIndex((u) => u.unitId === input.unitId);
  const unit = units[index];
  if (!unit) throw new NotFoundError('Unit');
  const translation = await deps.store.translations.findTranslation(post.id, language);
  const pair = { sourceLanguage: post.sourceLanguage, targetLanguage: language };
  const [memory, status] = await Promise.all([
    lookupMemory(deps, {
      ...pair,
      source: unit.source,
      codes: unit.codes,
      previousSource: units[index - 1]?.source ?? null,
      nextSource: units[index + 1]?.source ?? null,
      ...(translation ? { exclude: { translationId: translation.id, unitId: unit.unitId } } : {}),
    }),
    machineStatus(deps, pair),
  ]);
  let machine: MachineSuggestion | null = null;
  let machineState = status;
  let machineUnavailable: UnavailableReason | null = null;
  if (status.state !== 'disabled') {
    const answer = await machineSuggestions(deps, {
      ...pair,
      units: [{ unitId: unit.unitId, source: unit.source, codes: unit.codes }],
    });
    machine = answer.results[0] ?? null;
    machineState = answer.status;
    machineUnavailable = answer.unavailable[0]?.reason ?? null;
  }
  return {
    memory: await withOrigins(deps, memory.matches),
    memoryPartial: memory.partial,
    machine,
    machineStatus: machineState,
    machineUnavailable,
  };
}

/** Post titles (of published posts only) and display names for the matches' origins. */
async function withOrigins(
  deps: ServiceDeps,
  matches: MemoryMatch[],
): Promise<MemorySuggestionData[]> {
  const postIds = [...new Set(matches.flatMap((m) => (m.origin.postId ? [m.origin.postId] : [])))];
  const userIds = [...new Set(matches.flatMap((m) => (m.origin.userId ? [m.origin.userId] : [])))];
  const [titled, profiles] = await Promise.all([
    Promise.all(postIds.map((id) => publishedTitle(deps, id))),
    deps.store.users.publicProfiles(userIds),
  ]);
  const titles = new Map(
    titled.flatMap((title, i) => (title !== null ? [[postIds[i] ?? '', title] as const] : [])),
  );
  const names = new Map(profiles.map((p) => [p.id, p.displayName]));
  return matches.map((m) => ({
    ...m,
    postTitle: (m.origin.postId && titles.get(m.origin.postId)) ?? null,
    userName: (m.origin.userId && names.get(m.origin.userId)) ?? null,
  }));
}

/** The published title of a post; null when it is gone or not published. */
async function publishedTitle(deps: ServiceDeps, postId: string): Promise<string | null> {
  const post = await deps.store.posts.findById(postId);
  if (!post || post.status !== 'published' || post.publishedRevision === null) return null;
  const revision = await deps.store.posts.revision(post.id, post.publishedRevision);
  return revision?.title ?? null;
}

/**
 * What publishing the current revision of a post would do to its translations, for the
 * editor's publish panel: the units whose translations would become outdated, decided with the
 * same rules the outdated-marking job applies (domain/alignment `decideTarget`), so the panel
 * never predicts what will not happen — an exact revert to the text a translation was made
 * from keeps (or restores) it, an unchanged or whitespace-only unit is not listed, a unit with
 * no valid translation has nothing to outdate. Each unit also says whether the authors flagged
 * every save that changed it "minor" (the panel pre-ticks those).
 */
import { alignUnits } from '../../domain/alignment/index.js';
import type { AlignedUnit } from '../../domain/alignment/index.js';
import { decideTarget } from '../../domain/alignment/index.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { RevisionRecord } from '../repositories.js';
import { unitsOf } from '../translation/units.service.js';

export interface PredictedChange {
  unitId: string;
  kind: string;
  before: string;
  after: string;
  /** Every save since the last publication that changed this unit was flagged minor. */
  flaggedMinor: boolean;
}

/** Saves walked one by one to tell which of them changed a unit; more: all must be minor. */
const MAX_WALKED_REVISIONS = 100;

type Aligned = { id: string; kind: string; text: string; path: string };

/** A placeholder id source: predictions never store ids, new units only need to be distinct. */
function placeholderIds(): () => string {
  let n = 0;
  return () => `new-${++n}`;
}

function align(previous: readonly Aligned[], revision: RevisionRecord, newId: () => string) {
  return alignUnits(
    previous.map((u) => ({ id: u.id, kind: u.kind, text: u.text })),
    unitsOf(revision).map((u) => ({ path: u.path, kind: u.kind, text: u.text })),
    newId,
  ).units;
}

/**
 * The units publishing the current revision of `postId` would mark outdated in at least one
 * translation. Empty when the post was never published, has no translations, or the current
 * revision is the published one. Throws ForbiddenError for non-editors, NotFoundError.
 */
export async function predictOutdatedUnits(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PredictedChange[]> {
  if (!can.publishPosts(actor)) throw new ForbiddenError('Only editors can publish posts');
  const post = await deps.store.posts.findById(postId);
  if (!post) throw new NotFoundError('Post');
  const latest = await deps.store.translations.latestUnitRevision(postId);
  if (latest === null || latest >= post.currentRevision) return [];
  const translations = await deps.store.translations.translationsOfPosts([postId]);
  if (translations.length === 0) return [];
  const current = await deps.store.posts.revision(postId, post.currentRevision);
  if (!current) return [];
  const published = (await deps.store.translations.units(postId, latest)).map((u): Aligned => ({
    id: u.unitId,
    kind: u.kind,
    text: u.source,
    path: u.path,
  }));
  const changed = align(published, current, placeholderIds()).filter(
    (u): u is AlignedUnit & { change: 'changed' } => u.change === 'changed',
  );
  if (changed.length === 0) return [];
  const targets = await deps.store.translations.targetsOfUnits(
    translations.map((t) => t.id),
    changed.map((u) => u.id),
  );
  const outdating = changed.filter((u) =>
    targets.some(
      (t) =>
        t.unitId === u.id &&
        decideTarget({
          state: t.state,
          baseSource: t.baseSource,
          previousState: t.previousState,
          newSource: u.text,
          change: u.change,
          minor: false,
        }) === 'outdate',
    ),
  );
  if (outdating.length === 0) return [];
  const minorPaths = await minorOnlyPaths(deps, postId, latest, current, published);
  return outdating.map((u) => ({
    unitId: u.id,
    kind: u.kind,
    before: u.previousText ?? '',
    after: u.text,
    flaggedMinor: minorPaths.has(u.path),
  }));
}

/**
 * The paths (in the current revision) of units whose difference from the published text comes
 * from saves flagged minor only. The saves are aligned one after the other; a unit is
 * minor-only when no unflagged save changed it, or when right after the last unflagged save
 * that changed it, it read as published again (that save undid an earlier change).
 */
async function minorOnlyPaths(
  deps: ServiceDeps,
  postId: string,
  since: number,
  current: RevisionRecord,
  published: readonly Aligned[],
): Promise<Set<string>> {
  const saves = (await deps.store.posts.revisions(postId))
    .filter((r) => r.number > since && r.number <= current.number)
    .sort((a, b) => a.number - b.number);
  const paths = unitsOf(current).map((u) => u.path);
  if (saves.every((r) => r.metadata.minorChange === true)) return new Set(paths);
  if (saves.every((r) => r.metadata.minorChange !== true) || saves.length > MAX_WALKED_REVISIONS)
    return new Set();
  const newId = placeholderIds();
  const publishedText = new Map(published.map((u) => [u.id, u.text]));
  /** A unit's text right after the last unflagged save that changed it. */
  const afterMajor = new Map<string, string>();
  let units: Aligned[] = [...published];
  for (const save of saves) {
    const aligned = align(units, save, newId);
    if (save.metadata.minorChange !== true) {
      for (const u of aligned) if (u.change !== 'same') afterMajor.set(u.id, u.text);
    }
    units = aligned.map((u) => ({ id: u.id, kind: u.kind, text: u.text, path: u.path }));
  }
  return new Set(
    units
      .filter((u) => !afterMajor.has(u.id) || afterMajor.get(u.id) === publishedText.get(u.id))
      .map((u) => u.path),
  );
}

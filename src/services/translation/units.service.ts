/**
 * Units of published source revisions. Publishing a revision splits it into units, aligns
 * them with the previously published units (so unchanged units keep their ids) and records
 * a job that marks exactly the changed units outdated in every translation.
 */
import type { Root } from 'mdast';
import { alignUnits } from '../../domain/alignment/index.js';
import type { AlignedUnit } from '../../domain/alignment/index.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { extractUnits } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';
import { enqueueJob, MARK_OUTDATED_JOB, outdatedOrderingKey } from '../jobs.js';
import type { PostRecord, RevisionRecord, Store, UnitRecord } from '../repositories.js';

/** The units of a revision's document, in order. */
export function unitsOf(revision: RevisionRecord) {
  return extractUnits({
    title: revision.title,
    excerpt: revision.excerpt,
    body: JSON.parse(revision.bodyDoc) as Root,
  });
}

/**
 * Records the units of the revision being published (inside the publishing transaction) and
 * enqueues the outdated marking; a republication of the same revision changes nothing.
 */
export async function snapshotUnits(
  deps: ServiceDeps,
  store: Store,
  post: PostRecord,
  revision: RevisionRecord,
  minorUnitIds: readonly string[] = [],
): Promise<void> {
  const latest = await store.translations.latestUnitRevision(post.id);
  if (latest !== null && latest >= revision.number) return;
  const previous = latest === null ? [] : await store.translations.units(post.id, latest);
  const extracted = unitsOf(revision);
  const alignment = alignUnits(
    previous.map((u) => ({ id: u.unitId, kind: u.kind, text: u.source })),
    extracted.map((u) => ({ path: u.path, kind: u.kind, text: u.text })),
    () => deps.newId().slice(0, 12),
  );
  const codes = new Map(extracted.map((u) => [u.path, u.codes]));
  await store.translations.insertUnits(
    alignment.units.map((u, position): UnitRecord => ({
      postId: post.id,
      revision: revision.number,
      unitId: u.id,
      position,
      path: u.path,
      kind: u.kind,
      source: u.text,
      codes: codes.get(u.path) ?? {},
    })),
  );
  const changes = alignment.units
    .filter(isSourceChange)
    .map((u) => ({ unitId: u.id, change: u.change, text: u.text }));
  if (changes.length === 0) return;
  // One job per (post, revision), run in revision order per post (see src/jobs/runner.ts):
  // a job for an older revision never runs after, or overrides, the one for a newer revision.
  await enqueueJob(
    deps,
    store,
    MARK_OUTDATED_JOB,
    { postId: post.id, revision: revision.number, changes, minorUnitIds: [...minorUnitIds] },
    {
      dedupeKey: `${MARK_OUTDATED_JOB}:${post.id}:${revision.number}`,
      ordering: { key: outdatedOrderingKey(post.id), sequence: revision.number },
    },
  );
}

function isSourceChange(u: AlignedUnit): u is AlignedUnit & { change: 'whitespace' | 'changed' } {
  return u.change === 'changed' || u.change === 'whitespace';
}

export interface PendingChange {
  unitId: string;
  kind: string;
  before: string;
  after: string;
}

/**
 * What publishing the current revision would change for translators: the units whose text
 * differs from the published units (the editor can flag each as minor).
 */
export async function pendingUnitChanges(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<PendingChange[]> {
  if (!can.publishPosts(actor)) throw new ForbiddenError('Only editors can publish posts');
  const post = await deps.store.posts.findById(postId);
  if (!post) throw new NotFoundError('Post');
  const latest = await deps.store.translations.latestUnitRevision(postId);
  if (latest === null || latest >= post.currentRevision) return [];
  if ((await deps.store.translations.translationsOfPosts([postId])).length === 0) return [];
  const revision = await deps.store.posts.revision(postId, post.currentRevision);
  if (!revision) return [];
  const previous = await deps.store.translations.units(postId, latest);
  const alignment = alignUnits(
    previous.map((u) => ({ id: u.unitId, kind: u.kind, text: u.source })),
    unitsOf(revision).map((u) => ({ path: u.path, kind: u.kind, text: u.text })),
    () => deps.newId(),
  );
  return alignment.units
    .filter((u) => u.change === 'changed')
    .map((u) => ({ unitId: u.id, kind: u.kind, before: u.previousText ?? '', after: u.text }));
}

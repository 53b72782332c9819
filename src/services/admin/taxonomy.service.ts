/**
 * Taxonomy administration for editors (and administrators): categories, tags and events —
 * create, edit, merge, and delete with reassignment.
 *
 * Revisions store their relations (docs/ARCHITECTURE.md "Revisions and concurrency"): tags and
 * categories by NAME (a term is `slugify(name)` within its kind, and every reader link is built
 * that way), events by id. So a term's slug is always its name's slug, and renaming, merging or
 * deleting a term rewrites the names stored in EVERY revision of every post (not only the
 * current and published ones: restoring an old revision would otherwise bring the old term
 * back), then mirrors the join tables from each touched post's mirrored revision (published
 * for public posts, current otherwise) — all in one transaction, so the next save or
 * publication cannot resurrect the old term. Affected public posts' cache keys are announced
 * after commit.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { publicKeys } from '../../domain/post.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { isValidSlug, slugify } from '../../domain/slug.js';
import { ancestorsOf, descendantsOf, makesCycle } from '../../domain/term-tree.js';
import type { ServiceDeps } from '../deps.js';
import { writeRelations } from '../posts/save-post.service.js';
import type { EventDetails, RevisionMetadata, Store, TermDetails } from '../repositories.js';
import { recordAudit } from './audit.service.js';

export type TermKind = 'tag' | 'category';
export const termKindList: readonly TermKind[] = ['category', 'tag'];

/** Editors manage the taxonomy: it is editorial content, like publishing (roles.ts). */
export function canManageTaxonomy(actor: Actor | null): boolean {
  return hasRole(actor, 'editor');
}

function requireEditor(actor: Actor): void {
  if (!canManageTaxonomy(actor))
    throw new ForbiddenError('Only editors and administrators can manage the taxonomy');
}

/** Everything the taxonomy page lists. @throws ForbiddenError */
export async function taxonomyOverview(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ categories: TermDetails[]; tags: TermDetails[]; events: EventDetails[] }> {
  requireEditor(actor);
  const [categories, tags, events] = await Promise.all([
    deps.store.posts.listTermDetails('category'),
    deps.store.posts.listTermDetails('tag'),
    deps.store.posts.listEventDetails(),
  ]);
  return { categories, tags, events };
}

const DESCRIPTION_MAX = 2000;

function termFields(raw: { name?: unknown; description?: unknown }): {
  name: string;
  slug: string;
  description: string;
} {
  const name = (typeof raw.name === 'string' ? raw.name : '').trim().normalize('NFC');
  const description = (typeof raw.description === 'string' ? raw.description : '').trim();
  const problems = [];
  if (name === '') problems.push({ field: 'name', message: 'Name is required' });
  else if (name.length > 200)
    problems.push({ field: 'name', message: 'Name is too long (200 characters at most)' });
  else if (slugify(name) === '')
    problems.push({ field: 'name', message: 'Name needs at least one letter or digit' });
  if (description.length > DESCRIPTION_MAX)
    problems.push({
      field: 'description',
      message: 'Description is too long (2000 characters at most)',
    });
  if (problems.length > 0) throw new ValidationError(problems);
  return { name, slug: slugify(name), description };
}

function parseKind(kind: string): TermKind {
  if (kind !== 'tag' && kind !== 'category')
    throw new ValidationError([{ field: 'kind', message: 'Kind is category or tag' }]);
  return kind;
}

/** Creates a category or tag. @throws ValidationError (`name` taken or empty), ForbiddenError */
export async function createTerm(
  deps: ServiceDeps,
  actor: Actor,
  raw: { kind: string; name?: unknown; description?: unknown },
): Promise<TermDetails> {
  requireEditor(actor);
  const kind = parseKind(raw.kind);
  const fields = termFields(raw);
  const id = deps.newId();
  await deps.store.transaction(async (store) => {
    if (!(await store.posts.insertTerm({ id, kind, ...fields })))
      throw new ValidationError([
        { field: 'name', message: `A ${kind} with the slug "${fields.slug}" already exists` },
      ]);
    await recordAudit(deps, store, actor, {
      action: 'term.create',
      subject: { kind, id, label: fields.name },
      details: { slug: fields.slug },
    });
  });
  return { id, kind, ...fields, parentId: null, posts: 0 };
}

/**
 * Renames a term (its slug follows its name) and sets its description; the name is rewritten
 * in every revision that carries it. A name whose slug another term of the kind has is
 * refused: merge them instead. For a category, `parentId` (when given; '' for the top level)
 * moves it under another category — never under itself or a category below it.
 * @throws ValidationError, NotFoundError, ForbiddenError
 */
export async function updateTerm(
  deps: ServiceDeps,
  actor: Actor,
  termId: string,
  raw: { name?: unknown; description?: unknown; parentId?: unknown },
): Promise<void> {
  requireEditor(actor);
  const fields = termFields(raw);
  const keys = await deps.store.transaction(async (store) => {
    const term = await store.posts.termDetails(termId);
    if (!term) throw new NotFoundError('Term');
    const moved = await moveTerm(store, term, raw.parentId);
    if (!(await store.posts.updateTerm(termId, fields)))
      throw new ValidationError([
        {
          field: 'name',
          message: `Another ${term.kind} has the slug "${fields.slug}"; merge the two instead`,
        },
      ]);
    const touched =
      term.name === fields.name
        ? []
        : await rewriteRevisions(deps, store, (m) =>
            replaceTerm(m, term.kind, term.slug, fields.name),
          );
    await recordAudit(deps, store, actor, {
      action: 'term.update',
      subject: { kind: term.kind, id: termId, label: fields.name },
      details: {
        before: { name: term.name, slug: term.slug, description: term.description },
        after: fields,
        posts: touched.length,
      },
    });
    return [
      ...keysOf(touched),
      `list:${term.kind}:${term.slug}`,
      `list:${term.kind}:${fields.slug}`,
      ...moved,
    ];
  });
  deps.changes.publish({ keys });
}

/**
 * Sets a category's parent from the form's `parentId` ('' for none; undefined leaves it).
 * Returns the cache keys of the archives that change: the category's own and those below it
 * (their trail), and every category above it before and after (they list its posts).
 */
async function moveTerm(store: Store, term: TermDetails, raw: unknown): Promise<string[]> {
  if (raw === undefined) return [];
  const parentId = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
  if (term.kind !== 'category') {
    if (parentId === null) return [];
    throw new ValidationError([{ field: 'parentId', message: 'Tags do not nest' }]);
  }
  if (parentId === term.parentId) return [];
  const tree = await store.posts.categoryTree();
  if (parentId !== null) {
    if (!tree.some((t) => t.id === parentId))
      throw new ValidationError([{ field: 'parentId', message: 'No such category' }]);
    if (makesCycle(tree, term.id, parentId))
      throw new ValidationError([
        {
          field: 'parentId',
          message: 'A category cannot be placed under itself or a category below it',
        },
      ]);
  }
  await store.posts.setTermParent(term.id, parentId);
  const affected = [
    ...ancestorsOf(tree, term.id),
    ...(parentId === null
      ? []
      : [...tree.filter((t) => t.id === parentId), ...ancestorsOf(tree, parentId)]),
    ...descendantsOf(tree, term.id),
  ];
  return affected.map((t) => `list:category:${t.slug}`);
}

/**
 * Merges `sourceId` into `targetId` (same kind): every post with the source gets the target
 * (once: a post with both keeps one), in every revision and the join tables; the source is
 * deleted, so its archive answers 404.
 * @throws ValidationError (kinds differ, same term), NotFoundError, ForbiddenError
 */
export async function mergeTerm(
  deps: ServiceDeps,
  actor: Actor,
  sourceId: string,
  targetId: string,
): Promise<void> {
  requireEditor(actor);
  if (sourceId === targetId)
    throw new ValidationError([{ field: 'target', message: 'Choose another term to merge into' }]);
  const keys = await deps.store.transaction(async (store) => {
    const [source, target] = await Promise.all([
      store.posts.termDetails(sourceId),
      store.posts.termDetails(targetId),
    ]);
    if (!source) throw new NotFoundError('Term');
    if (!target)
      throw new ValidationError([{ field: 'target', message: 'Choose a term to merge into' }]);
    if (source.kind !== target.kind)
      throw new ValidationError([
        { field: 'target', message: 'A category merges into a category, a tag into a tag' },
      ]);
    const touched = await rewriteRevisions(deps, store, (m) =>
      replaceTerm(m, source.kind, source.slug, target.name),
    );
    await store.posts.deleteTerm(source.id);
    await recordAudit(deps, store, actor, {
      action: 'term.merge',
      subject: { kind: source.kind, id: source.id, label: source.name },
      details: { into: { id: target.id, name: target.name }, posts: touched.length },
    });
    return [
      ...keysOf(touched),
      `list:${source.kind}:${source.slug}`,
      `list:${target.kind}:${target.slug}`,
    ];
  });
  deps.changes.publish({ keys });
}

/**
 * Deletes a term. With `replacementId` its posts move to that term (a merge); without, they
 * just lose it (every revision and the join tables).
 * @throws ValidationError, NotFoundError, ForbiddenError
 */
export async function deleteTerm(
  deps: ServiceDeps,
  actor: Actor,
  termId: string,
  replacementId: string | null,
): Promise<void> {
  requireEditor(actor);
  if (replacementId) return mergeTerm(deps, actor, termId, replacementId);
  const keys = await deps.store.transaction(async (store) => {
    const term = await store.posts.termDetails(termId);
    if (!term) throw new NotFoundError('Term');
    const touched = await rewriteRevisions(deps, store, (m) =>
      replaceTerm(m, term.kind, term.slug, null),
    );
    await store.posts.deleteTerm(term.id);
    await recordAudit(deps, store, actor, {
      action: 'term.delete',
      subject: { kind: term.kind, id: term.id, label: term.name },
      details: { posts: touched.length },
    });
    return [...keysOf(touched), `list:${term.kind}:${term.slug}`];
  });
  deps.changes.publish({ keys });
}

// Events ---------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function eventFields(raw: Record<string, unknown>) {
  const text = (key: string) => (typeof raw[key] === 'string' ? raw[key].trim() : '');
  const name = text('name').normalize('NFC');
  const slug = text('slug') || slugify(name);
  const startsOn = text('startsOn') || null;
  const endsOn = text('endsOn') || null;
  const url = text('url') || null;
  const problems = [];
  if (name === '') problems.push({ field: 'name', message: 'Name is required' });
  else if (name.length > 200)
    problems.push({ field: 'name', message: 'Name is too long (200 characters at most)' });
  if (!isValidSlug(slug))
    problems.push({ field: 'slug', message: 'Slug may contain only letters, digits and hyphens' });
  for (const [field, value] of [
    ['startsOn', startsOn],
    ['endsOn', endsOn],
  ] as const)
    if (value !== null && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
      problems.push({ field, message: 'Dates are written YYYY-MM-DD' });
  if (startsOn && endsOn && endsOn < startsOn)
    problems.push({ field: 'endsOn', message: 'The event cannot end before it starts' });
  if (url !== null && !/^https?:\/\/[^\s]+$/.test(url))
    problems.push({ field: 'url', message: 'Web address must be a full http(s) URL' });
  const description = text('description');
  if (description.length > DESCRIPTION_MAX)
    problems.push({
      field: 'description',
      message: 'Description is too long (2000 characters at most)',
    });
  const location = text('location');
  if (location.length > 200)
    problems.push({ field: 'location', message: 'Location is too long (200 characters at most)' });
  if (problems.length > 0) throw new ValidationError(problems);
  return { name, slug, startsOn, endsOn, url, description, location };
}

/** Creates an event. @throws ValidationError (`slug` taken, dates…), ForbiddenError */
export async function createEvent(
  deps: ServiceDeps,
  actor: Actor,
  raw: Record<string, unknown>,
): Promise<void> {
  requireEditor(actor);
  const fields = eventFields(raw);
  const id = deps.newId();
  await deps.store.transaction(async (store) => {
    if (!(await store.posts.insertEvent({ id, ...fields })))
      throw new ValidationError([
        { field: 'slug', message: `An event already uses the slug "${fields.slug}"` },
      ]);
    await recordAudit(deps, store, actor, {
      action: 'event.create',
      subject: { kind: 'event', id, label: fields.name },
      details: { slug: fields.slug },
    });
  });
}

/** Edits an event (events are stored by id, so revisions need no rewrite). */
export async function updateEvent(
  deps: ServiceDeps,
  actor: Actor,
  eventId: string,
  raw: Record<string, unknown>,
): Promise<void> {
  requireEditor(actor);
  const fields = eventFields(raw);
  const keys = await deps.store.transaction(async (store) => {
    const event = await store.posts.eventDetails(eventId);
    if (!event) throw new NotFoundError('Event');
    if (!(await store.posts.updateEvent(eventId, fields)))
      throw new ValidationError([
        { field: 'slug', message: `Another event uses the slug "${fields.slug}"` },
      ]);
    await recordAudit(deps, store, actor, {
      action: 'event.update',
      subject: { kind: 'event', id: eventId, label: fields.name },
      details: {
        before: { name: event.name, slug: event.slug },
        after: { name: fields.name, slug: fields.slug },
      },
    });
    const posts = await store.posts.postIdsWithEvent(eventId);
    return [...posts.map((id) => `post:${id}`), `list:event:${eventId}`, 'list:all'];
  });
  deps.changes.publish({ keys });
}

/**
 * Merges an event into another, or deletes it (posts move to `targetId`, or lose it when
 * null), in every revision and the join tables.
 */
export async function mergeOrDeleteEvent(
  deps: ServiceDeps,
  actor: Actor,
  eventId: string,
  targetId: string | null,
): Promise<void> {
  requireEditor(actor);
  if (targetId === eventId)
    throw new ValidationError([{ field: 'target', message: 'Choose another event to merge into' }]);
  const keys = await deps.store.transaction(async (store) => {
    const event = await store.posts.eventDetails(eventId);
    if (!event) throw new NotFoundError('Event');
    const target = targetId ? await store.posts.eventDetails(targetId) : null;
    if (targetId && !target)
      throw new ValidationError([{ field: 'target', message: 'Choose an event to merge into' }]);
    const touched = await rewriteRevisions(deps, store, (m) => {
      if (!m.eventIds.includes(event.id)) return null;
      const next = m.eventIds.map((id) => (id === event.id ? (target?.id ?? null) : id));
      return { ...m, eventIds: unique(next.filter((id): id is string => id !== null)) };
    });
    await store.posts.deleteEvent(event.id);
    await recordAudit(deps, store, actor, {
      action: target ? 'event.merge' : 'event.delete',
      subject: { kind: 'event', id: event.id, label: event.name },
      details: target
        ? { into: { id: target.id, name: target.name }, posts: touched.length }
        : { posts: touched.length },
    });
    return [...keysOf(touched), `list:event:${event.id}`];
  });
  deps.changes.publish({ keys });
}

// Rewriting revisions ----------------------------------------------------------------------

/**
 * The relations with the term `kind`/`slug` replaced by `replacement` (a name; null: removed),
 * duplicates collapsed (first kept); null when the term is not there.
 */
export function replaceTerm(
  metadata: RevisionMetadata,
  kind: TermKind,
  slug: string,
  replacement: string | null,
): RevisionMetadata | null {
  const key = kind === 'tag' ? 'tags' : 'categories';
  const names = metadata[key];
  if (!names.some((name) => slugify(name) === slug)) return null;
  const seen = new Set<string>();
  const next: string[] = [];
  for (const name of names) {
    const value = slugify(name) === slug ? replacement : name;
    if (value === null || seen.has(slugify(value))) continue;
    seen.add(slugify(value));
    next.push(value);
  }
  return { ...metadata, [key]: next };
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

interface Touched {
  post: { id: string; publishedAt: string | null };
  /** The mirrored revision's relations before and after (for cache keys); null when not public. */
  before: RevisionMetadata | null;
  after: RevisionMetadata | null;
}

const PAGE = 500;

/**
 * Applies `change` to every revision of every post (a page at a time, in the caller's
 * transaction); then, for each post it changed, mirrors the join tables from the revision they
 * follow. Returns the touched posts.
 */
async function rewriteRevisions(
  deps: ServiceDeps,
  store: Store,
  change: (metadata: RevisionMetadata) => RevisionMetadata | null,
): Promise<Touched[]> {
  const changed = new Map<
    string,
    Map<number, { before: RevisionMetadata; after: RevisionMetadata }>
  >();
  let after: { postId: string; number: number } | null = null;
  for (;;) {
    const page = await store.posts.revisionMetadataPage(after, PAGE);
    for (const row of page) {
      const next = change(row.metadata);
      if (next === null) continue;
      await store.posts.setRevisionMetadata(row.postId, row.number, next);
      const revisions =
        changed.get(row.postId) ??
        new Map<number, { before: RevisionMetadata; after: RevisionMetadata }>();
      revisions.set(row.number, { before: row.metadata, after: next });
      changed.set(row.postId, revisions);
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = { postId: last.postId, number: last.number };
  }
  const touched: Touched[] = [];
  for (const [postId, revisions] of changed) {
    const post = await store.posts.findById(postId);
    if (!post) continue;
    const isPublic =
      (post.status === 'published' || post.status === 'scheduled') &&
      post.publishedRevision !== null;
    const mirrored = isPublic
      ? (post.publishedRevision ?? post.currentRevision)
      : post.currentRevision;
    const revision = await store.posts.revision(postId, mirrored);
    if (revision) await writeRelations(deps, store, postId, revision.metadata);
    const seen = revisions.get(mirrored);
    const visible = post.status === 'published';
    touched.push({
      post: { id: post.id, publishedAt: post.publishedAt },
      before: visible ? (seen?.before ?? revision?.metadata ?? null) : null,
      after: visible ? (revision?.metadata ?? null) : null,
    });
  }
  return touched;
}

/** The cache keys readers may see change for the touched posts. */
function keysOf(touched: readonly Touched[]): string[] {
  const keys = new Set<string>();
  for (const t of touched) {
    keys.add(`post:${t.post.id}`);
    for (const m of [t.before, t.after])
      if (m) for (const key of publicKeys(t.post, m)) keys.add(key);
  }
  return [...keys];
}

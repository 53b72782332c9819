/** Listing and comparing a post's revisions (restore lives with saving). */
import { diffWordsWithSpace, diffArrays } from 'diff';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord, RevisionRecord } from '../repositories.js';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface FieldDiff {
  field: string;
  changed: boolean;
  parts: DiffPart[];
}

/** The post and all its revisions, newest first; for its authors and editors. */
export async function listRevisions(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
): Promise<{ post: PostRecord; revisions: RevisionRecord[] }> {
  const post = await deps.store.posts.findById(postId);
  if (!post) throw new NotFoundError('Post');
  const revisions = await deps.store.posts.revisions(postId);
  const current = revisions.find((r) => r.number === post.currentRevision);
  if (
    !can.editPost(actor, {
      createdBy: post.createdBy,
      authorIds: current?.metadata.authorIds ?? [],
    })
  ) {
    throw new ForbiddenError('Only the post’s authors and editors can see its history');
  }
  return { post, revisions };
}

/** A readable word-level diff of two revisions, field by field. */
export async function compareRevisions(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  from: number,
  to: number,
): Promise<{ post: PostRecord; from: RevisionRecord; to: RevisionRecord; fields: FieldDiff[] }> {
  const { post, revisions } = await listRevisions(deps, actor, postId);
  const a = revisions.find((r) => r.number === from);
  const b = revisions.find((r) => r.number === to);
  if (!a) throw new NotFoundError(`Revision ${from}`);
  if (!b) throw new NotFoundError(`Revision ${to}`);
  const fields: FieldDiff[] = [
    textDiff('title', a.title, b.title),
    textDiff('excerpt', a.excerpt, b.excerpt),
    textDiff('body', a.bodyMarkdown, b.bodyMarkdown),
    textDiff('featuredAlt', a.featuredAlt, b.featuredAlt),
    listDiff('authors', a.metadata.authorIds, b.metadata.authorIds),
    listDiff('organizations', a.metadata.organizationIds, b.metadata.organizationIds),
    listDiff('tags', a.metadata.tags, b.metadata.tags),
    listDiff('categories', a.metadata.categories, b.metadata.categories),
  ];
  return { post, from: a, to: b, fields };
}

function textDiff(field: string, a: string, b: string): FieldDiff {
  const parts: DiffPart[] = diffWordsWithSpace(a, b).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
  return { field, changed: a !== b, parts };
}

function listDiff(field: string, a: string[], b: string[]): FieldDiff {
  const parts: DiffPart[] = diffArrays(a, b).flatMap((c) =>
    c.value.map((v) => ({
      kind: c.added ? ('added' as const) : c.removed ? ('removed' as const) : ('same' as const),
      text: v,
    })),
  );
  return { field, changed: JSON.stringify(a) !== JSON.stringify(b), parts };
}

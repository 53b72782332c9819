/**
 * Reviewers approve or reject volunteers' content texts — never their own, and only in the
 * languages they review. Approving is one transaction (the previous approved text superseded,
 * this one approved; the database keeps one approved per field, so of two racing approvals
 * one loses with a conflict). Then every cached page is dropped: a term, event, organization,
 * bio or image appears on many post pages and listings whose keys the page cache does not
 * index by subject, so EVERY_PAGE_KEY is the simple honest choice (approvals are rare).
 */
import { z } from 'zod';
import { DomainError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import { requireReviewerOf } from '../auth/review-rights.js';
import { EVERY_PAGE_KEY } from '../change-feed.js';
import type { ServiceDeps } from '../deps.js';
import { requireRole } from '../interface/interface-languages.js';
import type { ContentField, ContentKind, ContentTextRecord } from '../ports/content.repository.js';
import { parseInput } from '../validate.js';
import { requireContentLanguage } from './content-languages.js';

export interface ContentProposalView {
  id: string;
  kind: ContentKind;
  subjectId: string;
  field: ContentField;
  /** What the subject is known by; null once it is deleted. */
  label: string | null;
  /** The original now (null once deleted) and the one the proposal was written against. */
  source: string | null;
  sourceText: string;
  current: string | null;
  text: string;
  createdByName: string | null;
  createdAt: string;
  /** The actor wrote it (and so may not decide on it). */
  own: boolean;
}

/** A language's pending proposals, oldest first. Needs the reviewer role for that language. */
export async function listContentProposals(
  deps: ServiceDeps,
  actor: Actor | null,
  tag: string,
): Promise<{ language: string; proposals: ContentProposalView[] }> {
  const by = requireRole(actor, 'reviewer', 'review content translations');
  const language = requireContentLanguage(deps, tag);
  await requireReviewerOf(deps.store, by, language);
  const pending = await deps.store.content.listPending(language);
  const open = await deps.store.content.openFor(language, [
    ...new Set(pending.map((p) => p.subjectId)),
  ]);
  const sources = new Map<string, Awaited<ReturnType<typeof deps.store.content.findSource>>>();
  for (const p of pending) {
    const key = `${p.subjectKind}:${p.subjectId}`;
    if (!sources.has(key))
      sources.set(key, await deps.store.content.findSource(p.subjectKind, p.subjectId));
  }
  const ids = [...new Set(pending.flatMap((p) => (p.createdBy ? [p.createdBy] : [])))];
  const names = new Map(
    (await deps.store.users.listByIds(ids)).map((u) => [u.id, u.displayName] as const),
  );
  const proposals = pending.map((p) => {
    const source = sources.get(`${p.subjectKind}:${p.subjectId}`) ?? null;
    const approved = open.find(
      (r) =>
        r.status === 'approved' &&
        r.subjectKind === p.subjectKind &&
        r.subjectId === p.subjectId &&
        r.field === p.field,
    );
    return {
      id: p.id,
      kind: p.subjectKind,
      subjectId: p.subjectId,
      field: p.field,
      label: source?.label ?? null,
      source: source?.fields.find((f) => f.field === p.field)?.text ?? null,
      sourceText: p.sourceText,
      current: approved?.text ?? null,
      text: p.text,
      createdByName: (p.createdBy && names.get(p.createdBy)) ?? null,
      createdAt: p.createdAt,
      own: p.createdBy === by.id,
    };
  });
  return { language, proposals };
}

const decision = z.object({
  language: z.string().max(64),
  id: z.string().min(1).max(100),
  action: z.enum(['approve', 'reject']),
});

/**
 * Approves or rejects proposal `id` of `language`. ForbiddenError without the reviewer role
 * of that language or for one's own proposal; NotFoundError for an unknown proposal (or one
 * of a subject deleted since, when approving); a `conflict` when it was decided meanwhile or
 * another text of the same field was approved at the same moment.
 */
export async function decideContentText(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { language: string; id: string; action: 'approve' | 'reject' },
): Promise<ContentTextRecord> {
  const by = requireRole(actor, 'reviewer', 'review content translations');
  const parsed = parseInput(decision, input);
  const language = requireContentLanguage(deps, parsed.language);
  await requireReviewerOf(deps.store, by, language);
  const proposal = await deps.store.content.findById(parsed.id);
  if (!proposal || proposal.language !== language) throw new NotFoundError('Proposal');
  if (proposal.createdBy === by.id)
    throw new ForbiddenError('A proposal needs another reviewer than its author');
  if (proposal.status !== 'pending')
    throw new DomainError('conflict', 'This proposal has already been decided');
  const reviewer = { by: by.id, at: deps.clock.now().toISOString() };
  if (parsed.action === 'reject') {
    if (!(await deps.store.content.reject(proposal.id, reviewer)))
      throw new DomainError('conflict', 'This proposal has already been decided');
    return { ...proposal, status: 'rejected', reviewedBy: by.id, reviewedAt: reviewer.at };
  }
  if (!(await deps.store.content.findSource(proposal.subjectKind, proposal.subjectId)))
    throw new NotFoundError('Item');
  const approved = await deps.store.transaction(async (store) => {
    if (!(await store.content.approve(proposal.id, reviewer)))
      throw new DomainError(
        'conflict',
        'This proposal was decided, or another text of this field approved, at the same time',
      );
    return { ...proposal, status: 'approved' as const, reviewedBy: by.id, reviewedAt: reviewer.at };
  });
  // After commit: no cached reader page keeps the old text.
  deps.changes.publish({ keys: [EVERY_PAGE_KEY] });
  return approved;
}

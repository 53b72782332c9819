/**
 * Reviewers approve or reject volunteers' interface texts — never their own. Approving is one
 * transaction (the previous approved text superseded, this one approved; the database keeps
 * one approved per message, so of two racing approvals one loses with a conflict), then the
 * text goes live at once through the catalog's overlay and every cached page is dropped.
 */
import { z } from 'zod';
import { DomainError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { MessageProblemsError, translationProblems } from '../../domain/icu-message.js';
import type { Actor } from '../../domain/roles.js';
import { EVERY_PAGE_KEY } from '../change-feed.js';
import type { ServiceDeps } from '../deps.js';
import type { InterfaceTextRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import type { InterfaceCatalog } from './catalog.port.js';
import { requireReviewerOf } from '../auth/review-rights.js';
import { requireRole, requireTargetLanguage } from './interface-languages.js';

export interface InterfaceProposalView {
  id: string;
  key: string;
  source: string;
  /** The text readers see now (approved or shipped); null when they see English. */
  current: string | null;
  text: string;
  createdBy: string | null;
  /** The display name of its author; null once the account is deleted. */
  createdByName: string | null;
  createdAt: string;
  /** The actor wrote it (and so may not decide on it). */
  own: boolean;
  /** The English text changed since it was proposed. */
  sourceChanged: boolean;
}

/** A language's pending proposals, oldest first, with the current text to compare. */
export async function listInterfaceProposals(
  deps: ServiceDeps,
  catalog: InterfaceCatalog,
  actor: Actor | null,
  tag: string,
): Promise<{ language: string; proposals: InterfaceProposalView[] }> {
  const by = requireRole(actor, 'reviewer', 'review interface texts');
  const language = requireTargetLanguage(deps, tag);
  await requireReviewerOf(deps.store, by, language);
  const approved = new Map(
    (await deps.store.interface.listApproved(language)).map((r) => [r.key, r.text]),
  );
  const pending = await deps.store.interface.listPending(language);
  const ids = [...new Set(pending.flatMap((p) => (p.createdBy ? [p.createdBy] : [])))];
  const names = new Map(
    (await deps.store.users.listByIds(ids)).map((u) => [u.id, u.displayName] as const),
  );
  const proposals = pending.map((p) => ({
    id: p.id,
    key: p.key,
    source: catalog.source(p.key) ?? p.sourceText,
    current: approved.get(p.key) ?? catalog.shipped(language, p.key) ?? null,
    text: p.text,
    createdBy: p.createdBy,
    createdByName: (p.createdBy && names.get(p.createdBy)) ?? null,
    createdAt: p.createdAt,
    own: p.createdBy === by.id,
    sourceChanged: catalog.source(p.key) !== p.sourceText,
  }));
  return { language, proposals };
}

const decision = z.object({
  language: z.string().max(64),
  id: z.string().min(1).max(100),
  action: z.enum(['approve', 'reject']),
  comment: z.string().max(2_000).optional(),
});

/**
 * Approves or rejects proposal `id` of `language`. ForbiddenError without the reviewer role or
 * for one's own proposal; NotFoundError for an unknown proposal; a `conflict` when it was
 * decided meanwhile or another text of the message was approved at the same moment;
 * MessageProblemsError when approving a text the current English message no longer fits.
 */
export async function decideInterfaceText(
  deps: ServiceDeps,
  catalog: InterfaceCatalog,
  actor: Actor | null,
  input: { language: string; id: string; action: 'approve' | 'reject'; comment?: string },
): Promise<InterfaceTextRecord> {
  const by = requireRole(actor, 'reviewer', 'review interface texts');
  const parsed = parseInput(decision, input);
  const language = requireTargetLanguage(deps, parsed.language);
  // A reviewer limited to some languages reviews only those (as for posts).
  await requireReviewerOf(deps.store, by, language);
  const proposal = await deps.store.interface.findById(parsed.id);
  if (!proposal || proposal.language !== language) throw new NotFoundError('Proposal');
  if (proposal.createdBy === by.id)
    throw new ForbiddenError('A proposal needs another reviewer than its author');
  if (proposal.status !== 'pending')
    throw new DomainError('conflict', 'This proposal has already been decided');
  const reviewer = {
    by: by.id,
    at: deps.clock.now().toISOString(),
    comment: parsed.comment?.trim() ? parsed.comment.trim() : null,
  };
  if (parsed.action === 'reject') {
    if (!(await deps.store.interface.reject(proposal.id, reviewer)))
      throw new DomainError('conflict', 'This proposal has already been decided');
    return { ...proposal, status: 'rejected', reviewedBy: by.id, reviewedAt: reviewer.at };
  }
  const source = catalog.source(proposal.key);
  if (source === undefined) throw new NotFoundError('Interface message');
  const problems = translationProblems(source, proposal.text, language);
  if (problems.length > 0) throw new MessageProblemsError(problems);
  const approved = await deps.store.transaction(async (store) => {
    if (!(await store.interface.approve(proposal.id, reviewer)))
      throw new DomainError(
        'conflict',
        'This proposal was decided, or another text of this message approved, at the same time',
      );
    return { ...proposal, status: 'approved' as const, reviewedBy: by.id, reviewedAt: reviewer.at };
  });
  // After commit: the text is live at once, and no cached page keeps the old one.
  catalog.apply(language, proposal.key, proposal.text);
  deps.changes.publish({ keys: [EVERY_PAGE_KEY] });
  return approved;
}

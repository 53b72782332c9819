/**
 * A volunteer proposes a text for one field of one subject (a category's name, an author's
 * bio, an image's alt text…) in one language. It is checked (plain text, the field's length,
 * no markup) and kept as pending, with the original it was written against, until another
 * reviewer approves it — a reviewer's own proposal too.
 */
import { z } from 'zod';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { requireRole } from '../interface/interface-languages.js';
import { isContentField } from '../ports/content.repository.js';
import type { ContentTextRecord } from '../ports/content.repository.js';
import { parseInput } from '../validate.js';
import { requireContentKind, requireContentLanguage } from './content-languages.js';
import { ContentTextError, checkContentText } from './content-text-rules.js';

const proposal = z.object({
  language: z.string().max(64),
  kind: z.string().max(20),
  subjectId: z.string().min(1).max(100),
  field: z.string().max(20),
  // The field's own bound is checkContentText's (named in its problem); this one only keeps
  // absurd input out of memory.
  text: z.string().max(20_000),
});

/**
 * Records a pending proposal. ForbiddenError without the translator role; NotFoundError for a
 * language that is not a target, an unknown kind or subject; ValidationError for a field the
 * subject has no original of; ContentTextError naming the problem of the text (also when it is
 * the current text already).
 */
export async function proposeContentText(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { language: string; kind: string; subjectId: string; field: string; text: string },
): Promise<ContentTextRecord> {
  const by = requireRole(actor, 'translator', 'propose content translations');
  const parsed = parseInput(proposal, input);
  const language = requireContentLanguage(deps, parsed.language);
  const kind = requireContentKind(parsed.kind);
  const source = await deps.store.content.findSource(kind, parsed.subjectId);
  if (!source) invalid('subjectId', 'There is no such item to translate');
  const field = parsed.field;
  const original = isContentField(field) ? source.fields.find((f) => f.field === field) : undefined;
  if (!original || !isContentField(field)) invalid('field', 'This item has no such text');
  const { text, problem } = checkContentText(field, parsed.text);
  if (problem) throw new ContentTextError(field, problem);
  const approved = await deps.store.content.findApproved(kind, source.id, field, language);
  if (approved?.text === text) throw new ContentTextError(field, { code: 'unchanged' });
  const record: ContentTextRecord = {
    id: deps.newId(),
    subjectKind: kind,
    subjectId: source.id,
    field,
    language,
    text,
    sourceText: original.text,
    status: 'pending',
    createdBy: by.id,
    createdAt: deps.clock.now().toISOString(),
    reviewedBy: null,
    reviewedAt: null,
  };
  await deps.store.content.insert(record);
  return record;
}

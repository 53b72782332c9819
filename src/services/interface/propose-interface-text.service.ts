/**
 * A volunteer proposes a text for one interface message in one language. It is checked
 * against the English message (placeholders and tags kept, every CLDR plural category of the
 * language, bounded parse) and kept as pending until another reviewer approves it — a
 * reviewer's own proposal too.
 */
import { z } from 'zod';
import { MessageProblemsError, translationProblems } from '../../domain/icu-message.js';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { InterfaceTextRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import type { InterfaceCatalog } from './catalog.port.js';
import { requireRole, requireTargetLanguage } from './interface-languages.js';

const proposal = z.object({
  language: z.string().max(64),
  key: z.string().min(1).max(200),
  // The length bound is the domain's (MAX_MESSAGE_LENGTH, named in its problem); this one only
  // keeps absurd input out of memory.
  text: z.string().max(20_000),
});

/**
 * Records a pending proposal. ForbiddenError without the translator role; NotFoundError for a
 * language the site does not offer; ValidationError for an unknown key; MessageProblemsError
 * naming each problem of the text (also when it is the current text already).
 */
export async function proposeInterfaceText(
  deps: ServiceDeps,
  catalog: InterfaceCatalog,
  actor: Actor | null,
  input: { language: string; key: string; text: string },
): Promise<InterfaceTextRecord> {
  const by = requireRole(actor, 'translator', 'propose interface texts');
  const parsed = parseInput(proposal, input);
  const language = requireTargetLanguage(deps, parsed.language);
  const source = catalog.source(parsed.key);
  if (source === undefined) invalid('key', 'There is no interface message with this key');
  // Browsers send a textarea's line breaks as CRLF; nothing else is changed (spaces may matter).
  const text = parsed.text.replace(/\r\n?/g, '\n');
  const problems = translationProblems(source, text, language);
  if (problems.length > 0) throw new MessageProblemsError(problems);
  const approved = await deps.store.interface.findApproved(language, parsed.key);
  const current = approved?.text ?? catalog.shipped(language, parsed.key);
  if (current === text) throw new MessageProblemsError([{ code: 'unchanged' }]);
  const record: InterfaceTextRecord = {
    id: deps.newId(),
    language,
    key: parsed.key,
    text,
    sourceText: source,
    status: 'pending',
    createdBy: by.id,
    createdAt: deps.clock.now().toISOString(),
    reviewedBy: null,
    reviewedAt: null,
    comment: null,
  };
  await deps.store.interface.insert(record);
  return record;
}

/**
 * What a translated content text may be: plain text (it is always rendered as text, never as
 * HTML or Markdown), within the field's length, on one line for names and alt texts.
 */
import { ValidationError } from '../../domain/errors.js';
import type { ContentField } from '../ports/content.repository.js';

/** The longest text of each field, in characters (the originals' own limits, with room). */
export const CONTENT_MAX_LENGTH: Record<ContentField, number> = {
  name: 200,
  description: 2_000,
  bio: 2_000,
  alt: 500,
  caption: 1_000,
};

export type ContentTextProblem =
  | { code: 'empty' }
  | { code: 'too_long'; max: number }
  | { code: 'markup' }
  | { code: 'line_break' }
  | { code: 'unchanged' };

/** A refused text: one problem, and the field it is about (the ValidationError's field). */
export class ContentTextError extends ValidationError {
  constructor(
    readonly field: ContentField,
    readonly problem: ContentTextProblem,
  ) {
    super([{ field, message: problem.code }]);
    this.name = 'ContentTextError';
  }
}

// An HTML tag, comment or entity, or a Markdown link/image: none of it would render.
const MARKUP = /<\/?[a-z!?][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);|!?\[[^\]]*\]\([^)]*\)/i;
const SINGLE_LINE: ReadonlySet<ContentField> = new Set(['name', 'alt']);

/** The text as stored (CRLF → LF, trimmed); the first problem found, if any. */
export function checkContentText(
  field: ContentField,
  raw: string,
): { text: string; problem: ContentTextProblem | null } {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') return { text, problem: { code: 'empty' } };
  if ([...text].length > CONTENT_MAX_LENGTH[field])
    return { text, problem: { code: 'too_long', max: CONTENT_MAX_LENGTH[field] } };
  if (SINGLE_LINE.has(field) && text.includes('\n'))
    return { text, problem: { code: 'line_break' } };
  if (MARKUP.test(text)) return { text, problem: { code: 'markup' } };
  return { text, problem: null };
}

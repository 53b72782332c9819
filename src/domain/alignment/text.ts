/**
 * Text helpers for alignment. Deliberately independent of `domain/units` (which owns the
 * tagged-string format): alignment only needs to see through the inline codes.
 */

const INLINE_CODE = /<pc\b[^>]*>|<\/pc\s*>|<ph\b[^>]*\/>/g;
const ENTITY = /&(lt|gt|amp|quot|apos);/g;
const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * The visible text of a tagged unit: `<pc …>`, `</pc>` and `<ph …/>` removed, the escaped
 * entities (`&lt;` `&gt;` `&amp;`, and `&quot;` `&apos;` for good measure) decoded in one
 * pass so `&amp;lt;` stays the literal `&lt;`.
 */
export function stripCodes(tagged: string): string {
  return tagged.replace(INLINE_CODE, '').replace(ENTITY, (_, name: string) => ENTITIES[name] ?? '');
}

/**
 * Runs of whitespace (any Unicode White_Space, including no-break space) collapsed to one
 * space, ends trimmed. Two texts equal under this are a 'whitespace' change, which keeps
 * translations valid.
 */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

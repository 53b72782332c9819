/**
 * The two normal forms of a unit's tagged text that translation memory works on (see
 * README.md): the **match key** a score is computed on (each inline code one character) and the
 * **prefilter text** the database's trigram index sees (codes gone, lower case).
 */
import { tokenizeTagged } from '../units/tagged.js';

/**
 * The private-use characters that stand for inline codes in a match key: an opening `<pc>`, a
 * closing `</pc>` and a `<ph/>`. Ids are left out on purpose — they are numbered per unit, so
 * `<pc id="1">` in one unit and `<pc id="3">` in another are the same code in the same place.
 */
export const CODE_CHARS = { open: '\uE000', close: '\uE001', placeholder: '\uE002' } as const;

/** Text characters that could pass for a code character are replaced by U+FFFD. */
const CODE_LOOKALIKE = /[\uE000-\uE002]/g;
const WHITESPACE = /\s+/g;
/** Code characters and partition tags (see partition.ts) never reach the prefilter text. */
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

/**
 * The text a match is scored on: the tagged text with entities decoded, each inline code
 * replaced by ONE private-use character (CODE_CHARS), Unicode NFC, runs of whitespace collapsed
 * to one space, ends trimmed. Two units with the same key are an exact (100%) match. Case is
 * kept (the score weighs case-only differences half; see `matchScore`). Never throws: a
 * malformed tag is kept as typed text.
 */
export function matchKey(tagged: string): string {
  let key = '';
  for (const token of tokenizeTagged(tagged)) {
    switch (token.type) {
      case 'text':
        key += token.value.replace(CODE_LOOKALIKE, '\uFFFD');
        break;
      case 'bad':
        key += token.raw.replace(CODE_LOOKALIKE, '\uFFFD');
        break;
      case 'open':
        key += CODE_CHARS.open;
        break;
      case 'close':
        key += CODE_CHARS.close;
        break;
      case 'ph':
        key += CODE_CHARS.placeholder;
        break;
    }
  }
  return key.normalize('NFC').replace(WHITESPACE, ' ').trim();
}

/**
 * What the trigram prefilter indexes and is queried with: the match key without its codes (and
 * any other private-use character, so no text can pass for a partition tag), in
 * lower case (locale-independent `toLowerCase`), whitespace collapsed. Both engines fold case
 * in their trigram indexes anyway; folding here keeps the short-string prefix path (a plain
 * b-tree range) case-insensitive too.
 */
export function prefilterText(key: string): string {
  return key.replace(PRIVATE_USE, '').replace(WHITESPACE, ' ').trim().toLowerCase();
}

/** The length the length window is measured in: UTF-16 code units of the match key. */
export function keyLength(key: string): number {
  return key.length;
}

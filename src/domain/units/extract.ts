/** Splitting a post revision into units. See README.md for the rules. */
import { unitSlots } from './slots.js';
import type { PostDocument, SourceUnit } from './types.js';

/**
 * The units of a post revision, in document order: title, excerpt, then the body's paragraphs,
 * headings, list items, table cells, blockquote paragraphs, captions, alt texts and embed titles.
 * Units with no text to translate (an empty excerpt, a paragraph that is only an image) are
 * skipped, as are code blocks, raw HTML and thematic breaks. Never throws; does not modify `doc`.
 */
export function extractUnits(doc: PostDocument): SourceUnit[] {
  return unitSlots(structuredClone(doc)).map((slot) => slot.unit);
}

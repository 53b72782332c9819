/** The word-level diff the editor shows beside an outdated translation. */
import { diffArrays } from 'diff';
import { stripCodes } from './text.js';
import type { DiffPart } from './types.js';

const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Words, spaces and punctuation as separate tokens; dictionary-based for CJK and Thai. */
function tokens(text: string): string[] {
  return Array.from(words.segment(text), (s) => s.segment);
}

/**
 * Word-level diff of two units' visible text (codes stripped) for the outdated view. Tokens
 * come from Intl.Segmenter, so scripts without spaces (Chinese, Japanese, Thai) diff by word,
 * not by whole run. Nothing is lost: the `same` and `removed` parts concatenate to `before`,
 * the `same` and `added` parts to `after` (both stripped); adjacent parts of a kind are merged,
 * and a removal comes before the addition that replaces it.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(tokens(stripCodes(before)), tokens(stripCodes(after)))) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const text = change.value.join('');
    if (text === '') continue;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return parts;
}

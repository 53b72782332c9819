/**
 * Target identical to the source: usually the source pasted and never translated — except
 * where that is right: text made only of numbers, addresses, do-not-translate terms,
 * punctuation and codes, or a target in a variant of the source's own language (en → en-GB).
 */
import { normalizeWhitespace } from '../alignment/text.js';
import { withoutAddresses } from './addresses.js';
import { finding } from './messages.js';
import { baseLanguage } from './text.js';
import type { Finding } from './types.js';

/** `identical` when the visible texts are the same and the source has words to translate. */
export function checkIdentical(input: {
  source: string;
  target: string;
  sourceLanguage: string;
  targetLanguage: string;
  /** Do-not-translate terms as they are written in the source. */
  keep: readonly string[];
}): Finding[] {
  if (baseLanguage(input.sourceLanguage) === baseLanguage(input.targetLanguage)) return [];
  if (normalizeWhitespace(input.source) !== normalizeWhitespace(input.target)) return [];
  let rest = withoutAddresses(input.source);
  for (const term of [...input.keep].sort((a, b) => b.length - a.length)) {
    if (term !== '') rest = rest.split(term).join(' ');
  }
  return /\p{L}/u.test(rest) ? [finding('identical')] : [];
}

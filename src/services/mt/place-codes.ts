/**
 * Whether an engine's answer keeps the unit's codes: it must pass the same blocking checks a
 * translator's save does (every code exactly once, properly paired and nested, links not in
 * links). If it does, the suggestion is the tagged answer; if not, it is the answer's plain
 * text and says so (`codesPlaced: false`), so inserting it never breaks a unit.
 */
import { checkTarget } from '../../domain/units/check.js';
import { escapeTagged, plainText } from '../../domain/units/tagged.js';
import type { CodeInfo } from '../../domain/units/types.js';

/** A suggestion ready to show. */
export interface PlacedSuggestion {
  text: string;
  codesPlaced: boolean;
}

/** `answer` as a suggestion for `source` (null when the engine gave back no text at all). */
export function placeCodes(
  source: string,
  codes: Record<string, CodeInfo>,
  answer: string,
): PlacedSuggestion | null {
  if (plainText(answer).trim() === '') return null;
  let valid: boolean;
  try {
    valid =
      checkTarget({ path: 'mt', kind: 'paragraph', text: source, codes }, answer).length === 0;
  } catch {
    valid = false; // over the tag limits: not a usable tagged text
  }
  if (valid) return { text: answer, codesPlaced: true };
  const plain = escapeTagged(plainText(answer).replace(/ {2,}/g, ' '));
  return { text: plain, codesPlaced: Object.keys(codes).length === 0 };
}

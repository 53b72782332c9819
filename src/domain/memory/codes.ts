/**
 * Putting a memory match's inline codes onto the current unit's codes (see README.md in
 * src/services/memory): the i-th code of the match's source becomes the i-th code of the
 * current source when both sequences have the same kinds in the same order (`pc`, `ph`);
 * the match's target is rewritten with those ids. Otherwise (different kinds or counts, or a
 * target that does not use every code exactly once) the suggestion is plain text.
 */
import { escapeTagged, plainText, tokenizeTagged } from '../units/tagged.js';
import type { CodeInfo } from '../units/types.js';

interface CodeRef {
  id: string;
  kind: 'pc' | 'ph';
}

/** The codes of a tagged text in order of appearance (each `pc` once, at its opening tag). */
export function codeSequence(tagged: string, codes?: Record<string, CodeInfo>): CodeRef[] {
  const out: CodeRef[] = [];
  for (const token of tokenizeTagged(tagged)) {
    if (token.type === 'open' || token.type === 'ph') {
      const kind = codes?.[token.id]?.kind ?? (token.type === 'open' ? 'pc' : 'ph');
      out.push({ id: token.id, kind });
    }
  }
  return out;
}

/** A match's target with the current unit's codes, or plain text when they do not fit. */
export interface PlacedTarget {
  target: string;
  codesPlaced: boolean;
}

/**
 * Maps `matchTarget` (written against `matchSource`'s codes) onto the codes of
 * `currentSource` (described by `currentCodes`). Never throws.
 */
export function placeCodes(
  matchSource: string,
  matchTarget: string,
  currentSource: string,
  currentCodes: Record<string, CodeInfo>,
): PlacedTarget {
  const from = codeSequence(matchSource);
  const to = codeSequence(currentSource, currentCodes);
  const plain = (): PlacedTarget => ({
    target: escapeTagged(plainText(matchTarget)),
    codesPlaced: false,
  });
  if (from.length !== to.length) return plain();
  const ids = new Map<string, string>();
  for (let i = 0; i < from.length; i++) {
    const a = from[i];
    const b = to[i];
    if (a === undefined || b === undefined || a.kind !== b.kind || ids.has(a.id)) return plain();
    ids.set(a.id, b.id);
  }
  let out = '';
  const used = new Set<string>();
  const use = (id: string | undefined): string | undefined => {
    if (id === undefined || used.has(id)) return undefined;
    used.add(id);
    return id;
  };
  for (const token of tokenizeTagged(matchTarget)) {
    switch (token.type) {
      case 'text':
        out += escapeTagged(token.value);
        break;
      case 'bad':
        return plain();
      case 'open': {
        const id = use(ids.get(token.id));
        if (id === undefined) return plain();
        out += `<pc id="${id}">`;
        break;
      }
      case 'close': {
        if (token.id !== undefined && !ids.has(token.id)) return plain();
        out += '</pc>';
        break;
      }
      case 'ph': {
        const id = use(ids.get(token.id));
        if (id === undefined) return plain();
        out += `<ph id="${id}"/>`;
        break;
      }
    }
  }
  // Every code of the current unit exactly once, or the blocking code checks would refuse it.
  if (used.size !== ids.size) return plain();
  return { target: out, codesPlaced: true };
}

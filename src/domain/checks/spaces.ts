/**
 * Spaces: a translation that starts or ends with a space the source doesn't have (or lacks
 * one it has), double spaces inside it, and — script-aware — spaces between Chinese or
 * Japanese characters, which those scripts don't use. Thai separates phrases with a space, so
 * only its double spaces are reported.
 */
import { finding } from './messages.js';
import { CJK_CHAR, dominantScript } from './text.js';
import type { Finding } from './types.js';

const LEADING = /^\s/u;
const TRAILING = /\s$/u;
/** Two or more spaces between visible characters (line breaks are codes, not spaces). */
const DOUBLE = /(?<=\S)[ \u00A0\u202F\u2009]{2,}(?=\S)/gu;
const CJK_SOURCE = CJK_CHAR.source;
/** A space between two Han/kana characters or after CJK punctuation before one. */
const BETWEEN_CJK = new RegExp(`(?<=${CJK_SOURCE})[ \\u00A0]+(?=${CJK_SOURCE})`, 'gu');

function countMatches(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

/** `spaces.leading`, `spaces.trailing`, `spaces.double`, `spaces.betweenCjk`. */
export function checkSpaces(source: string, target: string): Finding[] {
  const findings: Finding[] = [];
  if (target.trim() === '') return findings;
  const leading = LEADING.test(target);
  if (leading !== LEADING.test(source))
    findings.push(finding('spaces.leading', { has: leading ? 'target' : 'source' }));
  const trailing = TRAILING.test(target);
  if (trailing !== TRAILING.test(source))
    findings.push(finding('spaces.trailing', { has: trailing ? 'target' : 'source' }));
  const doubles = countMatches(target, DOUBLE);
  if (doubles > countMatches(source, DOUBLE))
    findings.push(finding('spaces.double', { count: doubles }));
  const script = dominantScript(target);
  if (script === 'han' || script === 'japanese') {
    const between = countMatches(target, BETWEEN_CJK);
    if (between > 0) findings.push(finding('spaces.betweenCjk', { count: between }));
  }
  return findings;
}

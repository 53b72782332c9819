/**
 * Repeated words ("the the"): two equal word-like segments (Intl.Segmenter, case-folded in
 * the target language) separated only by white space. Languages written without spaces are
 * not checked (there, reduplication such as 人々 or まあまあ is part of the language).
 * A repetition the source has too (a name like "Bora Bora") is not reported.
 */
import { finding } from './messages.js';
import { fold, wordTokens } from './text.js';
import type { Finding } from './types.js';

/** `words.repeated` for each word written twice in a row. */
export function checkRepeatedWords(input: {
  source: string;
  target: string;
  targetLanguage: string;
}): Finding[] {
  const { target, targetLanguage: language } = input;
  const words = wordTokens(target, language);
  const source = fold(input.source, language).replace(/\s+/gu, ' ');
  const reported = new Set<string>();
  const findings: Finding[] = [];
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1];
    const b = words[i];
    if (!a || !b || !/\p{L}/u.test(b.word)) continue;
    const between = target.slice(a.index + a.word.length, b.index);
    if (!/^\s+$/u.test(between)) continue;
    const word = fold(b.word, language);
    if (word !== fold(a.word, language) || reported.has(word)) continue;
    if (source.includes(`${word} ${word}`)) continue;
    reported.add(word);
    findings.push(finding('words.repeated', { word: b.word }));
  }
  return findings;
}

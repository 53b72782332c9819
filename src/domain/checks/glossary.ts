/**
 * Glossary terms: a term of the source whose approved translation the target doesn't use
 * (case-folded, as a substring — `conferencia` is found in `conferencias` — or stem by stem
 * with the glossary's stemmers, so Russian `конференция` is found in `на конференции`), a
 * do-not-translate term that is not kept exactly as written, and a forbidden translation used
 * (matched word by word, so a forbidden `car` doesn't match `card`).
 */
import { analyze } from '../glossary/analyze.js';
import { plainText } from '../units/tagged.js';
import { finding } from './messages.js';
import { fold, wordTokens } from './text.js';
import type { CheckGlossaryHit, Finding } from './types.js';

/** The term as the source writes it (the hit's span), or the glossary's spelling. */
export function termInSource(hit: CheckGlossaryHit, sourcePlain: string): string {
  const span = sourcePlain.slice(hit.start, hit.end);
  return hit.start >= 0 && hit.end > hit.start && span.trim() !== '' ? span : hit.term;
}

/** True when the words of `phrase` occur in a row among `words` (both case-folded). */
function containsWords(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((w, k) => words[i + k] === w)) return true;
  }
  return false;
}

/** `glossary.missing`, `glossary.keep`, `glossary.forbidden` for the source's terms. */
export function checkGlossary(input: {
  /** Tagged source (hit offsets are into its plain text). */
  source: string;
  /** Visible target text. */
  target: string;
  targetLanguage: string;
  glossary: readonly CheckGlossaryHit[];
}): Finding[] {
  if (input.glossary.length === 0) return [];
  const language = input.targetLanguage;
  const plain = plainText(input.source);
  const folded = fold(input.target, language);
  const words = wordTokens(input.target, language).map((w) => fold(w.word, language));
  const stems = analyze(input.target, language).words.map((w) => w.stem);
  const used = (translation: string): boolean =>
    folded.includes(fold(translation, language)) ||
    containsWords(
      stems,
      analyze(translation, language).words.map((w) => w.stem),
    );
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const hit of input.glossary) {
    if (seen.has(hit.termId)) continue;
    seen.add(hit.termId);
    const term = termInSource(hit, plain);
    if (hit.doNotTranslate) {
      if (!input.target.includes(term) && !input.target.includes(hit.term))
        findings.push(finding('glossary.keep', { term }));
    } else if (hit.translation !== null && hit.translation.trim() !== '') {
      if (!used(hit.translation.trim()))
        findings.push(finding('glossary.missing', { term, translation: hit.translation.trim() }));
    }
    for (const forbidden of hit.forbidden) {
      const phrase = wordTokens(forbidden, language).map((w) => fold(w.word, language));
      const used =
        phrase.length > 0
          ? containsWords(words, phrase)
          : forbidden.trim() !== '' && folded.includes(fold(forbidden.trim(), language));
      if (used) findings.push(finding('glossary.forbidden', { term, forbidden }));
    }
  }
  return findings;
}

/**
 * Sentence-level memory entries (see README.md in src/services/memory): a unit of several
 * sentences also gives one entry per sentence when `Intl.Segmenter` splits its source and its
 * target into the same number of sentences, each a well-formed tagged string on its own
 * (no code opened in one sentence and closed in another).
 */
import { tokenizeTagged } from '../units/tagged.js';

/** Units longer than this are not split (the segmenter's cost grows with the text). */
const MAX_SPLIT_LENGTH = 20_000;

/** The sentences of a tagged text (trimmed, non-empty), or null when one is not well formed. */
export function splitSentences(tagged: string, language: string): string[] | null {
  if (tagged.length > MAX_SPLIT_LENGTH) return null;
  const segmenter = segmenterFor(language);
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(tagged)) {
    const trimmed = segment.trim();
    if (trimmed === '') continue;
    if (!wellFormed(trimmed)) return null;
    sentences.push(trimmed);
  }
  return sentences;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** One sentence segmenter per language (building one costs more than segmenting a unit). */
function segmenterFor(language: string): Intl.Segmenter {
  let found = segmenters.get(language);
  if (!found) {
    try {
      found = new Intl.Segmenter(language, { granularity: 'sentence' });
    } catch {
      found = new Intl.Segmenter('und', { granularity: 'sentence' });
    }
    if (segmenters.size < 200) segmenters.set(language, found);
  }
  return found;
}

function wellFormed(tagged: string): boolean {
  const open: string[] = [];
  for (const token of tokenizeTagged(tagged)) {
    if (token.type === 'bad') return false;
    if (token.type === 'open') open.push(token.id);
    if (token.type === 'close') {
      const id = open.pop();
      if (id === undefined || (token.id !== undefined && token.id !== id)) return false;
    }
  }
  return open.length === 0;
}

/**
 * Source and target sentence pairs for a unit: null unless both split into the same number
 * (more than one) of well-formed sentences.
 */
export function sentencePairs(
  source: string,
  sourceLanguage: string,
  target: string,
  targetLanguage: string,
): { source: string; target: string }[] | null {
  const sources = splitSentences(source, sourceLanguage);
  const targets = splitSentences(target, targetLanguage);
  if (!sources || !targets || sources.length < 2 || sources.length !== targets.length) return null;
  return sources.map((s, i) => ({ source: s, target: targets[i] ?? '' }));
}

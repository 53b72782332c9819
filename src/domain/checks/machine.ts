/**
 * Unmodified machine translation, measured as Wikimedia's Content Translation does: the
 * longest common subsequence of the machine translation's and the final text's word tokens
 * (here Intl.Segmenter words, so Chinese and Japanese are split into words, not characters),
 * divided by the larger token count. 1 means the suggestion was kept as it was; words moved,
 * replaced, added or removed lower it.
 */
import { plainText } from '../units/tagged.js';
import { finding } from './messages.js';
import { wordTokens } from './text.js';
import type { Finding } from './types.js';

/** A unit above this share of unmodified machine translation gets a warning. */
export const UNMODIFIED_UNIT_LIMIT = 0.85;
/** The default site limit on a translation's share of unmodified machine translation. */
export const DEFAULT_UNMODIFIED_PUBLISH_LIMIT = 0.95;

/** How much of a text is the machine translation unchanged. */
export interface UnmodifiedShare {
  /** unchanged / words, 0..1 (0 when there are no words). */
  share: number;
  /** The larger of the two texts' word counts. */
  words: number;
  /** Words of the longest common subsequence: left as the machine wrote them. */
  unchanged: number;
}

function tokens(tagged: string, language: string): string[] {
  return wordTokens(plainText(tagged), language).map((t) => t.word.normalize('NFC'));
}

/** Length of the longest common subsequence of two token lists (two rows of the table). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  let previous = new Uint32Array(short.length + 1);
  let current = new Uint32Array(short.length + 1);
  for (const token of long) {
    for (let j = 1; j <= short.length; j++) {
      current[j] =
        token === short[j - 1]
          ? (previous[j - 1] ?? 0) + 1
          : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[short.length] ?? 0;
}

/**
 * The share of `final` that is `machine` unmodified (both tagged; codes are not words).
 * `language` picks the word segmentation (it matters for Thai, Chinese, Japanese).
 */
export function unmodifiedShare(machine: string, final: string, language = 'und'): UnmodifiedShare {
  const a = tokens(machine, language);
  const b = tokens(final, language);
  const words = Math.max(a.length, b.length);
  if (words === 0) return { share: 0, words: 0, unchanged: 0 };
  const unchanged = lcsLength(a, b);
  return { share: unchanged / words, words, unchanged };
}

/** A whole translation's share of unmodified machine translation, and each unit's. */
export interface MachineShareSummary extends UnmodifiedShare {
  /** Per unit, in the order given (a unit that started from no MT has unchanged 0). */
  units: UnmodifiedShare[];
  /** Indexes of the units above UNMODIFIED_UNIT_LIMIT: the ones to revise first. */
  over: number[];
}

/**
 * Unmodified machine-translation words over all words of a translation (for the publish
 * limit): each unit counts its words; those that started from MT add their unchanged words.
 */
export function unmodifiedMachineShare(
  units: readonly { machine?: string | null; final: string }[],
  language = 'und',
): MachineShareSummary {
  const each = units.map((unit): UnmodifiedShare => {
    if (unit.machine === undefined || unit.machine === null) {
      const words = tokens(unit.final, language).length;
      return { share: 0, words, unchanged: 0 };
    }
    return unmodifiedShare(unit.machine, unit.final, language);
  });
  const words = each.reduce((sum, u) => sum + u.words, 0);
  const unchanged = each.reduce((sum, u) => sum + u.unchanged, 0);
  const over = each.flatMap((u, i) => (u.share > UNMODIFIED_UNIT_LIMIT ? [i] : []));
  return { share: words === 0 ? 0 : unchanged / words, words, unchanged, units: each, over };
}

/** `machine.unmodified` when the unit is above UNMODIFIED_UNIT_LIMIT unchanged MT. */
export function checkMachine(
  machine: { text: string; engine: string } | null | undefined,
  target: string,
  targetLanguage: string,
): Finding[] {
  if (!machine) return [];
  const { share, words } = unmodifiedShare(machine.text, target, targetLanguage);
  if (words === 0 || share <= UNMODIFIED_UNIT_LIMIT) return [];
  return [
    finding('machine.unmodified', { percent: Math.round(share * 100), engine: machine.engine }),
  ];
}

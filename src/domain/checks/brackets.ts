/**
 * Brackets and quotation marks balanced in the translation (when they are in the source):
 * paired brackets `( ) [ ] { }` and the CJK `「 」 『 』 【 】 （ ） 《 》 〈 〉 〔 〕` are matched by
 * a stack; quotation marks whose direction differs between languages are counted instead —
 * `«` and `»` as many of each (French «…», German »…«), `„ “ ”` and `"` an even number
 * (English “…”, German „…“, Polish „…”, Swedish ”…”). Single quotes are left alone: `’` is
 * also the apostrophe.
 */
import { finding } from './messages.js';
import type { Finding } from './types.js';

const PAIRS: readonly [string, string][] = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['「', '」'],
  ['『', '』'],
  ['【', '】'],
  ['（', '）'],
  ['《', '》'],
  ['〈', '〉'],
  ['〔', '〕'],
  ['［', '］'],
  ['｛', '｝'],
];
const OPENERS = new Map(PAIRS.map(([open, close]) => [open, close]));
const CLOSERS = new Map(PAIRS.map(([open, close]) => [close, open]));

/** The unmatched brackets of `text`, each as the pair's opening mark → the unmatched mark. */
function unmatchedBrackets(text: string): Map<string, string> {
  const stack: string[] = [];
  const unmatched = new Map<string, string>();
  for (const char of text) {
    if (OPENERS.has(char)) stack.push(char);
    else {
      const open = CLOSERS.get(char);
      if (open === undefined) continue;
      const at = stack.lastIndexOf(open);
      if (at === -1) {
        if (!unmatched.has(open)) unmatched.set(open, char);
      } else stack.splice(at, 1);
    }
  }
  for (const open of stack) if (!unmatched.has(open)) unmatched.set(open, open);
  return unmatched;
}

function count(text: string, chars: string): number {
  let n = 0;
  for (const char of text) if (chars.includes(char)) n++;
  return n;
}

/** Quotation families counted, not matched: the family's name → its unmatched mark, if any. */
function unmatchedQuotes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [open, close] of [
    ['«', '»'],
    ['‹', '›'],
  ] as const) {
    const opens = count(text, open);
    const closes = count(text, close);
    if (opens !== closes) found.set(open, opens > closes ? open : close);
  }
  const curly = [...text].filter((c) => '„“”'.includes(c));
  if (curly.length % 2 === 1) found.set('„', curly.at(-1) ?? '”');
  if (count(text, '"') % 2 === 1) found.set('"', '"');
  return found;
}

/** `brackets.unbalanced` for each bracket or quote balanced in the source but not the target. */
export function checkBrackets(source: string, target: string): Finding[] {
  const findings: Finding[] = [];
  for (const unmatched of [unmatchedBrackets, unmatchedQuotes]) {
    const inSource = unmatched(source);
    for (const [family, mark] of unmatched(target)) {
      if (!inSource.has(family)) findings.push(finding('brackets.unbalanced', { mark }));
    }
  }
  return findings;
}

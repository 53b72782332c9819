/**
 * The limits on what the content format will parse and render, their defaults, and the errors
 * that name them. The checks on the Markdown source (`checkSource`) are one linear pass that
 * runs before the parser, so a text made to be slow or deep is refused before any expensive
 * work; the check on the tree (`checkTree`) runs after parsing and before rendering, so no
 * document — parsed, stored or crafted — deeper than the limit reaches the recursive code.
 * See README.md ("Limits") for the reasoning behind each value.
 */
import type { Nodes } from 'mdast';
import { DomainError } from '../../domain/errors.js';

/** Every limit of the content format; `createMarkdownFormat` takes any of them as options. */
export interface ContentLimits {
  /** Characters of Markdown in one text (413 above it). */
  maxChars: number;
  /** Nesting levels: block quotes, list items, directives, emphasis, links, `[` brackets. */
  maxDepth: number;
  /** Emphasis markers (runs of `*`, `_` or `~`) in one paragraph. */
  maxMarkersPerParagraph: number;
  /** Time one parse or render may run in the worker before it is stopped. */
  timeBudgetMs: number;
  /** Heap of each worker thread (V8 old generation), in MB. */
  workerHeapMb: number;
  /** Worker threads at most. */
  threads: number;
  /** Tasks that may wait for a thread; beyond that new ones are refused as busy. */
  maxQueue: number;
  /** Documents with more nodes than this are rendered in the worker, smaller ones in place. */
  inlineRenderNodes: number;
}

/** The values used unless the composition root says otherwise (README.md explains each). */
export const DEFAULT_CONTENT_LIMITS: Readonly<ContentLimits> = {
  maxChars: 200_000,
  maxDepth: 32,
  maxMarkersPerParagraph: 1_000,
  timeBudgetMs: 10_000,
  workerHeapMb: 128,
  threads: 2,
  maxQueue: 32,
  inlineRenderNodes: 4_000,
};

/** What is wrong with a text, as the port's error will say it. */
export interface LimitProblem {
  code: 'payload_too_large' | 'too_complex';
  message: string;
}

/** A problem as the domain error services and HTTP understand, naming the `body` field. */
export function limitError(problem: LimitProblem): DomainError {
  return new DomainError(problem.code, `body: ${problem.message}`, [
    { field: 'body', message: problem.message },
  ]);
}

/** `5000` → `5,000`: limits and measures read the same way in every message. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** `10000` ms → `10 s`, `250` → `0.25 s`. */
export function seconds(ms: number): string {
  return `${count(Math.round(ms) / 1000)} s`;
}

/** Character codes the source scan looks at. */
const Char = {
  Tab: 9,
  Return: 13,
  Space: 32,
  Hash: 35,
  RightParen: 41,
  Star: 42,
  Plus: 43,
  Dash: 45,
  Dot: 46,
  Zero: 48,
  Nine: 57,
  Colon: 58,
  GreaterThan: 62,
  LeftBracket: 91,
  Backslash: 92,
  RightBracket: 93,
  Underscore: 95,
  Backtick: 96,
  Pipe: 124,
  Tilde: 126,
} as const;

function isBlank(code: number): boolean {
  return code === Char.Space || code === Char.Tab;
}

function isMarker(code: number): boolean {
  return code === Char.Star || code === Char.Underscore || code === Char.Tilde;
}

/** Where a trailing thematic break (`* * *`, `- - -`, `___`) starts on a line, and its marks. */
function trailingBreak(text: string, start: number, end: number) {
  let index = end - 1;
  while (index >= start && isBlank(text.charCodeAt(index))) index--;
  const mark = index >= start ? text.charCodeAt(index) : 0;
  if (mark !== Char.Star && mark !== Char.Dash && mark !== Char.Underscore) {
    return { from: end, mark: 0, marks: 0 };
  }
  let from = end;
  let marks = 0;
  for (; index >= start; index--) {
    const code = text.charCodeAt(index);
    if (code === mark) {
      marks++;
      from = index;
    } else if (!isBlank(code)) break;
  }
  return { from, mark, marks };
}

interface Prefix {
  /** Block quote and list markers at the start of the line. */
  levels: number;
  /** The line starts a list item (a new paragraph). */
  listItem: boolean;
  /** Where the line's content starts. */
  content: number;
}

/** Reads the container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) that start a line. */
function linePrefix(text: string, start: number, end: number): Prefix {
  const hr = trailingBreak(text, start, end);
  let hrMarksPassed = 0;
  let levels = 0;
  let listItem = false;
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (isBlank(code)) {
      index++;
      continue;
    }
    if (code === Char.GreaterThan) {
      levels++;
      index++;
      continue;
    }
    const next = index + 1 < end ? text.charCodeAt(index + 1) : Char.Space;
    if ((code === Char.Dash || code === Char.Star || code === Char.Plus) && isBlank(next)) {
      if (index >= hr.from && code === hr.mark) {
        // The rest of the line is a thematic break (`* * *`), not more list items.
        if (hr.marks - hrMarksPassed >= 3) break;
        hrMarksPassed++;
      }
      levels++;
      listItem = true;
      index++;
      continue;
    }
    if (code >= Char.Zero && code <= Char.Nine) {
      let digit = index;
      while (digit < end && digit - index < 9) {
        const d = text.charCodeAt(digit);
        if (d < Char.Zero || d > Char.Nine) break;
        digit++;
      }
      const after = digit + 1 < end ? text.charCodeAt(digit + 1) : Char.Space;
      const delimiter = digit < end ? text.charCodeAt(digit) : 0;
      if ((delimiter === Char.Dot || delimiter === Char.RightParen) && isBlank(after)) {
        levels++;
        listItem = true;
        index = digit + 1;
        continue;
      }
    }
    break;
  }
  return { levels, listItem, content: index };
}

/** Length of a run of `code` at `index` (``` and ~~~ fences, ::: directive fences). */
function runLength(text: string, index: number, end: number, code: number): number {
  let at = index;
  while (at < end && text.charCodeAt(at) === code) at++;
  return at - index;
}

function onlyBlanksAfter(text: string, index: number, end: number): boolean {
  for (let at = index; at < end; at++) if (!isBlank(text.charCodeAt(at))) return false;
  return true;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A line that is a block of its own: an ATX heading, a table row, a leaf directive. */
function startsOwnBlock(text: string, at: number, end: number): boolean {
  const first = text.charCodeAt(at);
  if (first === Char.Pipe) return true;
  if (first === Char.Hash) {
    const hashes = runLength(text, at, end, Char.Hash);
    return hashes <= 6 && (at + hashes >= end || isBlank(text.charCodeAt(at + hashes)));
  }
  return (
    first === Char.Colon &&
    runLength(text, at, end, Char.Colon) === 2 &&
    isLetter(text.charCodeAt(at + 2))
  );
}

/** The deepest nesting and densest paragraph found in a Markdown source. */
export interface SourceMeasure {
  /** Block quotes, list items and open `:::` directives around the deepest line. */
  blockDepth: number;
  /** Unclosed `[` brackets at the deepest point of a paragraph. */
  bracketDepth: number;
  /** Emphasis markers in the densest paragraph. */
  markers: number;
}

/**
 * Measures a Markdown source in one linear pass, without parsing it. It reads the source the
 * way CommonMark does where it matters for cost — line prefixes, fenced code (skipped),
 * directive fences, paragraph breaks, backslash escapes — and errs on the side of counting a
 * little too much rather than too little; the tree check after parsing is the exact one.
 */
export function measureSource(text: string): SourceMeasure {
  const measure: SourceMeasure = { blockDepth: 0, bracketDepth: 0, markers: 0 };
  let fence: { code: number; length: number } | null = null;
  let directives = 0;
  let markers = 0;
  let brackets = 0;
  const paragraphBreak = (): void => {
    markers = 0;
    brackets = 0;
  };
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === Char.Return ? end - 1 : end;
    const prefix = linePrefix(text, start, lineEnd);
    const at = prefix.content;
    const first = at < lineEnd ? text.charCodeAt(at) : 0;
    const next = (): void => {
      start = end + 1;
    };
    if (fence !== null) {
      if (first === fence.code && runLength(text, at, lineEnd, first) >= fence.length) {
        const run = runLength(text, at, lineEnd, first);
        if (onlyBlanksAfter(text, at + run, lineEnd)) fence = null;
      }
      next();
      continue;
    }
    if (
      (first === Char.Backtick || first === Char.Tilde) &&
      runLength(text, at, lineEnd, first) >= 3
    ) {
      fence = { code: first, length: runLength(text, at, lineEnd, first) };
      paragraphBreak();
      measure.blockDepth = Math.max(measure.blockDepth, prefix.levels + directives);
      next();
      continue;
    }
    if (first === Char.Colon && runLength(text, at, lineEnd, first) >= 3) {
      const run = runLength(text, at, lineEnd, first);
      if (onlyBlanksAfter(text, at + run, lineEnd)) directives = Math.max(0, directives - 1);
      else directives++;
      paragraphBreak();
    }
    measure.blockDepth = Math.max(measure.blockDepth, prefix.levels + directives);
    if (at >= lineEnd || prefix.listItem || startsOwnBlock(text, at, lineEnd)) paragraphBreak();
    let previous = 0;
    for (let index = at; index < lineEnd; index++) {
      const code = text.charCodeAt(index);
      if (code === Char.Backslash) {
        index++;
        previous = 0;
        continue;
      }
      if (isMarker(code) && code !== previous) markers++;
      else if (code === Char.LeftBracket) brackets++;
      else if (code === Char.RightBracket && brackets > 0) brackets--;
      if (brackets > measure.bracketDepth) measure.bracketDepth = brackets;
      previous = code;
    }
    if (markers > measure.markers) measure.markers = markers;
    next();
  }
  return measure;
}

/** The first limit a Markdown source breaks, checked before it is parsed; undefined if none. */
export function checkSource(text: string, limits: ContentLimits): LimitProblem | undefined {
  if (text.length > limits.maxChars) {
    return {
      code: 'payload_too_large',
      message: `The text is ${count(text.length)} characters long; the limit is ${count(limits.maxChars)}`,
    };
  }
  const measure = measureSource(text);
  if (measure.blockDepth > limits.maxDepth) {
    return {
      code: 'too_complex',
      message: `The text is nested ${count(measure.blockDepth)} levels deep (block quotes, lists or directives); the limit is ${count(limits.maxDepth)}`,
    };
  }
  if (measure.bracketDepth > limits.maxDepth) {
    return {
      code: 'too_complex',
      message: `Brackets are nested ${count(measure.bracketDepth)} levels deep ("[" inside "["); the limit is ${count(limits.maxDepth)}`,
    };
  }
  if (measure.markers > limits.maxMarkersPerParagraph) {
    return {
      code: 'too_complex',
      message: `A paragraph has ${count(measure.markers)} emphasis markers (*, _ or ~); the limit is ${count(limits.maxMarkersPerParagraph)} per paragraph`,
    };
  }
  return undefined;
}

/** Node types that make one more level of nesting for the author (a list counts once). */
const NESTING = new Set<string>([
  'blockquote',
  'listItem',
  'footnoteDefinition',
  'containerDirective',
  'leafDirective',
  'textDirective',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
]);

/** How deep and how big a tree is. */
export interface TreeMeasure {
  /** Nesting levels as the author sees them (see NESTING). */
  levels: number;
  /** Nodes from the root to the deepest leaf, whatever their type. */
  depth: number;
  nodes: number;
}

/** Measures any mdast-like tree without recursion, so even a crafted deep one is safe to measure. */
export function measureTree(root: Nodes): TreeMeasure {
  const measure: TreeMeasure = { levels: 0, depth: 0, nodes: 0 };
  const stack: { node: unknown; levels: number; depth: number }[] = [
    { node: root, levels: 0, depth: 1 },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node } = item;
    if (typeof node !== 'object' || node === null) continue;
    measure.nodes++;
    const type = 'type' in node ? node.type : undefined;
    const levels = item.levels + (typeof type === 'string' && NESTING.has(type) ? 1 : 0);
    if (levels > measure.levels) measure.levels = levels;
    if (item.depth > measure.depth) measure.depth = item.depth;
    const children = 'children' in node ? node.children : undefined;
    if (Array.isArray(children)) {
      for (const child of children as unknown[]) {
        stack.push({ node: child, levels, depth: item.depth + 1 });
      }
    }
  }
  return measure;
}

/**
 * The deepest tree any limit allows: every level can cost two nodes (a list and its item) plus
 * the few fixed ones (root, table, row, cell, paragraph, text).
 */
export function maxTreeDepth(limits: ContentLimits): number {
  return 2 * limits.maxDepth + 8;
}

/** The limit a tree breaks (too deep for the recursive code that follows), or undefined. */
export function checkTree(measure: TreeMeasure, limits: ContentLimits): LimitProblem | undefined {
  if (measure.levels > limits.maxDepth) {
    return {
      code: 'too_complex',
      message: `The text is nested ${count(measure.levels)} levels deep; the limit is ${count(limits.maxDepth)}`,
    };
  }
  const maxDepth = maxTreeDepth(limits);
  if (measure.depth > maxDepth) {
    return {
      code: 'too_complex',
      message: `The document is ${count(measure.depth)} nodes deep; the limit is ${count(maxDepth)}`,
    };
  }
  return undefined;
}

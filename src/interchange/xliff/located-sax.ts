/**
 * What both XLIFF readers (xliff2.ts, xliff12.ts) parse with: saxes with positions, the size
 * and depth limits, a DOCTYPE (and so any entity) refused, every problem located (1-based line
 * and column, the element), and a stop at the first fatal one.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** Limits a reader applies to a file. */
export const XLIFF_LIMITS = { maxBytes: 10 * 1024 * 1024, maxDepth: 64 } as const;

/** A located problem in a file: 1-based line and column, the element it is about. */
export interface XliffError {
  line: number;
  column: number;
  element: string;
  message: string;
}

/** Thrown inside the SAX handlers to stop at the first fatal problem. */
class Stop extends Error {}

export interface LocatedSax {
  parser: SaxesParser<{ xmlns: true; position: true }>;
  errors: XliffError[];
  /** The open elements, outermost first. */
  stack: { name: string; ns: string }[];
  /** The parser's position, 1-based. */
  here: () => { line: number; column: number };
  /** The innermost open element's name ('xliff' outside any). */
  current: () => string;
  /** Records a problem at the parser's position and stops reading. */
  fail: (element: string, message: string) => never;
  /** Records a problem at the parser's position and reads on. */
  problem: (element: string, message: string) => void;
  /** Pushes an opened element (refusing nesting past the limit); answers its parent. */
  push: (tag: SaxesTagNS) => { name: string; ns: string } | undefined;
  /** Parses `xml` through the handlers registered on `parser`. */
  run: (xml: string) => void;
}

/** The size refusal, or null when `xml` is within the limit (checked before parsing). */
export function tooLarge(xml: string): XliffError[] | null {
  return Buffer.byteLength(xml, 'utf8') > XLIFF_LIMITS.maxBytes
    ? [{ line: 1, column: 1, element: 'xliff', message: 'The file is larger than 10 MB' }]
    : null;
}

export function locatedSax(): LocatedSax {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const errors: XliffError[] = [];
  const stack: { name: string; ns: string }[] = [];
  const here = () => ({ line: parser.line, column: parser.column + 1 });
  const current = () => stack.at(-1)?.name ?? 'xliff';
  const problem = (element: string, message: string) => {
    errors.push({ ...here(), element, message });
  };
  const fail = (element: string, message: string): never => {
    problem(element, message);
    throw new Stop();
  };
  parser.on('doctype', () => fail('!DOCTYPE', 'A DOCTYPE (and so any entity) is refused'));
  parser.on('error', (error) => {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    fail(current(), `Malformed XML: ${message}`);
  });
  return {
    parser,
    errors,
    stack,
    here,
    current,
    fail,
    problem,
    push: (tag) => {
      if (stack.length >= XLIFF_LIMITS.maxDepth)
        fail(tag.local, `Elements are nested deeper than ${XLIFF_LIMITS.maxDepth}`);
      const parent = stack.at(-1);
      stack.push({ name: tag.local, ns: tag.uri });
      return parent;
    },
    run: (xml) => {
      try {
        parser.write(xml).close();
      } catch (error) {
        if (!(error instanceof Stop)) throw error;
      }
    },
  };
}

/** The value of the attribute `local` in namespace `uri` (none: '') of a tag. */
export function attrOf(tag: SaxesTagNS, local: string, uri = ''): string | undefined {
  for (const a of Object.values(tag.attributes))
    if (a.local === local && a.uri === uri) return a.value;
  return undefined;
}

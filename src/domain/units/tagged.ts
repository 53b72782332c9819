/**
 * The tagged-string format of unit text, in the spirit of XLIFF 2 inline markup:
 * `Join <pc id="1">the session</pc> at <ph id="2"/>`. Text escapes `&`, `<`, `>` as `&amp;`,
 * `&lt;`, `&gt;`; any other `<` is an error (raw markup), so nothing a translator types can
 * become a tag. A bare `&` that starts none of the three entities is read as itself.
 */
import { DomainError } from '../errors.js';
import type { TaggedNode } from './types.js';

/** Why a tagged string cannot be read. */
export type TaggedTextProblem = 'malformed' | 'markup' | 'bad_nesting';

/** A tagged string that does not parse; `reason` and `codeId` say what is wrong where. */
export class TaggedTextError extends DomainError {
  constructor(
    readonly reason: TaggedTextProblem,
    message: string,
    readonly offset: number,
    readonly codeId?: string,
  ) {
    super('validation_failed', message);
    this.name = 'TaggedTextError';
  }
}

/** One lexical piece of a tagged string. `bad` is a `<` that starts none of our tags. */
export type TaggedToken =
  | { type: 'text'; value: string; offset: number }
  | { type: 'open'; id: string; offset: number }
  | { type: 'close'; id: string | undefined; offset: number }
  | { type: 'ph'; id: string; offset: number }
  | { type: 'bad'; reason: 'malformed' | 'markup'; raw: string; offset: number };

const ID = String.raw`\s+id\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>/=]+))`;
const OPEN = new RegExp(String.raw`^<pc${ID}\s*>`);
const CLOSE = new RegExp(String.raw`^</pc(?:${ID})?\s*>`);
const PLACEHOLDER = new RegExp(String.raw`^<ph${ID}\s*/>`);
const OUR_TAG = /^<\/?p[ch]\b/i;
const TAG_LIKE = /^<[/!?]?[A-Za-z!?]/;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

function idOf(match: RegExpExecArray): string | undefined {
  return match[1] ?? match[2] ?? match[3];
}

/** The tag-like text at the start of `rest`: up to the first `>`, never past another `<`. */
function rawTag(rest: string): string {
  return /^<[^<>]*>?/.exec(rest)?.[0] ?? '<';
}

function shorten(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
}

function tagAt(text: string, offset: number): TaggedToken {
  const rest = text.slice(offset);
  const open = OPEN.exec(rest);
  const openId = open === null ? undefined : idOf(open);
  if (openId !== undefined && openId !== '') return { type: 'open', id: openId, offset };
  const close = CLOSE.exec(rest);
  if (close !== null) {
    const closeId = idOf(close);
    if (closeId !== '') return { type: 'close', id: closeId, offset };
  }
  const ph = PLACEHOLDER.exec(rest);
  const phId = ph === null ? undefined : idOf(ph);
  if (phId !== undefined && phId !== '') return { type: 'ph', id: phId, offset };
  if (OUR_TAG.test(rest)) return { type: 'bad', reason: 'malformed', raw: rawTag(rest), offset };
  if (TAG_LIKE.test(rest)) return { type: 'bad', reason: 'markup', raw: rawTag(rest), offset };
  return { type: 'bad', reason: 'malformed', raw: '<', offset };
}

function tagLength(text: string, token: TaggedToken): number {
  if (token.type === 'bad') return token.raw.length;
  return text.indexOf('>', token.offset) + 1 - token.offset;
}

/**
 * Splits a tagged string into tokens without ever throwing: adjacent text (entities decoded) is
 * merged into one token, and anything that is not one of our tags becomes a `bad` token.
 */
export function tokenizeTagged(text: string): TaggedToken[] {
  const tokens: TaggedToken[] = [];
  let buffer = '';
  let bufferStart = 0;
  let index = 0;
  const flush = (): void => {
    if (buffer !== '') tokens.push({ type: 'text', value: buffer, offset: bufferStart });
    buffer = '';
  };
  while (index < text.length) {
    const char = text[index];
    if (char === '<') {
      flush();
      const token = tagAt(text, index);
      tokens.push(token);
      index += Math.max(1, tagLength(text, token));
      bufferStart = index;
      continue;
    }
    if (char === '&') {
      const entity = /^&(?:amp|lt|gt);/.exec(text.slice(index, index + 5))?.[0];
      if (entity !== undefined) {
        buffer += ENTITIES[entity] ?? entity;
        index += entity.length;
        continue;
      }
    }
    buffer += char;
    index += 1;
  }
  flush();
  return tokens;
}

/**
 * Limits on a translator's tagged string, so reading it stays linear however it was made: at
 * most `maxTags` tags (every `<` counts: in valid text each one starts a tag) unless the source
 * itself needs more, and paired codes nested at most `maxDepth` deep (the content format's
 * nesting limit, so no source needs deeper).
 */
export const TAGGED_LIMITS = { maxTags: 1_000, maxDepth: 32 } as const;

/** What a tagged string holds, counted in one pass without tokenizing it. */
export interface TaggedMeasure {
  /** Every `<`. */
  tags: number;
  /** Deepest nesting of `<pc …>` opened and not yet closed. */
  depth: number;
}

/** Counts the tags and the nesting of a tagged string; linear, never throws. */
export function measureTagged(text: string): TaggedMeasure {
  let tags = 0;
  let depth = 0;
  let deepest = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    tags++;
    if (text.startsWith('</pc', at)) depth = Math.max(0, depth - 1);
    else if (text.startsWith('<pc', at)) deepest = Math.max(deepest, ++depth);
  }
  return { tags, depth: deepest };
}

/**
 * The limit a tagged string breaks, as a sentence naming it, or undefined. `sourceTags` is the
 * number of tags the source needs, which the limit always allows.
 */
export function taggedLimitProblem(text: string, sourceTags = 0): string | undefined {
  const { tags, depth } = measureTagged(text);
  const maxTags = Math.max(TAGGED_LIMITS.maxTags, 2 * sourceTags);
  if (tags > maxTags) {
    return `The text has ${tags.toLocaleString('en-US')} tags; the limit is ${maxTags.toLocaleString('en-US')}`;
  }
  if (depth > TAGGED_LIMITS.maxDepth) {
    return `Codes are nested ${depth.toLocaleString('en-US')} levels deep; the limit is ${TAGGED_LIMITS.maxDepth}`;
  }
  return undefined;
}

/** Describes a bad token for people: what was found and what to type instead. */
export function badTokenMessage(token: Extract<TaggedToken, { type: 'bad' }>): string {
  if (token.reason === 'markup') {
    return `Markup "${shorten(token.raw)}" is not allowed; only the source's codes can be used (type &lt; for a literal "<")`;
  }
  if (token.raw === '<') return 'A literal "<" must be written as &lt;';
  return `"${shorten(token.raw)}" is not a valid code tag; codes look like <pc id="1">…</pc> and <ph id="2"/>`;
}

/**
 * Parses a tagged string into text, `pc` (with children) and `ph` nodes.
 * @throws TaggedTextError on raw markup, a tag that is not ours, or codes not properly paired
 *   and nested (a closing tag naming another code, a closing tag without an opening one, a code
 *   never closed), or codes nested deeper than TAGGED_LIMITS.maxDepth (so the recursive
 *   serializeTagged and rendering are safe on whatever it returns).
 */
export function parseTagged(text: string): TaggedNode[] {
  const { depth } = measureTagged(text);
  if (depth > TAGGED_LIMITS.maxDepth) {
    throw new TaggedTextError(
      'bad_nesting',
      `Codes are nested ${depth} levels deep; the limit is ${TAGGED_LIMITS.maxDepth}`,
      0,
    );
  }
  const root: TaggedNode[] = [];
  const stack: Extract<TaggedNode, { type: 'pc' }>[] = [];
  const current = (): TaggedNode[] => stack.at(-1)?.children ?? root;
  for (const token of tokenizeTagged(text)) {
    switch (token.type) {
      case 'text':
        current().push({ type: 'text', value: token.value });
        break;
      case 'ph':
        current().push({ type: 'ph', id: token.id });
        break;
      case 'open': {
        const node: TaggedNode = { type: 'pc', id: token.id, children: [] };
        current().push(node);
        stack.push(node);
        break;
      }
      case 'close': {
        const open = stack.pop();
        if (open === undefined) {
          const named = token.id === undefined ? '' : ` of code ${token.id}`;
          throw new TaggedTextError(
            'bad_nesting',
            `The closing tag${named} has no opening tag`,
            token.offset,
            token.id,
          );
        }
        if (token.id !== undefined && token.id !== open.id) {
          throw new TaggedTextError(
            'bad_nesting',
            `Code ${token.id} is closed while code ${open.id} inside it is still open`,
            token.offset,
            token.id,
          );
        }
        break;
      }
      case 'bad':
        throw new TaggedTextError(token.reason, badTokenMessage(token), token.offset);
    }
  }
  const unclosed = stack[0];
  if (unclosed !== undefined) {
    throw new TaggedTextError(
      'bad_nesting',
      `Code ${unclosed.id} is never closed`,
      text.length,
      unclosed.id,
    );
  }
  return root;
}

/** Escapes text for a tagged string: `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`. */
export function escapeTagged(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Writes nodes as a canonical tagged string (`<pc id="1">…</pc>`, `<ph id="2"/>`). */
export function serializeTagged(nodes: TaggedNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escapeTagged(node.value);
      if (node.type === 'ph') return `<ph id="${node.id}"/>`;
      return `<pc id="${node.id}">${serializeTagged(node.children)}</pc>`;
    })
    .join('');
}

/**
 * The text of a tagged string without its codes (for TM, search, diff, length checks).
 * Never throws: on malformed input, whatever is not a well-formed code is kept as typed.
 */
export function plainText(tagged: string): string {
  return tokenizeTagged(tagged)
    .map((token) => {
      if (token.type === 'text') return token.value;
      if (token.type === 'bad') return token.raw;
      return '';
    })
    .join('');
}

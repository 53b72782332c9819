/**
 * Inline codes through an engine that translates HTML: a tagged unit becomes an HTML fragment
 * in which every code is an element carrying the code's id (`<pc id="1">` → `<a id="1">`,
 * `<ph id="2"/>` → `<img id="2">`), the engine translates the text and keeps the elements,
 * and its answer is read back with a real HTML parser (parse5, as browsers parse) and written
 * as a tagged string, each element with one of our ids becoming that code again. Elements the
 * engine made up are dropped (their text kept); whether every code came back exactly once and
 * properly nested is for the service to check (src/services/mt/place-codes.ts).
 */
import { defaultTreeAdapter as tree, parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { isLinkType } from '../../domain/units/codes.js';
import { escapeTagged, parseTagged } from '../../domain/units/tagged.js';
import type { CodeInfo, TaggedNode } from '../../domain/units/types.js';

type ChildNode = DefaultTreeAdapterMap['childNode'];

/** How text is written into the HTML sent to an engine. */
export interface HtmlOptions {
  /** Applied to each piece of text before escaping (e.g. a script conversion). */
  mapText?: (text: string) => string;
  /**
   * Escapes `<` in text (default `&lt;`). LibreTranslate unescapes its whole HTML answer,
   * so it is sent `&amp;lt;` and comes back as `&lt;`.
   */
  lessThan?: string;
}

/** The element a paired code travels as: links as `a`, emphasis as `b`/`i`/`s`, others `span`. */
function pairedElement(info: CodeInfo | undefined, insideLink: boolean): string {
  const type = info?.type;
  const label = info?.label ?? '';
  const link = type === undefined ? label.startsWith('link → ') : isLinkType(type);
  // An `a` inside an `a` is not valid HTML (the parser would close the outer one).
  if (link) return insideLink ? 'span' : 'a';
  if (type === 'strong' || (type === undefined && label === 'bold')) return 'b';
  if (type === 'emphasis' || (type === undefined && label === 'italic')) return 'i';
  if (type === 'delete' || (type === undefined && label === 'strikethrough')) return 's';
  return 'span';
}

function escapeHtmlText(text: string, lessThan: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', lessThan).replaceAll('>', '&gt;');
}

/**
 * The HTML an engine gets for a tagged unit. Standalone codes are `<img id="…">`: an inline
 * void element that Apertium passes through without breaking the sentence (a `<br>` makes it
 * start a new one) and that MinT and LibreTranslate keep as markup.
 * @throws TaggedTextError when `text` is not a valid tagged string.
 */
export function taggedToHtml(
  text: string,
  codes: Record<string, CodeInfo>,
  options: HtmlOptions = {},
): string {
  const mapText = options.mapText ?? ((t: string) => t);
  const lessThan = options.lessThan ?? '&lt;';
  const write = (nodes: TaggedNode[], insideLink: boolean): string =>
    nodes
      .map((node) => {
        if (node.type === 'text') return escapeHtmlText(mapText(node.value), lessThan);
        if (node.type === 'ph') return `<img id="${node.id}">`;
        const name = pairedElement(
          Object.hasOwn(codes, node.id) ? codes[node.id] : undefined,
          insideLink,
        );
        return `<${name} id="${node.id}">${write(node.children, insideLink || name === 'a')}</${name}>`;
      })
      .join('');
  return write(parseTagged(text), false);
}

/** What came back from an engine, as a tagged string. */
export interface TaggedAnswer {
  text: string;
  /** True when the answer held elements that are not ours (dropped, their text kept). */
  foreignMarkup: boolean;
}

function idOf(element: DefaultTreeAdapterMap['element']): string | undefined {
  return tree.getAttrList(element).find((a) => a.name === 'id')?.value;
}

/**
 * Reads an engine's HTML answer back into a tagged string. Walks the parsed tree without
 * recursion (an engine's answer may nest arbitrarily deep); text is escaped as tagged text.
 */
export function htmlToTagged(html: string, codes: Record<string, CodeInfo>): TaggedAnswer {
  const fragment = parseFragment(html);
  const out: string[] = [];
  let foreignMarkup = false;
  const stack: (ChildNode | string)[] = [...tree.getChildNodes(fragment)].reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    if (tree.isTextNode(item)) {
      out.push(escapeTagged(tree.getTextNodeContent(item)));
      continue;
    }
    if (!tree.isElementNode(item)) continue; // comments, doctypes
    const id = idOf(item);
    const code = id !== undefined && Object.hasOwn(codes, id) ? codes[id] : undefined;
    const content = 'content' in item ? tree.getTemplateContent(item) : item;
    const children = [...tree.getChildNodes(content)].reverse();
    if (id !== undefined && code?.kind === 'ph') {
      out.push(`<ph id="${id}"/>`);
      stack.push(...children);
    } else if (id !== undefined && code?.kind === 'pc') {
      out.push(`<pc id="${id}">`);
      stack.push('</pc>', ...children);
    } else {
      foreignMarkup = true;
      stack.push(...children);
    }
  }
  return { text: out.join(''), foreignMarkup };
}

/**
 * Gives `answer` the outer whitespace of `source`: Apertium, for one, leaves a space where a
 * dropped word was ("I bought" → " Compré", "antes de que  vienes"). The whitespace before
 * the first and after the last code or character becomes the source's, and runs of spaces
 * inside become one space unless the source itself has such a run (so unchanged machine
 * translation is not flagged for double spaces the translator never typed).
 */
export function matchOuterWhitespace(source: string, answer: string): string {
  const leading = /^\s*/.exec(source)?.[0] ?? '';
  const trailing = /\s*$/.exec(source)?.[0] ?? '';
  const inner = / {2,}/.test(source.trim()) ? answer.trim() : answer.trim().replace(/ {2,}/g, ' ');
  return `${leading}${inner}${trailing}`;
}

/**
 * The addresses an HTML page refers to, read with parse5 (the HTML parser browsers follow),
 * and attribute values rewritten in place: only the bytes of a rewritten attribute change,
 * every other byte of the page stays as the app wrote it.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];

/** Attributes holding one address, by element. */
const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
};

/** Attributes holding a list of image candidates. */
const SRCSET_ELEMENTS = new Set(['img', 'source']);

/** `<meta property|name=…>` whose content is an address (Open Graph, Twitter cards). */
const URL_META = new Set(['og:url', 'og:image', 'og:video', 'og:audio', 'twitter:image']);

/** One address in a page: the attribute it came from and where its value sits in the text. */
export interface HtmlReference {
  element: string;
  attribute: string;
  value: string;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** Every element of a document, in document order, without recursion. */
function* elements(root: ParentNode): Generator<Element> {
  const stack: ParentNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if ('tagName' in node) yield node;
    const children: ParentNode[] = [];
    for (const child of node.childNodes) if ('childNodes' in child) children.push(child);
    // A <template>'s children live in its content fragment.
    if ('content' in node && node.content) children.push(node.content);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
}

/**
 * The URLs of a `srcset` (HTML's image candidate strings): each candidate is a URL followed by
 * an optional descriptor (`480w`, `2x`), separated by commas. A URL may itself hold commas;
 * one ends at whitespace, or at the commas closing it when no descriptor follows.
 */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) =>
    c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < value.length) {
    while (i < value.length && (isSpace(value[i]) || value[i] === ',')) i++;
    if (i >= value.length) break;
    let end = i;
    while (end < value.length && !isSpace(value[end])) end++;
    let url = value.slice(i, end);
    i = end;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Skip the descriptor, up to the comma that ends the candidate (none inside parentheses).
      let depth = 0;
      while (i < value.length) {
        const c = value[i];
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
    }
    if (url !== '') urls.push(url);
  }
  return urls;
}

function referencesOf(element: Element): HtmlReference[] {
  const found: HtmlReference[] = [];
  const tag = element.tagName;
  for (const name of URL_ATTRIBUTES[tag] ?? []) {
    const value = attribute(element, name);
    if (value !== undefined) found.push({ element: tag, attribute: name, value });
  }
  if (SRCSET_ELEMENTS.has(tag)) {
    const srcset = attribute(element, 'srcset');
    if (srcset !== undefined)
      for (const url of srcsetUrls(srcset))
        found.push({ element: tag, attribute: 'srcset', value: url });
  }
  if (tag === 'meta') {
    const kind = attribute(element, 'property') ?? attribute(element, 'name') ?? '';
    const content = attribute(element, 'content');
    if (URL_META.has(kind) && content !== undefined)
      found.push({ element: tag, attribute: 'content', value: content });
  }
  return found;
}

/**
 * Every address the page refers to (links, stylesheets, scripts, images and their srcset
 * candidates, media, frames, Open Graph images), as written (entities decoded), in document
 * order. Forms are not followed: their actions need the live site.
 */
export function htmlReferences(html: string): HtmlReference[] {
  const document = parse(html);
  const found: HtmlReference[] = [];
  for (const element of elements(document)) found.push(...referencesOf(element));
  return found;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

/**
 * The page with the single-address attributes (`href`, `src`… as in htmlReferences; not
 * srcset) for which `rewrite` returns a new value replaced by it: the attribute's text
 * (`href="…"`) is spliced at the offsets parse5 reports, so nothing else changes. Returns the
 * page itself when nothing was rewritten.
 */
export function rewriteHtmlReferences(
  html: string,
  rewrite: (reference: HtmlReference) => string | null,
): string {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const element of elements(document)) {
    const locations = element.sourceCodeLocation?.attrs;
    if (!locations) continue;
    for (const name of URL_ATTRIBUTES[element.tagName] ?? []) {
      const value = attribute(element, name);
      const location = Object.hasOwn(locations, name) ? locations[name] : undefined;
      if (value === undefined || !location) continue;
      const replaced = rewrite({ element: element.tagName, attribute: name, value });
      if (replaced === null || replaced === value) continue;
      edits.push({
        start: location.startOffset,
        end: location.endOffset,
        text: `${name}="${escapeAttribute(replaced)}"`,
      });
    }
  }
  if (edits.length === 0) return html;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}

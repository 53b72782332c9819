/**
 * The hast half of the WordPress content conversion: parsing a fragment, the nesting check,
 * plain text, and the sanitized copy of what we keep aside. All walks are iterative.
 */
import type { Element, ElementContent, Nodes, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

const parser = unified().use(rehypeParse, { fragment: true });

/** GitHub's default schema, with `style` (like `script`) dropped with its contents. */
const keptSchema = { ...defaultSchema, strip: [...(defaultSchema.strip ?? []), 'style'] };
const sanitizer = unified().use(rehypeSanitize, keptSchema).use(rehypeStringify);

/** Parses an HTML fragment. @throws Error when it nests deeper than `maxDepth`. */
export function parseFragment(html: string, maxDepth: number): Root {
  const root = parser.parse(html);
  const work: [Nodes, number][] = [[root, 0]];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    const [node, depth] = next;
    if (depth > maxDepth)
      throw new Error(`The HTML is nested deeper than ${maxDepth} levels (the nesting limit)`);
    if ('children' in node) for (const child of node.children) work.push([child, depth + 1]);
  }
  return root;
}

const NO_TEXT = new Set(['script', 'style', 'template', 'noscript']);

/** The text of a node, without script/style contents; whitespace collapsed. */
export function plainText(node: Nodes): string {
  let out = '';
  const work: Nodes[] = [node];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    if (next.type === 'text') out += next.value;
    else if (next.type === 'element' && NO_TEXT.has(next.tagName)) continue;
    else if ('children' in next)
      for (let i = next.children.length - 1; i >= 0; i--) {
        const child = next.children[i];
        if (child !== undefined) work.push(child);
      }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** `node` (or the HTML `html`) through rehype-sanitize's default schema, as HTML. */
export function sanitizedHtml(node: ElementContent | string): string {
  const tree: Root =
    typeof node === 'string'
      ? parser.parse(node)
      : { type: 'root', children: [structuredClone(node)] };
  return sanitizer.stringify(sanitizer.runSync(tree)).trim();
}

/** A string property of an element ('' when absent). */
export function prop(node: Element, name: string): string {
  const value = node.properties[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.join(' ');
  return '';
}

/** The first descendant elements matching `test` (not looking inside `stopAt` elements). */
export function findAll(
  node: Element | Root,
  test: (e: Element) => boolean,
  stopAt: (e: Element) => boolean = () => false,
): Element[] {
  const found: Element[] = [];
  const work: ElementContent[] = [...node.children].reverse() as ElementContent[];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    if (next.type !== 'element') continue;
    if (test(next)) found.push(next);
    else if (!stopAt(next))
      for (let i = next.children.length - 1; i >= 0; i--) {
        const child = next.children[i];
        if (child !== undefined) work.push(child);
      }
  }
  return found;
}

/** The id WordPress puts in an image's class (`wp-image-12`) or `data-id`, if any. */
export function wpImageId(img: Element): number | undefined {
  const match = /(?:^|\s)wp-image-(\d{1,12})(?:\s|$)/.exec(prop(img, 'className'));
  const text = match?.[1] ?? prop(img, 'dataId');
  return /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}

/** True for an http(s) URL. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/]/i.test(url.trim());
}

/**
 * Readers' comments: a Markdown subset → sanitized HTML. Paragraphs, emphasis, strong,
 * strikethrough, inline and block code, links (bare addresses too), lists and quotes; no
 * images (their alt text stays), no headings (their text becomes a paragraph), no tables, no
 * directives, and raw HTML is shown as the text it is. Whatever the tree holds, rehype-sanitize
 * with a strict allowlist runs last, links keep only http, https and mailto targets (a
 * `javascript:` link loses its target and is plain text) and carry rel="nofollow ugc noopener".
 *
 * Parsed inline, in the calling thread, because it is bounded: a comment is at most 5,000
 * characters (COMMENT_MAX_CHARS) and the same linear source scan as posts (limits.ts) refuses
 * nesting deeper than 8 and more than 200 emphasis markers in a paragraph before parsing — a
 * few milliseconds at worst. A stored text over those limits (written before them) is shown as
 * escaped plain text instead of failing the page.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Nodes, Parent, Root, RootContent } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import type { Options as Schema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { COMMENT_MAX_CHARS } from '../../domain/comments.js';
import { DomainError } from '../../domain/errors.js';
import { checkSource, checkTree, DEFAULT_CONTENT_LIMITS, measureTree } from './limits.js';
import type { ContentLimits } from './limits.js';

/** The limits of a comment's source (see the module comment). */
export const COMMENT_LIMITS: ContentLimits = {
  ...DEFAULT_CONTENT_LIMITS,
  maxChars: COMMENT_MAX_CHARS,
  maxDepth: 8,
  maxMarkersPerParagraph: 200,
};

/** Elements a rendered comment may hold; everything else is unwrapped to its text. */
const TAGS = ['p', 'br', 'em', 'strong', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote'];

export const commentSchema: Schema = {
  tagNames: TAGS,
  attributes: { a: ['href'], ol: ['start'], code: [] },
  protocols: { href: ['http', 'https', 'mailto'] },
  clobberPrefix: 'user-content-',
  strip: defaultSchema.strip ?? ['script'],
  required: {},
  ancestors: {},
};

const parser = unified().use(remarkParse).use(remarkGfm);
const renderer = unified()
  .use(remarkRehype)
  .use(rehypeSanitize, commentSchema)
  .use(() => (tree: HastRoot) => markLinks(tree))
  .use(rehypeStringify);

/**
 * Refuses a comment's source over the limits before it is stored.
 * @throws DomainError `payload_too_large` or `too_complex`, naming the `body` field.
 */
export function checkCommentSource(markdown: string): void {
  const problem = checkSource(markdown, COMMENT_LIMITS);
  if (problem)
    throw new DomainError(problem.code, `body: ${problem.message}`, [
      { field: 'body', message: problem.message },
    ]);
}

/** A comment's Markdown as safe HTML (see the module comment); never throws on bad input. */
export function renderComment(markdown: string): string {
  const text = markdown.slice(0, COMMENT_MAX_CHARS);
  if (checkSource(text, COMMENT_LIMITS)) return plainParagraphs(text);
  const tree = parser.parse(text);
  if (checkTree(measureTree(tree), COMMENT_LIMITS)) return plainParagraphs(text);
  narrow(tree);
  const hast = renderer.runSync(tree);
  return renderer.stringify(hast);
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function plainParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The text of a node and everything in it (tables, headings kept as words). */
function textOf(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) continue;
    if ('value' in current && typeof current.value === 'string') parts.push(current.value);
    else if (current.type === 'image' || current.type === 'imageReference')
      parts.push(current.alt ?? '');
    if ('children' in current) for (const c of [...current.children].reverse()) stack.push(c);
  }
  return parts.join('');
}

/** Parents whose children are blocks (HTML there is a block of its own). */
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem']);

/**
 * Rewrites the tree into the subset, without recursion: headings → paragraphs, raw HTML →
 * text, images → their alt text, tables → one paragraph per row, footnotes and rules dropped
 * (link definitions stay: they produce nothing and reference links need them).
 */
function narrow(root: Root): void {
  const stack: Parent[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop();
    if (!parent) continue;
    const next: RootContent[] = [];
    for (const child of parent.children) {
      switch (child.type) {
        case 'heading':
          next.push({ type: 'paragraph', children: child.children });
          break;
        case 'html':
          // Block-level HTML becomes a paragraph of its text; inline HTML stays inline text.
          next.push(
            BLOCK_PARENTS.has(parent.type)
              ? { type: 'paragraph', children: [{ type: 'text', value: child.value }] }
              : { type: 'text', value: child.value },
          );
          break;
        case 'image':
        case 'imageReference':
          if (child.alt) next.push({ type: 'text', value: child.alt });
          break;
        case 'table':
          for (const row of child.children)
            next.push({
              type: 'paragraph',
              children: [{ type: 'text', value: row.children.map(textOf).join(' | ') }],
            });
          break;
        case 'footnoteReference':
        case 'footnoteDefinition':
        case 'thematicBreak':
          break;
        case 'listItem':
          next.push({ ...child, checked: null });
          break;
        default:
          next.push(child);
      }
    }
    parent.children = next;
    for (const child of next) if ('children' in child) stack.push(child);
  }
}

/** Every remaining link: rel="nofollow ugc noopener" (the sanitizer already vetted its target). */
function markLinks(tree: HastRoot): void {
  const stack: (HastRoot | Element)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    for (const child of node.children as (ElementContent | Element)[]) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'a' && child.properties.href)
        child.properties.rel = ['nofollow', 'ugc', 'noopener'];
      stack.push(child);
    }
  }
}

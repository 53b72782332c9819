/**
 * Document → sanitized HTML: remark-rehype with our handlers for directives, images and raw
 * HTML, then rehype-sanitize (see sanitize-schema.ts), then rehype-stringify. Raw HTML is never
 * allowed through (`allowDangerousHtml` stays off everywhere). The marks of a rendered
 * translation (`data.hProperties` lang/dir/className set by domain/units applyUnits) reach
 * paragraphs, headings, list items, table cells and blockquotes through remark-rehype's own
 * `applyData`; our directive handlers copy them explicitly (see `withMarks`).
 */
import type { Element, ElementContent, Root as HastRoot, Nodes as HastNodes } from 'hast';
import type { Html, Image, Nodes, Parents, Root, RootContent } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import type { Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import type { RenderContext } from '../../services/ports.js';
import { OUTDATED_CLASS } from '../../domain/units/index.js';
import { figureParts, isKnownDirective, isLabelParagraph, resolveVideo } from './directives.js';
import {
  htmlAsText,
  literalContainerDirective,
  literalLeafDirective,
  literalTextDirective,
} from './render-literal.js';
import {
  renderAttachment,
  renderFigure,
  renderImage,
  type ConvertChildren,
} from './render-media.js';
import { directiveProblem, videoPlaceholder } from './render-video.js';
import { sanitizeSchema } from './sanitize-schema.js';
import { isRoot, type ContainerDirective, type LeafDirective, type TextDirective } from './tree.js';

type Handlers = NonNullable<RemarkRehypeOptions['handlers']>;
type State = Parameters<NonNullable<Handlers['paragraph']>>[0];

function converter(state: State): ConvertChildren {
  return (nodes: RootContent[]) => state.all({ type: 'root', children: nodes });
}

/**
 * Copies a node's translation marks (`lang`, `dir`, the outdated class) onto the element our own
 * handler built for it, keeping the element's classes; remark-rehype does this only for the
 * nodes it renders itself.
 */
function withMarks<T extends ElementContent | ElementContent[]>(
  result: T,
  node: Nodes | undefined,
): T {
  const marks = node?.data?.hProperties;
  if (marks === undefined || Array.isArray(result) || result.type !== 'element') return result;
  const { lang, dir, className } = marks;
  if (typeof lang === 'string') result.properties.lang = lang;
  if (typeof dir === 'string') result.properties.dir = dir;
  if (Array.isArray(className) && className.includes(OUTDATED_CLASS)) {
    const existing = result.properties.className;
    const classes = Array.isArray(existing) ? existing.filter((c) => c !== OUTDATED_CLASS) : [];
    result.properties.className = [...classes, OUTDATED_CLASS];
  }
  return result;
}

/** A figure: its own marks (alt text), and the caption's marks on `<figcaption>`. */
function figure(
  node: LeafDirective | ContainerDirective,
  context: RenderContext,
  convert: ConvertChildren,
): Element {
  const element = withMarks(renderFigure(node, context, convert), node);
  if (node.type !== 'containerDirective') return element;
  const caption = figureParts(node).caption;
  const only = caption.length === 1 ? caption[0] : undefined;
  // A one-paragraph caption is unwrapped into <figcaption>: move its marks there.
  if (only?.type !== 'paragraph') return element;
  const source = only.data?.hProperties === undefined ? node.children.find(isLabelParagraph) : only;
  for (const child of element.children) {
    if (child.type === 'element' && child.tagName === 'figcaption') withMarks(child, source);
  }
  return element;
}

function leafDirective(
  state: State,
  node: LeafDirective,
  context: RenderContext,
): ElementContent | ElementContent[] {
  const convert = converter(state);
  if (!isKnownDirective(node)) return withMarks(literalLeafDirective(node, convert), node);
  if (node.name === 'video') {
    const video = resolveVideo(node);
    return withMarks(
      'problem' in video ? directiveProblem(video.problem) : videoPlaceholder(video),
      node,
    );
  }
  if (node.name === 'attachment') return withMarks(renderAttachment(node, context, convert), node);
  return figure(node, context, convert);
}

function handlersFor(context: RenderContext): Handlers {
  return {
    leafDirective: (state: State, node: LeafDirective) => leafDirective(state, node, context),
    containerDirective: (state: State, node: ContainerDirective) =>
      isKnownDirective(node)
        ? figure(node, context, converter(state))
        : literalContainerDirective(node, converter(state)),
    textDirective: (state: State, node: TextDirective) =>
      literalTextDirective(node, converter(state)),
    image: (_state: State, node: Image) => renderImage(node, context),
    html: (_state: State, node: Html, parent: Parents | undefined) => htmlAsText(node, parent),
  };
}

function collectIds(node: HastNodes, ids: Set<string>): void {
  if (node.type === 'element' && typeof node.properties.id === 'string')
    ids.add(node.properties.id);
  if ('children' in node) for (const child of node.children) collectIds(child, ids);
}

function forEachElement(node: HastNodes, visit: (element: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const child of node.children) forEachElement(child, visit);
}

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * After sanitizing, ids carry the `user-content-` prefix but in-page links (footnotes) still say
 * `#fn-1`. Point such links at the prefixed id when that element exists, as GitHub does in JS.
 */
function inPageLinks() {
  return (tree: HastRoot): undefined => {
    const ids = new Set<string>();
    collectIds(tree, ids);
    const prefix = sanitizeSchema.clobberPrefix ?? '';
    forEachElement(tree, (element) => {
      const href = element.properties.href;
      if (element.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const target = safeDecode(href.slice(1));
      if (!ids.has(target) && ids.has(prefix + target)) {
        element.properties.href = `#${prefix}${target}`;
      }
    });
  };
}

/** Renders a stored document to sanitized HTML, resolving media through `context`. */
export function renderDocument(root: Root, context: RenderContext): string {
  if (!isRoot(root)) return '';
  const processor = unified()
    .use(remarkRehype, { handlers: handlersFor(context), clobberPrefix: '' })
    .use(rehypeSanitize, sanitizeSchema)
    .use(inPageLinks)
    .use(rehypeStringify);
  const tree = processor.runSync(root);
  return processor.stringify(tree);
}

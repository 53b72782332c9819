/**
 * Small helpers over the mdast tree shared by parsing, validation and rendering, so that no
 * module needs a tree-walking dependency of its own.
 */
import type { Nodes, Root } from 'mdast';
import type {} from 'remark-directive';

/** `::name[label]{attrs}` on a line of its own. */
export type LeafDirective = Extract<Nodes, { type: 'leafDirective' }>;
/** `:::name{attrs}` … `:::` wrapping block content. */
export type ContainerDirective = Extract<Nodes, { type: 'containerDirective' }>;
/** `:name[label]{attrs}` inside a paragraph (also what `10:30` parses into). */
export type TextDirective = Extract<Nodes, { type: 'textDirective' }>;
/** Any of the three directive forms. */
export type Directive = LeafDirective | ContainerDirective | TextDirective;

/** The children of a node, first to last (none for leaves). */
function childrenOf(node: Nodes): readonly Nodes[] {
  return 'children' in node && Array.isArray(node.children) ? node.children : [];
}

/**
 * Calls `visit` on `node` and every descendant, in document order. Iterative (an explicit
 * stack), so no depth of tree can overflow the call stack.
 */
export function walk(node: Nodes, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    visit(current);
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
}

/** True for the three directive node types. */
export function isDirective(node: Nodes): node is Directive {
  return (
    node.type === 'leafDirective' ||
    node.type === 'containerDirective' ||
    node.type === 'textDirective'
  );
}

/** A directive attribute as a trimmed string, or undefined when absent or empty. */
export function attribute(directive: Directive, name: string): string | undefined {
  const attributes = directive.attributes;
  if (attributes === null || attributes === undefined || typeof attributes !== 'object') {
    return undefined;
  }
  const value: unknown = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Text content of a node (alt text, labels), like `mdast-util-to-string` without the
 * dependency. Iterative, like `walk`.
 */
export function plainText(node: Nodes): string {
  const parts: string[] = [];
  walk(node, (current) => {
    if ('value' in current && typeof current.value === 'string') parts.push(current.value);
    else if (current.type === 'image') parts.push(current.alt ?? '');
  });
  return parts.join('');
}

/**
 * Deep copy of a freshly parsed tree without `position` fields, so it stores compactly as JSON.
 * JSON.stringify recurses: call it only on a tree whose depth `checkTree` (limits.ts) accepted.
 */
export function withoutPositions(root: Root): Root {
  const json = JSON.stringify(root, (key, value: unknown) =>
    key === 'position' ? undefined : value,
  );
  const copy: unknown = JSON.parse(json);
  return isRoot(copy) ? copy : { type: 'root', children: [] };
}

/** Structural check that a value (e.g. parsed from stored JSON) is an mdast root. */
export function isRoot(value: unknown): value is Root {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'root' &&
    'children' in value &&
    Array.isArray(value.children)
  );
}

/** The media id in `media:ID` (image URLs and attributes alike), or undefined. */
export function mediaIdFromUrl(url: string): string | undefined {
  const match = /^media:(.+)$/i.exec(url.trim());
  const id = match?.[1]?.trim();
  return id === undefined || id === '' ? undefined : id;
}

/** A `media` attribute value, accepting both `ID` and `media:ID`. */
export function mediaIdFromAttribute(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return mediaIdFromUrl(value) ?? value;
}

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

/** Calls `visit` on `node` and every descendant, in document order. */
export function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node && Array.isArray(node.children)) {
    for (const child of node.children) walk(child, visit);
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

/** Text content of a node (alt text, labels), like `mdast-util-to-string` without the dependency. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node && Array.isArray(node.children)) {
    return node.children.map((child: Nodes) => plainText(child)).join('');
  }
  return '';
}

/** Deep copy of a freshly parsed tree without `position` fields, so it stores compactly as JSON. */
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

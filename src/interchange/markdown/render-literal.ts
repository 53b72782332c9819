/**
 * What renders when Markdown looks like something we do not support, so that no text vanishes:
 * unknown directives (remark-directive reads `10:30` as text `1` + directive `:30`) come back as
 * their source text, and raw HTML shows as text instead of being interpreted.
 */
import type { ElementContent } from 'hast';
import type { Html, Parents, RootContent } from 'mdast';
import { isLabelParagraph } from './directives.js';
import { el, text } from './hast.js';
import type { ConvertChildren } from './render-media.js';
import type { ContainerDirective, Directive, LeafDirective, TextDirective } from './tree.js';

function attributeSource(directive: Directive): string {
  const attributes = directive.attributes;
  if (attributes === null || attributes === undefined) return '';
  const parts = Object.entries(attributes).flatMap(([key, value]) => {
    if (typeof value !== 'string') return [];
    if (value === '') return [key];
    return [value.includes('"') ? `${key}='${value}'` : `${key}="${value}"`];
  });
  return parts.length === 0 ? '' : `{${parts.join(' ')}}`;
}

/** `:name[label]{attrs}` rebuilt from an unknown text directive, label formatting kept. */
export function literalTextDirective(
  node: TextDirective,
  convert: ConvertChildren,
): ElementContent[] {
  const attributes = attributeSource(node);
  if (node.children.length === 0) return [text(`:${node.name}${attributes}`)];
  return [text(`:${node.name}[`), ...convert(node.children), text(`]${attributes}`)];
}

/** `<p>::name[label]{attrs}</p>` for an unknown leaf directive. */
export function literalLeafDirective(
  node: LeafDirective,
  convert: ConvertChildren,
): ElementContent {
  const attributes = attributeSource(node);
  const children: ElementContent[] =
    node.children.length === 0
      ? [text(`::${node.name}${attributes}`)]
      : [text(`::${node.name}[`), ...convert(node.children), text(`]${attributes}`)];
  return el('p', {}, children);
}

/** An unknown container: its fences as text paragraphs around its rendered content. */
export function literalContainerDirective(
  node: ContainerDirective,
  convert: ConvertChildren,
): ElementContent[] {
  const attributes = attributeSource(node);
  const label = node.children.find(isLabelParagraph);
  const opening: ElementContent[] =
    label === undefined
      ? [text(`:::${node.name}${attributes}`)]
      : [text(`:::${node.name}[`), ...convert(label.children), text(`]${attributes}`)];
  const body: RootContent[] = node.children.filter((child): boolean => !isLabelParagraph(child));
  return [el('p', {}, opening), ...convert(body), el('p', {}, [text(':::')])];
}

const BLOCK_PARENTS = new Set([
  'root',
  'blockquote',
  'listItem',
  'footnoteDefinition',
  'containerDirective',
]);

/**
 * Raw HTML is never interpreted. Comments (authors' notes) are dropped; anything else is shown as
 * text, in `<pre><code>` when it was a block, so the author sees it is not supported.
 */
export function htmlAsText(node: Html, parent: Parents | undefined): ElementContent | undefined {
  const value = node.value;
  if (/^\s*<!--[\s\S]*-->\s*$/.test(value)) return undefined;
  if (parent === undefined || BLOCK_PARENTS.has(parent.type)) {
    return el('pre', {}, [el('code', {}, [text(value)])]);
  }
  return text(value);
}

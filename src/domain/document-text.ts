/**
 * The plain text of a stored document (mdast), for the search index: the words readers can
 * read, without markup. Inline content is joined as written; blocks (paragraphs, headings,
 * list items, table cells, code blocks) are separated by newlines so words never run together.
 * Raw HTML and directive attributes (embed URLs, media ids) are not text and are left out.
 */
import type { Nodes, Root } from 'mdast';

/** Node types whose children are inline content, joined without separators. */
const inlineParents = new Set<string>([
  'paragraph',
  'heading',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'textDirective',
]);

/** Leaf types whose `value` is text a reader reads. */
const textLeaves = new Set<string>(['text', 'inlineCode', 'code']);

/** Plain text of `root`, blocks separated by "\n". */
export function documentText(root: Root): string {
  return textOf(root).trim();
}

function textOf(node: Nodes): string {
  if (textLeaves.has(node.type)) return 'value' in node ? node.value : '';
  if (node.type === 'break') return '\n';
  if (!('children' in node) || !Array.isArray(node.children)) return '';
  const children: Nodes[] = node.children;
  const parts = children.map(textOf);
  if (inlineParents.has(node.type)) return parts.join('');
  return parts.filter((part) => part.trim() !== '').join('\n');
}

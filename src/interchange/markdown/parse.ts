/** Markdown (GFM + directives) → the stored document: an mdast Root without positions. */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { withoutPositions } from './tree.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/** Parses Markdown into a JSON-serializable mdast Root (no `position` fields). */
export function parseMarkdown(markdown: string): Root {
  return withoutPositions(parser.parse(markdown));
}

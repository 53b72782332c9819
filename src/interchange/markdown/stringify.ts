/**
 * The stored document (mdast) back to Markdown with our directives, for exports: remark-stringify
 * with the same GFM and directive extensions the parser reads, so parsing the output gives the
 * same document (checked in stringify.test.ts). Marks that only rendering uses (`data`) are
 * ignored.
 */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { checkTree, DEFAULT_CONTENT_LIMITS, limitError, measureTree } from './limits.js';

const writer = unified()
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-', fences: true });

/**
 * Markdown for `root`, in the calling thread (documents are bounded by the content limits,
 * checked here again).
 * @throws DomainError `too_complex` for a tree past the limits.
 */
export function stringifyMarkdown(root: Root): string {
  const problem = checkTree(measureTree(root), DEFAULT_CONTENT_LIMITS);
  if (problem) throw limitError(problem);
  return writer.stringify(root);
}

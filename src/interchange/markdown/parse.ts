/** Markdown (GFM + directives) → the stored document: an mdast Root without positions. */
import type { Parent, PhrasingContent, Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import {
  checkSource,
  checkTree,
  DEFAULT_CONTENT_LIMITS,
  limitError,
  measureTree,
  type ContentLimits,
} from './limits.js';
import { withoutPositions } from './tree.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/**
 * Parses Markdown into a JSON-serializable mdast Root (no `position` fields), in the calling
 * thread: the content format runs it in a worker (pool.ts), which also bounds its time.
 * @throws DomainError `payload_too_large` or `too_complex` naming the limit (see limits.ts),
 *   from the source check before parsing and from the tree check after.
 */
export function parseMarkdown(
  markdown: string,
  limits: ContentLimits = DEFAULT_CONTENT_LIMITS,
): Root {
  const before = checkSource(markdown, limits);
  if (before) throw limitError(before);
  const tree = parser.parse(markdown);
  const after = checkTree(measureTree(tree), limits);
  if (after) throw limitError(after);
  const root = withoutPositions(tree);
  restoreTimes(root);
  return root;
}

/**
 * remark-directive reads the `:30` of "2:12:30" or "10:30" as a text directive named "30".
 * A bare directive whose name is only digits is always prose: it goes back to text (merged
 * with its neighbours), so translators never see a time as an inline code.
 */
function isBareNumberDirective(node: PhrasingContent | Parent): node is TextDirective {
  return (
    node.type === 'textDirective' &&
    'name' in node &&
    /^\d+$/.test(node.name) &&
    node.children.length === 0 &&
    Object.keys(node.attributes ?? {}).length === 0
  );
}

function restoreTimes(node: Root | Parent): void {
  const children = node.children as (PhrasingContent | Parent)[];
  let changed = false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!child) continue;
    if (isBareNumberDirective(child)) {
      children[i] = { type: 'text', value: `:${child.name}` };
      changed = true;
    } else if ('children' in child) {
      restoreTimes(child);
    }
  }
  if (!changed) return;
  const merged: (PhrasingContent | Parent)[] = [];
  for (const child of children) {
    const last = merged.at(-1);
    if (child.type === 'text' && last?.type === 'text' && 'value' in child && 'value' in last) {
      (last as { value: string }).value += (child as { value: string }).value;
    } else merged.push(child);
  }
  node.children = merged as typeof node.children;
}

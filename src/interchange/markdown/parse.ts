/** Markdown (GFM + directives) → the stored document: an mdast Root without positions. */
import type { Parent, PhrasingContent, Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { withoutPositions } from './tree.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/** Parses Markdown into a JSON-serializable mdast Root (no `position` fields). */
export function parseMarkdown(markdown: string): Root {
  const root = withoutPositions(parser.parse(markdown));
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

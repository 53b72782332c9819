/**
 * The block editor's serialization: `<!-- wp:name {"json":"attrs"} -->` … `<!-- /wp:name -->`
 * and self-closing `<!-- wp:name /-->` comments delimit blocks around their HTML. One pass
 * (each comment found with indexOf, its body matched anchored), nesting bounded.
 */

export interface WpBlock {
  /** Without the `core/` prefix: `paragraph`, `image`, `jetpack/contact-form`, … */
  name: string;
  attrs: Record<string, unknown>;
  /** HTML strings and inner blocks, in order. */
  children: (string | WpBlock)[];
  /** The opening comment as written (for reports). */
  opener: string;
}

const COMMENT_BODY =
  /^\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(?:(\{[\s\S]*\})\s+)?(\/)?$/;

/** The longest attribute JSON parsed; longer attributes are ignored. */
const MAX_ATTRS = 64 * 1024;

function parseAttrs(json: string | undefined): Record<string, unknown> {
  if (json === undefined || json.length > MAX_ATTRS) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** True when `html` holds block delimiters. */
export function hasBlocks(html: string): boolean {
  return /<!--\s+wp:[a-z]/.test(html);
}

/**
 * Parses block markup into top-level HTML strings and blocks. An unmatched closer is ignored;
 * blocks still open at the end are closed there.
 * @throws Error when blocks nest deeper than `maxDepth`.
 */
export function parseBlocks(html: string, maxDepth: number): (string | WpBlock)[] {
  const top: (string | WpBlock)[] = [];
  const stack: WpBlock[] = [];
  const add = (node: string | WpBlock) => {
    const parent = stack.at(-1);
    if (typeof node === 'string' && node === '') return;
    (parent === undefined ? top : parent.children).push(node);
  };
  let pos = 0;
  let start = html.indexOf('<!--');
  while (start !== -1) {
    const end = html.indexOf('-->', start + 4);
    if (end === -1) break;
    const body = html.slice(start + 4, end);
    const match = COMMENT_BODY.exec(body);
    if (match === null) {
      start = html.indexOf('<!--', end + 3);
      continue;
    }
    add(html.slice(pos, start));
    pos = end + 3;
    const [, closer, rawName = '', json, selfClosing] = match;
    const name = rawName.replace(/^core\//, '');
    if (closer !== undefined) {
      const at = stack.map((b) => b.name).lastIndexOf(name);
      if (at !== -1) stack.length = at;
    } else {
      const block: WpBlock = {
        name,
        attrs: parseAttrs(json),
        children: [],
        opener: html.slice(start, Math.min(end + 3, start + 1000)),
      };
      add(block);
      if (selfClosing === undefined) {
        if (stack.length >= maxDepth)
          throw new Error(`Blocks are nested deeper than ${maxDepth} levels (the nesting limit)`);
        stack.push(block);
      }
    }
    start = html.indexOf('<!--', pos);
  }
  add(html.slice(pos));
  return top;
}

/** A block's inner HTML with the delimiters of its inner blocks removed. */
export function blockHtml(block: WpBlock): string {
  // Iterative: the tree is bounded, but this keeps it so whatever the caller passes.
  let out = '';
  const work: (string | WpBlock)[] = [...block.children].reverse();
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    if (typeof next === 'string') out += next;
    else for (let i = next.children.length - 1; i >= 0; i--) work.push(next.children[i] ?? '');
  }
  return out;
}

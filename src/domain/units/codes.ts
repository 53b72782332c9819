/**
 * Inline mdast ↔ tagged nodes. Formatting that wraps text (strong, emphasis, delete, link,
 * linkReference) becomes a paired `pc` code whose content is translated; everything else that is
 * not text (inline code, breaks, images, footnote references, text directives, raw HTML) becomes a
 * standalone `ph` code that is kept whole. Decoding rebuilds every code from the SOURCE node with
 * that id, so only text and the order and nesting of codes come from a translation.
 */
import type { Definition, Nodes, PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-directive';
import type { CodeInfo, TaggedNode } from './types.js';

/** A source inline node that can be wrapped around translated text. */
export type PairedNode = Extract<
  PhrasingContent,
  { type: 'strong' | 'emphasis' | 'delete' | 'link' | 'linkReference' }
>;

const PAIRED = new Set<string>(['strong', 'emphasis', 'delete', 'link', 'linkReference']);
const LINKS = new Set<string>(['link', 'linkReference']);

/** True for nodes that become `pc` codes. */
export function isPaired(node: PhrasingContent): node is PairedNode {
  return PAIRED.has(node.type);
}

/** True for the code types that must never nest inside one another (an `<a>` in an `<a>`). */
export function isLinkType(type: string): boolean {
  return LINKS.has(type);
}

/** Link reference definitions by identifier, so a `[text][ref]` chip can show its url. */
export type Definitions = ReadonlyMap<string, Definition>;

/** Collects the document's link reference definitions (used only for labels). */
export function definitionsOf(root: Root): Definitions {
  const found = new Map<string, Definition>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition' && !found.has(node.identifier)) found.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return found;
}

function shorten(text: string, max = 60): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

function inlineText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'text' || node.type === 'inlineCode') return node.value;
      if ('children' in node) return inlineText(node.children);
      return '';
    })
    .join('');
}

/** The chip label of a source inline node. */
export function codeLabel(node: PhrasingContent, definitions: Definitions): string {
  switch (node.type) {
    case 'strong':
      return 'bold';
    case 'emphasis':
      return 'italic';
    case 'delete':
      return 'strikethrough';
    case 'link':
      return `link → ${shorten(node.url)}`;
    case 'linkReference': {
      const url = definitions.get(node.identifier)?.url;
      return `link → ${shorten(url ?? `[${node.label ?? node.identifier}]`)}`;
    }
    case 'inlineCode':
      return `code: ${shorten(node.value)}`;
    case 'break':
      return 'line break';
    case 'image':
      return `image: ${shorten(node.alt || node.url)}`;
    case 'imageReference':
      return `image: ${shorten(node.alt || `[${node.label ?? node.identifier}]`)}`;
    case 'footnoteReference':
      return `footnote: ${shorten(node.label ?? node.identifier)}`;
    case 'textDirective': {
      const label = inlineText(node.children);
      return `text: :${node.name}${label === '' ? '' : `[${shorten(label, 40)}]`}`;
    }
    case 'html':
      return `html: ${shorten(node.value, 40)}`;
    default:
      return node.type;
  }
}

/** A unit's inline content as tagged nodes, with what each code id stands for. */
export interface EncodedInline {
  nodes: TaggedNode[];
  codes: Record<string, CodeInfo>;
  /** The source node of each code id (the very objects of the tree that was encoded). */
  sources: Map<string, PhrasingContent>;
}

/** Encodes inline content, numbering codes "1", "2"… in document order (opening tags first). */
export function encodeInline(
  children: readonly PhrasingContent[],
  definitions: Definitions,
): EncodedInline {
  const codes: Record<string, CodeInfo> = {};
  const sources = new Map<string, PhrasingContent>();
  let next = 1;
  const encode = (nodes: readonly PhrasingContent[]): TaggedNode[] =>
    nodes.map((node): TaggedNode => {
      if (node.type === 'text') return { type: 'text', value: node.value };
      const id = String(next++);
      sources.set(id, node);
      const label = codeLabel(node, definitions);
      if (isPaired(node)) {
        codes[id] = { kind: 'pc', type: node.type, label };
        return { type: 'pc', id, children: encode(node.children) };
      }
      codes[id] = { kind: 'ph', type: node.type, label };
      return { type: 'ph', id };
    });
  return { nodes: encode(children), codes, sources };
}

function pushText(out: PhrasingContent[], value: string): void {
  if (value === '') return;
  const last = out.at(-1);
  if (last?.type === 'text') {
    out[out.length - 1] = { type: 'text', value: last.value + value };
  } else {
    out.push({ type: 'text', value });
  }
}

/**
 * Rebuilds inline content from tagged nodes and the source nodes of a unit. A `pc` becomes a copy
 * of its source node (url, title… kept) around the decoded children; a `ph` becomes its source
 * node itself. Codes the source does not have, or used as the wrong kind, are dropped (their text
 * kept), and a link inside a link is unwrapped, so decoding never invents a node; the blocking
 * checks (checkTarget) refuse such text before it is saved.
 */
export function decodeInline(
  nodes: readonly TaggedNode[],
  sources: ReadonlyMap<string, PhrasingContent>,
): PhrasingContent[] {
  const decode = (tagged: readonly TaggedNode[], inLink: boolean): PhrasingContent[] => {
    const out: PhrasingContent[] = [];
    for (const node of tagged) {
      if (node.type === 'text') {
        pushText(out, node.value);
        continue;
      }
      const source = sources.get(node.id);
      if (node.type === 'ph') {
        if (source !== undefined && !isPaired(source)) out.push(source);
        continue;
      }
      const usable =
        source !== undefined && isPaired(source) && !(inLink && isLinkType(source.type));
      const children = decode(node.children, inLink || (usable && isLinkType(source.type)));
      if (usable) {
        out.push({ ...source, children });
      } else {
        for (const child of children) {
          if (child.type === 'text') pushText(out, child.value);
          else out.push(child);
        }
      }
    }
    return out;
  };
  return decode(nodes, false);
}

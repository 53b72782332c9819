/**
 * The walk shared by extraction and application: every translatable place of a document, with
 * its unit (path, kind, tagged text, codes), a way to write a tagged text back into that place,
 * and the block that carries the rendering marks. Extraction reads the units; applyUnits walks a
 * copy of the document and writes into it, so both always agree on paths and code ids.
 */
import type {
  BlockContent,
  DefinitionContent,
  List,
  ListItem,
  Nodes,
  Paragraph,
  PhrasingContent,
  RootContent,
} from 'mdast';
import type {} from 'mdast-util-directive';
import { decodeInline, definitionsOf, encodeInline, type Definitions } from './codes.js';
import { escapeTagged, parseTagged, serializeTagged } from './tagged.js';
import type { PostDocument, SourceUnit, TaggedNode, UnitKind } from './types.js';

/** One translatable place of a document. */
export interface UnitSlot {
  unit: SourceUnit;
  /** Writes a tagged text into the place; text that does not parse leaves the source. */
  write(tagged: string): void;
  /** The node whose `data.hProperties` shows the unit's language and state, if any. */
  markTarget?: Nodes;
}

type LeafDirective = Extract<Nodes, { type: 'leafDirective' }>;
type ContainerDirective = Extract<Nodes, { type: 'containerDirective' }>;
type Directive = LeafDirective | ContainerDirective;
/** A node whose children are a unit's inline content. */
type PhrasingParent = Extract<Nodes, { children: PhrasingContent[] }>;

function taggedText(nodes: readonly TaggedNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.value;
      return node.type === 'pc' ? taggedText(node.children) : '';
    })
    .join('');
}

function tryParse(tagged: string): TaggedNode[] | undefined {
  try {
    return parseTagged(tagged);
  } catch {
    return undefined;
  }
}

function isLabelParagraph(node: RootContent): node is Paragraph {
  return node.type === 'paragraph' && node.data !== undefined && 'directiveLabel' in node.data;
}

/** True when remark-rehype renders the list's paragraphs without `<p>` (a tight list). */
function isTight(list: List): boolean {
  if (list.spread === true) return false;
  return list.children.every((item: ListItem) =>
    item.spread === null || item.spread === undefined ? item.children.length <= 1 : !item.spread,
  );
}

class Walker {
  readonly slots: UnitSlot[] = [];
  private readonly definitions: Definitions;

  constructor(private readonly doc: PostDocument) {
    this.definitions = definitionsOf(doc.body);
  }

  run(): UnitSlot[] {
    this.field('title', 'title', this.doc.title, (value) => (this.doc.title = value));
    this.field('excerpt', 'excerpt', this.doc.excerpt, (value) => (this.doc.excerpt = value));
    this.blocks(this.doc.body.children, 'b', 'paragraph', undefined);
    return this.slots;
  }

  /** A plain-text unit (title, excerpt, alt text, embed title): codes are never kept. */
  private field(
    path: string,
    kind: UnitKind,
    value: string | null | undefined,
    set: (value: string) => void,
    markTarget?: Nodes,
  ): void {
    if (value === null || value === undefined || value.trim() === '') return;
    this.slots.push({
      unit: { path, kind, text: escapeTagged(value), codes: {} },
      write: (tagged) => {
        const nodes = tryParse(tagged);
        if (nodes !== undefined) set(taggedText(nodes));
      },
      markTarget,
    });
  }

  /** A unit over a node's inline children, then the alt text of the images among them. */
  private phrasing(path: string, kind: UnitKind, node: PhrasingParent, markTarget: Nodes): void {
    const encoded = encodeInline(node.children, this.definitions);
    if (taggedText(encoded.nodes).trim() !== '') {
      this.slots.push({
        unit: { path, kind, text: serializeTagged(encoded.nodes), codes: encoded.codes },
        write: (tagged) => {
          const nodes = tryParse(tagged);
          if (nodes !== undefined) node.children = decodeInline(nodes, encoded.sources);
        },
        markTarget,
      });
    }
    this.images(node.children, path);
  }

  private images(children: readonly PhrasingContent[], path: string): void {
    children.forEach((child, index) => {
      const at = `${path}.${index}`;
      if (child.type === 'image' || child.type === 'imageReference') {
        this.field(`${at}@alt`, 'alt', child.alt, (value) => (child.alt = value));
      } else if ('children' in child && child.type !== 'textDirective') {
        this.images(child.children, at);
      }
    });
  }

  private attribute(path: string, kind: UnitKind, node: Directive, name: string): void {
    const attributes = node.attributes;
    const value = attributes?.[name];
    this.field(
      `${path}@${name}`,
      kind,
      value,
      (next) => {
        node.attributes = { ...attributes, [name]: next };
      },
      node,
    );
  }

  /**
   * Block content: `context` is the kind of a paragraph found directly here; `itemTarget` is
   * the list item carrying the marks when the list is tight (its paragraph renders without <p>).
   */
  private blocks(
    children: readonly (RootContent | BlockContent | DefinitionContent)[],
    path: string,
    context: UnitKind,
    itemTarget: ListItem | undefined,
  ): void {
    children.forEach((child, index) => this.block(child, `${path}.${index}`, context, itemTarget));
  }

  private block(
    node: RootContent,
    path: string,
    context: UnitKind,
    itemTarget: ListItem | undefined,
  ): void {
    switch (node.type) {
      case 'paragraph':
        this.phrasing(path, context, node, itemTarget ?? node);
        return;
      case 'heading':
        this.phrasing(path, 'heading', node, node);
        return;
      case 'blockquote':
        this.blocks(node.children, path, 'blockquote', undefined);
        return;
      case 'list': {
        const tight = isTight(node);
        node.children.forEach((item, index) => {
          this.blocks(item.children, `${path}.${index}`, 'listItem', tight ? item : undefined);
        });
        return;
      }
      case 'table':
        node.children.forEach((row, r) => {
          row.children.forEach((cell, c) =>
            this.phrasing(`${path}.${r}.${c}`, 'tableCell', cell, cell),
          );
        });
        return;
      case 'footnoteDefinition':
        this.blocks(node.children, path, 'paragraph', undefined);
        return;
      case 'leafDirective':
        this.leafDirective(node, path);
        return;
      case 'containerDirective':
        this.containerDirective(node, path);
        return;
      default:
        // code, html, thematicBreak, definition, yaml: nothing to translate.
        return;
    }
  }

  private leafDirective(node: LeafDirective, path: string): void {
    const kind: UnitKind =
      node.name === 'video'
        ? 'embedTitle'
        : node.name === 'attachment' || node.name === 'figure'
          ? 'caption'
          : 'paragraph';
    this.phrasing(path, kind, node, node);
    if (node.name === 'video') this.attribute(path, 'embedTitle', node, 'title');
    if (node.name === 'figure') this.attribute(path, 'alt', node, 'alt');
  }

  private containerDirective(node: ContainerDirective, path: string): void {
    const figure = node.name === 'figure';
    const context: UnitKind = figure ? 'caption' : 'paragraph';
    if (figure) this.attribute(path, 'alt', node, 'alt');
    node.children.forEach((child, index) => {
      if (index === 0 && isLabelParagraph(child)) this.phrasing(`${path}.0`, context, child, child);
      else this.block(child, `${path}.${index}`, context, undefined);
    });
  }
}

/** Every translatable place of `doc`, in document order. `doc` is written to by `write`. */
export function unitSlots(doc: PostDocument): UnitSlot[] {
  return new Walker(doc).run();
}

import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { postDocument } from './arbitraries.testing.js';
import { applyUnits, checkTarget, extractUnits, parseTagged, serializeTagged } from './index.js';
import type { PostDocument, TaggedNode, UnitRendering } from './types.js';

function sourceTexts(doc: PostDocument): Map<string, UnitRendering> {
  return new Map(extractUnits(doc).map((unit) => [unit.path, { text: unit.text }]));
}

function collect(root: Root, pick: (node: Nodes) => string | undefined): string[] {
  const found: string[] = [];
  const visit = (node: Nodes): void => {
    const value = pick(node);
    if (value !== undefined) found.push(value);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return found.sort();
}

const linkUrls = (root: Root): string[] =>
  collect(root, (node) => (node.type === 'link' ? node.url : undefined));
const codeValues = (root: Root): string[] =>
  collect(root, (node) => (node.type === 'inlineCode' ? node.value : undefined));
const imageUrls = (root: Root): string[] =>
  collect(root, (node) => (node.type === 'image' ? node.url : undefined));
const htmlValues = (root: Root): string[] =>
  collect(root, (node) => (node.type === 'html' ? node.value : undefined));

/** A "translation" that moves codes: the unit's top-level pieces in another order. */
function permuted(nodes: TaggedNode[], order: number[]): TaggedNode[] {
  const keyed = nodes.map((node, index) => ({ node, key: order[index % order.length] ?? 0 }));
  return keyed.sort((a, b) => a.key - b.key).map(({ node }) => node);
}

describe('segmenting and reassembling', () => {
  it('gives back the same document for any generated document', () => {
    fc.assert(
      fc.property(postDocument, (doc) => {
        expect(applyUnits(doc, sourceTexts(doc))).toStrictEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('does not modify its input', () => {
    fc.assert(
      fc.property(postDocument, (doc) => {
        const before = structuredClone(doc);
        extractUnits(doc);
        applyUnits(doc, sourceTexts(doc));
        expect(doc).toStrictEqual(before);
      }),
      { numRuns: 50 },
    );
  });

  it('re-serializes every unit text to itself', () => {
    fc.assert(
      fc.property(postDocument, (doc) => {
        for (const unit of extractUnits(doc)) {
          expect(serializeTagged(parseTagged(unit.text))).toBe(unit.text);
          expect(checkTarget(unit, unit.text)).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('a translation that moves codes', () => {
  it('keeps every link url, inline code, image and raw HTML: nothing injected, nothing lost', () => {
    fc.assert(
      fc.property(
        postDocument,
        fc.array(fc.nat(20), { minLength: 1, maxLength: 8 }),
        (doc, order) => {
          const renderings = new Map<string, UnitRendering>();
          for (const unit of extractUnits(doc)) {
            const moved = serializeTagged(permuted(parseTagged(unit.text), order));
            expect(checkTarget(unit, moved)).toEqual([]);
            renderings.set(unit.path, { text: moved });
          }
          const translated = applyUnits(doc, renderings).body;
          expect(linkUrls(translated)).toEqual(linkUrls(doc.body));
          expect(codeValues(translated)).toEqual(codeValues(doc.body));
          expect(imageUrls(translated)).toEqual(imageUrls(doc.body));
          expect(htmlValues(translated)).toEqual(htmlValues(doc.body));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never lets any typed text add a link, an image or raw HTML', () => {
    const typed = fc
      .array(
        fc.constantFrom(
          '<',
          '>',
          '/',
          '"',
          '=',
          'pc',
          'ph',
          ' id',
          '1',
          '2',
          '9',
          'a',
          '&lt;',
          '<a href="x">',
          '<script>',
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(postDocument, typed, (doc, text) => {
        const renderings = new Map(extractUnits(doc).map((unit) => [unit.path, { text }]));
        const translated = applyUnits(doc, renderings).body;
        const known = (values: string[], from: string[]): boolean =>
          values.every((value) => from.includes(value));
        expect(known(linkUrls(translated), linkUrls(doc.body))).toBe(true);
        expect(known(imageUrls(translated), imageUrls(doc.body))).toBe(true);
        expect(known(htmlValues(translated), htmlValues(doc.body))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

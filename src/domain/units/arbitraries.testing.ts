/**
 * fast-check generators of mdast documents shaped like the parser's output (no positions, no
 * empty or adjacent text nodes, no link inside a link), for the units' property tests.
 */
import fc from 'fast-check';
import type {
  BlockContent,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  Table,
  TableCell,
} from 'mdast';
import type { PostDocument } from './types.js';

const tricky = ['<', '>', '&', '"', "'", '&amp;', '&lt;', '</pc>', '<ph id="1"/>', '<b>', ' '];
const scripts = ['שלום', 'مرحبا', 'Nairobi', 'naïve', '日本語', '🙂', 'x', 'word'];

/** Text with the characters that break naive escaping, RTL scripts and stray tag syntax. */
export const textValue = fc
  .array(
    fc.oneof(
      fc.constantFrom(...tricky),
      fc.constantFrom(...scripts),
      fc.string({ minLength: 1, maxLength: 6 }),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => parts.join(''))
  .filter((value) => value !== '');

const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'https://example.org/a?b=1&c=2',
    'media:img1',
    '#fn-1',
    'https://example.org/"quoted"',
  ),
);

/** Merges adjacent text nodes the way remark does, so generated trees are parser-shaped. */
export function normalizeInline(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === 'text' && last?.type === 'text') {
      out[out.length - 1] = { type: 'text', value: last.value + node.value };
    } else if ('children' in node && node.type !== 'textDirective') {
      out.push({ ...node, children: normalizeInline(node.children) });
    } else {
      out.push(node);
    }
  }
  return out;
}

function inlineOf(depth: number, inLink: boolean): fc.Arbitrary<PhrasingContent> {
  const text = textValue.map((value): PhrasingContent => ({ type: 'text', value }));
  const leaves: fc.Arbitrary<PhrasingContent>[] = [
    text,
    text,
    textValue.map((value): PhrasingContent => ({ type: 'inlineCode', value })),
    fc.constant<PhrasingContent>({ type: 'break' }),
    fc
      .record({ url, alt: fc.option(textValue, { nil: null }) })
      .map(({ url: src, alt }): PhrasingContent => ({ type: 'image', url: src, title: null, alt })),
    fc.constantFrom<PhrasingContent>(
      { type: 'html', value: '<span>' },
      { type: 'html', value: '<!-- note -->' },
    ),
  ];
  if (depth <= 0) return fc.oneof(...leaves);
  const children = inlineList(depth - 1, inLink);
  const childrenInLink = inlineList(depth - 1, true);
  const paired: fc.Arbitrary<PhrasingContent>[] = [
    children.map((c): PhrasingContent => ({ type: 'strong', children: c })),
    children.map((c): PhrasingContent => ({ type: 'emphasis', children: c })),
    children.map((c): PhrasingContent => ({ type: 'delete', children: c })),
  ];
  if (!inLink) {
    paired.push(
      fc
        .record({ url, title: fc.option(textValue, { nil: null }), children: childrenInLink })
        .map((link): PhrasingContent => ({ type: 'link', ...link })),
    );
  }
  return fc.oneof(...leaves, ...paired);
}

function inlineList(depth: number, inLink: boolean): fc.Arbitrary<PhrasingContent[]> {
  return fc.array(inlineOf(depth, inLink), { minLength: 0, maxLength: 4 }).map(normalizeInline);
}

/** Inline content of a block: at least one node, nested marks up to three deep. */
export const inline = fc
  .array(inlineOf(3, false), { minLength: 1, maxLength: 6 })
  .map(normalizeInline);

const paragraph = inline.map((children): Paragraph => ({ type: 'paragraph', children }));

function blockOf(depth: number): fc.Arbitrary<BlockContent> {
  const heading = fc
    .record({ depth: fc.constantFrom<1 | 2 | 3 | 4 | 5 | 6>(1, 2, 3, 4, 5, 6), children: inline })
    .map((h): BlockContent => ({ type: 'heading', ...h }));
  const code = textValue.map((value): BlockContent => ({
    type: 'code',
    lang: null,
    meta: null,
    value,
  }));
  const thematic = fc.constant<BlockContent>({ type: 'thematicBreak' });
  const cell = inline.map((children): TableCell => ({ type: 'tableCell', children }));
  const table = fc
    .integer({ min: 1, max: 3 })
    .chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map((rows): Table => ({
      type: 'table',
      align: rows[0]?.map(() => null) ?? [],
      children: rows.map((children) => ({ type: 'tableRow', children })),
    }));
  const simple: fc.Arbitrary<BlockContent>[] = [
    paragraph,
    paragraph,
    heading,
    code,
    thematic,
    table,
  ];
  if (depth <= 0) return fc.oneof(...simple);
  const inner = fc.array(blockOf(depth - 1), { minLength: 1, maxLength: 3 });
  const item = fc
    .record({
      spread: fc.boolean(),
      checked: fc.constantFrom(null, true, false),
      children: inner,
    })
    .map((i): ListItem => ({ type: 'listItem', ...i }));
  const list = fc
    .record({
      ordered: fc.boolean(),
      spread: fc.boolean(),
      children: fc.array(item, { minLength: 1, maxLength: 3 }),
    })
    .map((l): List => ({ type: 'list', start: l.ordered ? 1 : null, ...l }));
  const blockquote = inner.map((children): BlockContent => ({ type: 'blockquote', children }));
  return fc.oneof(...simple, list, blockquote);
}

/** A body of paragraphs, headings, lists (nested), blockquotes, tables, code and breaks. */
export const body = fc
  .array(blockOf(2), { minLength: 0, maxLength: 6 })
  .map((children): Root => ({ type: 'root', children }));

/** A whole post: title, excerpt (sometimes empty) and body. */
export const postDocument = fc
  .record(
    {
      title: textValue,
      excerpt: fc.oneof(fc.constant(''), textValue),
      body,
    },
    { noNullPrototype: true },
  )
  .map((doc): PostDocument => doc);

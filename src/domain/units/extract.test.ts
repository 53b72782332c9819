import type { Paragraph, PhrasingContent, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { extractUnits } from './index.js';
import type { PostDocument, SourceUnit } from './types.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const p = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const doc = (...children: RootContent[]): PostDocument => ({
  title: '',
  excerpt: '',
  body: { type: 'root', children },
});
const brief = (units: SourceUnit[]) => units.map(({ path, kind, text: t }) => [path, kind, t]);

describe('extractUnits: one unit per translatable block or field', () => {
  it.each<[string, PostDocument, [string, string, string][]]>([
    [
      'title and excerpt, skipping an empty excerpt',
      { title: 'Hello', excerpt: '  ', body: { type: 'root', children: [] } },
      [['title', 'title', 'Hello']],
    ],
    ['a paragraph', doc(p(text('Hi'))), [['b.0', 'paragraph', 'Hi']]],
    [
      'headings',
      doc({ type: 'heading', depth: 2, children: [text('Intro')] }),
      [['b.0', 'heading', 'Intro']],
    ],
    [
      'list items, one per paragraph, nested lists included',
      doc({
        type: 'list',
        spread: false,
        children: [
          { type: 'listItem', spread: true, children: [p(text('one')), p(text('more'))] },
          {
            type: 'listItem',
            spread: false,
            children: [
              p(text('two')),
              {
                type: 'list',
                children: [{ type: 'listItem', children: [p(text('nested'))] }],
              },
            ],
          },
        ],
      }),
      [
        ['b.0.0.0', 'listItem', 'one'],
        ['b.0.0.1', 'listItem', 'more'],
        ['b.0.1.0', 'listItem', 'two'],
        ['b.0.1.1.0.0', 'listItem', 'nested'],
      ],
    ],
    [
      'blockquote paragraphs',
      doc({ type: 'blockquote', children: [p(text('quoted')), p(text('again'))] }),
      [
        ['b.0.0', 'blockquote', 'quoted'],
        ['b.0.1', 'blockquote', 'again'],
      ],
    ],
    [
      'table cells, one unit per cell',
      doc({
        type: 'table',
        children: [
          {
            type: 'tableRow',
            children: [
              { type: 'tableCell', children: [text('a')] },
              { type: 'tableCell', children: [text('b')] },
            ],
          },
          { type: 'tableRow', children: [{ type: 'tableCell', children: [text('c')] }] },
        ],
      }),
      [
        ['b.0.0.0', 'tableCell', 'a'],
        ['b.0.0.1', 'tableCell', 'b'],
        ['b.0.1.0', 'tableCell', 'c'],
      ],
    ],
    [
      'a figure: alt attribute, then caption paragraphs',
      doc({
        type: 'containerDirective',
        name: 'figure',
        attributes: { media: 'img1', alt: 'Market at dawn' },
        children: [p(text('The market.'))],
      }),
      [
        ['b.0@alt', 'alt', 'Market at dawn'],
        ['b.0.0', 'caption', 'The market.'],
      ],
    ],
    [
      'a figure label caption',
      doc({
        type: 'containerDirective',
        name: 'figure',
        attributes: { media: 'img1', alt: 'A' },
        children: [
          { type: 'paragraph', data: { directiveLabel: true }, children: [text('Label')] },
        ],
      }),
      [
        ['b.0@alt', 'alt', 'A'],
        ['b.0.0', 'caption', 'Label'],
      ],
    ],
    [
      'a video: label and title attribute',
      doc({
        type: 'leafDirective',
        name: 'video',
        attributes: { url: 'https://youtu.be/x', title: 'Keynote' },
        children: [text('Talk')],
      }),
      [
        ['b.0', 'embedTitle', 'Talk'],
        ['b.0@title', 'embedTitle', 'Keynote'],
      ],
    ],
    [
      'an attachment label',
      doc({
        type: 'leafDirective',
        name: 'attachment',
        attributes: { media: 'pdf1' },
        children: [text('Playbook')],
      }),
      [['b.0', 'caption', 'Playbook']],
    ],
    [
      'an image: the paragraph (not only an image) and its alt',
      doc(p(text('See '), { type: 'image', url: 'media:img1', alt: 'Nairobi' })),
      [
        ['b.0', 'paragraph', 'See <ph id="1"/>'],
        ['b.0.1@alt', 'alt', 'Nairobi'],
      ],
    ],
    [
      'an image alone: only its alt',
      doc(p({ type: 'image', url: 'media:img1', alt: 'Nairobi' })),
      [['b.0.0@alt', 'alt', 'Nairobi']],
    ],
    [
      'footnote definitions as paragraphs',
      doc(p(text('Claim'), { type: 'footnoteReference', identifier: '1', label: '1' }), {
        type: 'footnoteDefinition',
        identifier: '1',
        label: '1',
        children: [p(text('Source.'))],
      }),
      [
        ['b.0', 'paragraph', 'Claim<ph id="1"/>'],
        ['b.1.0', 'paragraph', 'Source.'],
      ],
    ],
    [
      'no code blocks, raw HTML or thematic breaks',
      doc(
        { type: 'code', value: 'npm test' },
        { type: 'html', value: '<div>x</div>' },
        { type: 'thematicBreak' },
      ),
      [],
    ],
  ])('%s', (_name, input, expected) => {
    expect(brief(extractUnits(input))).toEqual(expected);
  });
});

describe('codes', () => {
  const units = extractUnits(
    doc(
      p(
        text('Join '),
        {
          type: 'link',
          url: 'https://example.org',
          children: [text('the '), { type: 'strong', children: [text('session')] }],
        },
        text(' at '),
        { type: 'inlineCode', value: 'npm test' },
        { type: 'break' },
        { type: 'emphasis', children: [text('now')] },
        { type: 'delete', children: [text('never')] },
        { type: 'image', url: 'media:img1', alt: 'Nairobi' },
        { type: 'html', value: '<kbd>' },
      ),
    ),
  );

  it('numbers codes in document order, pc for wrapping nodes and ph for the rest', () => {
    expect(units[0]?.text).toBe(
      'Join <pc id="1">the <pc id="2">session</pc></pc> at <ph id="3"/><ph id="4"/><pc id="5">now</pc><pc id="6">never</pc><ph id="7"/><ph id="8"/>',
    );
  });

  it('labels each code for the editor chip', () => {
    expect(units[0]?.codes).toEqual({
      '1': { kind: 'pc', type: 'link', label: 'link → https://example.org' },
      '2': { kind: 'pc', type: 'strong', label: 'bold' },
      '3': { kind: 'ph', type: 'inlineCode', label: 'code: npm test' },
      '4': { kind: 'ph', type: 'break', label: 'line break' },
      '5': { kind: 'pc', type: 'emphasis', label: 'italic' },
      '6': { kind: 'pc', type: 'delete', label: 'strikethrough' },
      '7': { kind: 'ph', type: 'image', label: 'image: Nairobi' },
      '8': { kind: 'ph', type: 'html', label: 'html: <kbd>' },
    });
  });

  it('labels a link reference with the url of its definition', () => {
    const [unit] = extractUnits(
      doc(
        p({
          type: 'linkReference',
          identifier: 'x',
          label: 'X',
          referenceType: 'full',
          children: [text('ref')],
        }),
        { type: 'definition', identifier: 'x', label: 'X', url: 'https://ref.example' },
      ),
    );
    expect(unit?.codes['1']?.label).toBe('link → https://ref.example');
  });
});

describe('escaping', () => {
  it('escapes &, < and > in text, titles and alt', () => {
    const units = extractUnits({
      title: 'Tom & <Jerry>',
      excerpt: '',
      body: { type: 'root', children: [p(text('a <b>bold</b> & "q" '))] },
    });
    expect(units.map((u) => u.text)).toEqual([
      'Tom &amp; &lt;Jerry&gt;',
      'a &lt;b&gt;bold&lt;/b&gt; &amp; "q" ',
    ]);
  });

  it('keeps RTL text as it is', () => {
    const [unit] = extractUnits(
      doc(p(text('שלום '), { type: 'strong', children: [text('עולם')] })),
    );
    expect(unit?.text).toBe('שלום <pc id="1">עולם</pc>');
  });
});

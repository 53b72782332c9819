import type { List, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { applyUnits, extractUnits } from './index.js';
import type { PostDocument, UnitRendering } from './types.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const p = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const doc = (...children: RootContent[]): PostDocument => ({
  title: 'Hello',
  excerpt: '',
  body: { type: 'root', children },
});
const link: PhrasingContent = {
  type: 'link',
  url: 'https://example.org',
  title: 'Example',
  children: [text('the session')],
};
const source = doc(
  p(text('Join '), link, text(' at '), { type: 'inlineCode', value: 'npm test' }, text('.')),
);
const apply = (input: PostDocument, entries: [string, UnitRendering][]) =>
  applyUnits(input, new Map(entries));

describe('applyUnits', () => {
  it('rebuilds a moved link from the source: same url and title, translated text', () => {
    const result = apply(source, [
      ['b.0', { text: '<ph id="2"/>: únete a <pc id="1">la sesión</pc>' }],
    ]);
    expect(result.body.children[0]).toEqual(
      p({ type: 'inlineCode', value: 'npm test' }, text(': únete a '), {
        ...link,
        children: [text('la sesión')],
      }),
    );
  });

  it('turns escaped markup into literal text, which HTML rendering escapes', () => {
    const result = apply(source, [
      ['b.0', { text: '&lt;script&gt; <pc id="1">x</pc><ph id="2"/>' }],
    ]);
    expect(result.body.children[0]).toMatchObject({
      children: [text('<script> '), expect.anything(), expect.anything()],
    });
  });

  it('keeps the source where the text is null, absent, or does not parse', () => {
    expect(apply(source, [['b.0', { text: null }]])).toEqual(source);
    expect(apply(source, [['b.0', { text: '<b>bold</b>' }]])).toEqual(source);
    expect(apply(source, [])).toEqual(source);
  });

  it('drops codes the source lacks but keeps their text', () => {
    const result = apply(source, [['b.0', { text: '<pc id="7">hi</pc><ph id="8"/>' }]]);
    expect(result.body.children[0]).toEqual(p(text('hi')));
  });

  it('translates title, excerpt and attributes as plain text', () => {
    const input: PostDocument = {
      title: 'Hello',
      excerpt: 'Short',
      body: {
        type: 'root',
        children: [
          {
            type: 'leafDirective',
            name: 'video',
            attributes: { url: 'https://youtu.be/x', title: 'Keynote' },
            children: [],
          },
          p({ type: 'image', url: 'media:img1', alt: 'Nairobi' }),
        ],
      },
    };
    const result = apply(input, [
      ['title', { text: 'Hola &amp; adiós' }],
      ['excerpt', { text: 'Corto' }],
      ['b.0@title', { text: 'Conferencia' }],
      ['b.1.0@alt', { text: 'Nairobi de noche' }],
    ]);
    expect(result.title).toBe('Hola & adiós');
    expect(result.excerpt).toBe('Corto');
    expect(result.body.children[0]).toMatchObject({
      attributes: { url: 'https://youtu.be/x', title: 'Conferencia' },
    });
    expect(result.body.children[1]).toEqual(
      p({ type: 'image', url: 'media:img1', alt: 'Nairobi de noche' }),
    );
  });

  it('does not modify the input', () => {
    const before = structuredClone(source);
    apply(source, [
      ['b.0', { text: 'x <pc id="1">y</pc><ph id="2"/>', lang: 'es', outdated: true }],
    ]);
    expect(source).toEqual(before);
  });
});

describe('rendering marks', () => {
  it('puts lang, dir and the outdated class on the block', () => {
    const result = apply(source, [['b.0', { text: null, lang: 'ar', dir: 'rtl', outdated: true }]]);
    expect(result.body.children[0]?.data).toEqual({
      hProperties: { lang: 'ar', dir: 'rtl', className: ['translation-outdated'] },
    });
  });

  it('adds no data when there is nothing to mark', () => {
    const result = apply(source, [['b.0', { text: null, outdated: false }]]);
    expect(result.body.children[0]?.data).toBeUndefined();
  });

  it('marks the item of a tight list, the paragraph of a loose one, keeping task items', () => {
    const list = (spread: boolean): List => ({
      type: 'list',
      spread,
      children: [{ type: 'listItem', spread, checked: true, children: [p(text('one'))] }],
    });
    const marks: UnitRendering = { text: null, lang: 'es', outdated: true };
    const outdated = { lang: 'es', className: ['translation-outdated'] };
    const tight = apply(doc(list(false)), [['b.0.0.0', marks]]).body.children[0];
    expect(tight).toMatchObject({
      children: [
        {
          data: {
            hProperties: { lang: 'es', className: ['task-list-item', 'translation-outdated'] },
          },
          children: [{ type: 'paragraph', children: [text('one')] }],
        },
      ],
    });
    expect(JSON.stringify(tight)).not.toContain(
      '"paragraph","children":[{"type":"text","value":"one"}],"data"',
    );
    const loose = apply(doc(list(true)), [['b.0.0.0', marks]]).body.children[0];
    expect(loose).toMatchObject({
      children: [{ children: [{ type: 'paragraph', data: { hProperties: outdated } }] }],
    });
    expect(loose?.type === 'list' && loose.children[0]?.data).toBeUndefined();
  });

  it('marks a figure directive from its alt text', () => {
    const figure: RootContent = {
      type: 'containerDirective',
      name: 'figure',
      attributes: { media: 'img1', alt: 'A' },
      children: [p(text('Caption'))],
    };
    const result = apply(doc(figure), [
      ['b.0@alt', { text: 'B', lang: 'es', dir: 'ltr' }],
      ['b.0.0', { text: null, lang: 'en', dir: 'ltr' }],
    ]);
    const out = result.body.children[0];
    expect(out?.data?.hProperties).toEqual({ lang: 'es', dir: 'ltr' });
    expect(out?.type === 'containerDirective' && out.children[0]?.data?.hProperties).toEqual({
      lang: 'en',
      dir: 'ltr',
    });
  });

  it('uses the same paths as extractUnits', () => {
    const paths = extractUnits(source).map((unit) => unit.path);
    expect(paths).toEqual(['title', 'b.0']);
  });
});

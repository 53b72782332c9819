import type { Heading, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { alignTranslation, CROSS_ALIGN_MAX_CELLS } from './cross-align.js';
import { extractUnits } from './extract.js';
import type { SourceUnit } from './types.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const inline = (children: (PhrasingContent | string)[]): PhrasingContent[] =>
  children.map((child) => (typeof child === 'string' ? text(child) : child));
const strong = (...children: (PhrasingContent | string)[]): PhrasingContent => ({
  type: 'strong',
  children: inline(children),
});
const link = (url: string, ...children: (PhrasingContent | string)[]): PhrasingContent => ({
  type: 'link',
  url,
  children: inline(children),
});
const p = (...children: (PhrasingContent | string)[]): Paragraph => ({
  type: 'paragraph',
  children: inline(children),
});
const h = (value: string): Heading => ({ type: 'heading', depth: 2, children: [text(value)] });
const units = (title: string, ...children: RootContent[]): SourceUnit[] =>
  extractUnits({ title, excerpt: '', body: { type: 'root', children } });
const pairMap = (result: ReturnType<typeof alignTranslation>) =>
  Object.fromEntries(result.pairs.map((pair) => [pair.sourcePath, pair.translationPath]));

describe('alignTranslation', () => {
  it('pairs identical structures all in order, title with title', () => {
    const source = units('Hello', h('Intro'), p('One ', strong('bold'), ' word.'), p('Two.'));
    const translation = units(
      'Hola',
      h('Introducción'),
      p('Una palabra ', strong('negrita'), '.'),
      p('Dos.'),
    );
    const result = alignTranslation(source, translation);
    expect(pairMap(result)).toEqual({ title: 'title', 'b.0': 'b.0', 'b.1': 'b.1', 'b.2': 'b.2' });
    expect(result.pairs.find((pair) => pair.sourcePath === 'b.1')?.text).toBe(
      'Una palabra <pc id="1">negrita</pc>.',
    );
    expect(result.unalignedSource).toEqual([]);
    expect(result.unalignedTranslation).toEqual([]);
  });

  it('skips an extra translated paragraph, anchored on numbers and names', () => {
    const source = units(
      '',
      p('We met in Nairobi in 2026 with many friends.'),
      p('There were 42 people from Kampala there.'),
    );
    const translation = units(
      '',
      p('Nos reunimos en Nairobi en 2026 con muchos amigos.'),
      p('Un párrafo añadido por la traductora, sin anclas.'),
      p('Había 42 personas de Kampala allí.'),
    );
    const result = alignTranslation(source, translation);
    expect(pairMap(result)).toEqual({ 'b.0': 'b.0', 'b.1': 'b.2' });
    expect(result.unalignedTranslation).toEqual(['b.1']);
    expect(result.unalignedSource).toEqual([]);
  });

  it('reads 50,000 and 50.000 as one number', () => {
    const source = units(
      '',
      p('A grant of up to 50,000 shillings is available.'),
      p('Send your plan before the deadline.'),
    );
    const translation = units(
      '',
      p('Un párrafo añadido por la traductora.'),
      p('Hay una beca de hasta 50.000 chelines.'),
      p('Envíe su plan antes de la fecha límite.'),
    );
    expect(pairMap(alignTranslation(source, translation))).toEqual({ 'b.0': 'b.1', 'b.1': 'b.2' });
  });

  it('skips the right extra paragraph even when it comes first', () => {
    const source = units('', p('Prices rose 3.5 percent.'), p('Lagos grew fast.'));
    const translation = units(
      '',
      p('Una introducción nueva.'),
      p('Los precios subieron 3.5 por ciento.'),
      p('Lagos creció rápido.'),
    );
    const result = alignTranslation(source, translation);
    expect(pairMap(result)).toEqual({ 'b.0': 'b.1', 'b.1': 'b.2' });
    expect(result.unalignedTranslation).toEqual(['b.0']);
  });

  it('leaves exactly the missing source paragraph unaligned', () => {
    const source = units(
      '',
      p('In 2019 we started.'),
      p('Then Mombasa joined.'),
      p('By 2024 there were 12 groups.'),
    );
    const translation = units('', p('En 2019 empezamos.'), p('En 2024 había 12 grupos.'));
    const result = alignTranslation(source, translation);
    expect(pairMap(result)).toEqual({ 'b.0': 'b.0', 'b.2': 'b.1' });
    expect(result.unalignedSource).toEqual(['b.1']);
    expect(result.unalignedTranslation).toEqual([]);
  });

  it('renumbers link codes by URL when the translation orders links differently', () => {
    const source = units(
      '',
      p(
        'See ',
        link('https://a.example', 'the docs'),
        ' and ',
        link('https://b.example', 'the blog'),
        '.',
      ),
    );
    const translation = units(
      '',
      p(
        'Mira ',
        link('https://b.example', 'el blog'),
        ' y ',
        link('https://a.example', 'la documentación'),
        '.',
      ),
      p('Extra.'),
    );
    const result = alignTranslation(source, translation);
    expect(result.pairs).toEqual([
      {
        sourcePath: 'b.0',
        translationPath: 'b.0',
        text: 'Mira <pc id="2">el blog</pc> y <pc id="1">la documentación</pc>.',
      },
    ]);
    expect(result.unalignedTranslation).toEqual(['b.1']);
  });

  it('leaves a pair unaligned when the translation lacks a source code', () => {
    const source = units('', p('Read ', link('https://a.example', 'this'), ' now.'), p('Bye.'));
    const translation = units('', p('Lee esto ahora.'), p('Adiós.'));
    const result = alignTranslation(source, translation);
    expect(pairMap(result)).toEqual({ 'b.1': 'b.1' });
    expect(result.unalignedSource).toEqual(['b.0']);
    expect(result.unalignedTranslation).toEqual(['b.0']);
  });

  it('leaves a pair unaligned when the translation has an extra code', () => {
    const source = units('', p('Plain words.'));
    const translation = units('', p('Palabras ', strong('simples'), '.'), h('Extra'));
    const result = alignTranslation(source, translation);
    expect(result.pairs).toEqual([]);
    expect(result.unalignedSource).toEqual(['b.0']);
  });

  it('does not pair a kind mismatch without anchors', () => {
    const source = units('', h('A heading here'), p('Some text.'));
    const translation = units('', p('Un texto distinto.'));
    const result = alignTranslation(source, translation);
    // The paragraph pairs with the paragraph; the heading stays unaligned.
    expect(pairMap(result)).toEqual({ 'b.1': 'b.0' });
    const lone = alignTranslation(units('', h('A heading here')), units('', p('Un párrafo.')));
    expect(lone.pairs).toEqual([]);
    expect(lone.unalignedSource).toEqual(['b.0']);
    expect(lone.unalignedTranslation).toEqual(['b.0']);
  });

  it('pairs a kind mismatch when an anchor is shared', () => {
    const result = alignTranslation(units('', h('Nairobi 2026')), units('', p('Nairobi 2026')));
    expect(pairMap(result)).toEqual({ 'b.0': 'b.0' });
  });

  it('falls back to in-order pairing within each kind on huge posts, quickly', () => {
    const count = 3000;
    const make = (word: string, extra: boolean): SourceUnit[] => {
      const out: SourceUnit[] = [];
      for (let i = 0; i < count; i++) {
        out.push({
          path: `b.${i}`,
          kind: i % 10 === 0 ? 'heading' : 'paragraph',
          text: `${word} ${i}`,
          codes: {},
        });
      }
      if (extra) out.push({ path: `b.${count}`, kind: 'listItem', text: 'extra', codes: {} });
      return out;
    };
    const source = make('Source', false);
    const translation = make('Fuente', true);
    expect(source.length * translation.length).toBeGreaterThan(CROSS_ALIGN_MAX_CELLS);
    const started = performance.now();
    const result = alignTranslation(source, translation);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.pairs).toHaveLength(count);
    expect(result.pairs.every((pair) => pair.sourcePath === pair.translationPath)).toBe(true);
    expect(result.unalignedTranslation).toEqual([`b.${count}`]);
  });

  it('never throws on broken input', () => {
    const broken: SourceUnit = { path: 'b.0', kind: 'paragraph', text: '<pc id="1">x', codes: {} };
    const fine: SourceUnit = { path: 'b.0', kind: 'paragraph', text: 'y <b>', codes: {} };
    expect(alignTranslation([broken], [fine])).toEqual({
      pairs: [],
      unalignedSource: ['b.0'],
      unalignedTranslation: ['b.0'],
    });
    expect(alignTranslation([], [])).toEqual({
      pairs: [],
      unalignedSource: [],
      unalignedTranslation: [],
    });
  });
});

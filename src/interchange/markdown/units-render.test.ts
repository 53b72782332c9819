import { describe, expect, it } from 'vitest';
import { applyUnits, extractUnits } from '../../domain/units/index.js';
import type { PostDocument, UnitRendering } from '../../domain/units/index.js';
import { contextWith, photo, playbook } from './fixtures.testing.js';
import { parseMarkdown } from './parse.js';
import { renderDocument } from './render.js';

const context = contextWith(photo, playbook);

const post = `# Opening the *community* call

Join [the **session**](https://example.org/call "Call") at \`npm test\` & bring <questions>.

- Read the [notes][notes]
- Share a photo

| Day | Room |
| --- | ---- |
| Mon | A    |

> Quoted wisdom, 10:30 sharp.

::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" start="1:00" title="Opening keynote"}

:::figure{media="img1" alt="The market at dawn"}
Stalls opening in *Nairobi*.
:::

::attachment[The playbook]{media="pdf1"}

[notes]: https://example.org/notes
`;

function documentOf(markdown: string): PostDocument {
  return { title: 'Community call', excerpt: 'What we did', body: parseMarkdown(markdown) };
}

const pathOf = (doc: PostDocument, start: string): string => {
  const unit = extractUnits(doc).find((u) => u.text.startsWith(start));
  if (unit === undefined) throw new Error(`no unit starting with ${start}`);
  return unit.path;
};

describe('units of a parsed post', () => {
  it('round-trips the real parser output', () => {
    const doc = documentOf(post);
    const units = extractUnits(doc);
    expect(units.map((u) => u.kind)).toEqual([
      'title',
      'excerpt',
      'heading',
      'paragraph',
      'listItem',
      'listItem',
      'tableCell',
      'tableCell',
      'tableCell',
      'tableCell',
      'blockquote',
      'embedTitle',
      'alt',
      'caption',
      'caption',
    ]);
    const back = applyUnits(doc, new Map(units.map((u) => [u.path, { text: u.text }])));
    expect(back).toStrictEqual(doc);
    expect(renderDocument(back.body, context)).toBe(renderDocument(doc.body, context));
  });

  it('renders a moved link with its source url and escapes what the translator typed', () => {
    const doc = documentOf(post);
    const path = pathOf(doc, 'Join');
    const translated = applyUnits(
      doc,
      new Map<string, UnitRendering>([
        [
          path,
          {
            text: '<ph id="3"/> &lt;script&gt;alert(1)&lt;/script&gt; <pc id="1">la <pc id="2">sesión</pc></pc> <ph id="4"/>',
            lang: 'es',
            dir: 'ltr',
          },
        ],
      ]),
    );
    const html = renderDocument(translated.body, context);
    expect(html).toContain(
      '<p lang="es" dir="ltr"><code>npm test</code> &#x3C;script>alert(1)&#x3C;/script> <a href="https://example.org/call" title="Call">la <strong>sesión</strong></a> &#x3C;questions></p>',
    );
    expect(html).not.toContain('<script');
  });
});

describe('rendering marks', () => {
  const doc = documentOf(post);
  const marks = (entries: [string, UnitRendering][]) =>
    renderDocument(applyUnits(doc, new Map(entries)).body, context);

  it('puts lang, dir and the outdated class on paragraphs and headings', () => {
    const html = marks([
      [pathOf(doc, 'Join'), { text: null, lang: 'en', dir: 'ltr', outdated: true }],
      [pathOf(doc, 'Opening'), { text: 'مكالمة المجتمع', lang: 'ar', dir: 'rtl' }],
    ]);
    expect(html).toContain('<h1 lang="ar" dir="rtl">مكالمة المجتمع</h1>');
    expect(html).toContain('<p lang="en" dir="ltr" class="translation-outdated">Join');
  });

  it('marks list items, table cells and blockquote paragraphs', () => {
    const html = marks([
      [pathOf(doc, 'Share'), { text: 'Comparte una foto', lang: 'es', outdated: true }],
      [pathOf(doc, 'Mon'), { text: 'Lun', lang: 'es' }],
      [pathOf(doc, 'Day'), { text: 'Día', lang: 'es' }],
      [pathOf(doc, 'Quoted'), { text: 'Sabiduría', lang: 'es' }],
    ]);
    expect(html).toContain('<li lang="es" class="translation-outdated">Comparte una foto</li>');
    expect(html).toContain('<td lang="es">Lun</td>');
    expect(html).toContain('<th lang="es">Día</th>');
    expect(html).toContain('<blockquote>\n<p lang="es">Sabiduría</p>');
  });

  it('marks a figure, its caption, a video and an attachment', () => {
    const html = marks([
      [pathOf(doc, 'The market'), { text: 'El mercado', lang: 'es', outdated: true }],
      [pathOf(doc, 'Stalls'), { text: 'Puestos en <pc id="1">Nairobi</pc>.', lang: 'es' }],
      [pathOf(doc, 'Opening keynote'), { text: 'Conferencia', lang: 'es' }],
      [pathOf(doc, 'The playbook'), { text: 'El manual', lang: 'es' }],
    ]);
    expect(html).toMatch(
      /<figure lang="es" class="translation-outdated"><img [^>]*alt="El mercado"/,
    );
    expect(html).toContain('<figcaption lang="es">Puestos en <em>Nairobi</em>.</figcaption>');
    expect(html).toMatch(/<figure class="embed embed-video"[^>]* lang="es">/);
    expect(html).toContain('<p class="attachment" lang="es"><a href="/media/pdf1/playbook.pdf"');
    expect(html).toContain('>El manual</a>');
  });

  it('renders a text node holding markup as text', () => {
    const html = renderDocument(
      {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'text', value: '<script>alert(1)</script>' }] },
        ],
      },
      context,
    );
    expect(html).toBe('<p>&#x3C;script>alert(1)&#x3C;/script></p>');
  });

  it('lets no other class or attribute through the sanitizer', () => {
    const html = renderDocument(
      {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            data: {
              hProperties: { className: ['evil'], onclick: 'x()', style: 'color:red', lang: 'es' },
            },
            children: [{ type: 'text', value: 'x' }],
          },
        ],
      },
      context,
    );
    expect(html).toContain('lang="es"');
    expect(html).not.toMatch(/evil|onclick|style/);
  });
});

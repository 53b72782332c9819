import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextWith, photo, playbook, syncFormat } from './fixtures.testing.js';
import { scanTags, unsafeParts } from './html-scan.testing.js';

const context = contextWith(photo, playbook);
const render = (markdown: string): string => syncFormat.render(syncFormat.parse(markdown), context);
const hrefs = (html: string): (string | undefined)[] =>
  scanTags(html)
    .filter((tag) => tag.name === 'a')
    .map((tag) => tag.attributes.get('href'));

describe('raw HTML', () => {
  it.each([
    '<script>alert(1)</script>',
    'Hello <script>alert(1)</script> there',
    '<img src=x onerror="alert(1)">',
    'Inline <img src=x onerror=alert(1)> image',
    '<iframe src="https://evil.example"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    '<style>body{display:none}</style>',
  ])('never reaches the output: %s', (markdown) => {
    const html = render(markdown);
    expect(unsafeParts(html)).toEqual([]);
    expect(scanTags(html).map((tag) => tag.name)).not.toContain('iframe');
    expect(scanTags(html).map((tag) => tag.name)).not.toContain('img');
  });

  it('is shown as text so nothing vanishes silently', () => {
    expect(render('Use <kbd>Ctrl</kbd> here')).toBe('<p>Use &#x3C;kbd>Ctrl&#x3C;/kbd> here</p>');
    expect(render('<div>\nblock\n</div>')).toBe(
      '<pre><code>&#x3C;div>\nblock\n&#x3C;/div></code></pre>',
    );
  });

  it('drops HTML comments (authors’ private notes)', () => {
    expect(render('Visible <!-- private note -->')).toBe('<p>Visible </p>');
    expect(render('<!-- private -->\n\nText')).toBe('<p>Text</p>');
  });
});

describe('links', () => {
  it.each([
    '[x](javascript:alert(1))',
    '[x](JavaScript:alert(1))',
    '[x](java%0Ascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox(1))',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '<javascript:alert(1)>',
  ])('neutralizes %s', (markdown) => {
    const html = render(markdown);
    expect(unsafeParts(html)).toEqual([]);
    for (const href of hrefs(html)) expect(href ?? '').not.toMatch(/^(javascript|data|vbscript)/i);
  });

  it('keeps http, https, mailto, relative and fragment links', () => {
    const html = render(
      '[a](http://a.example) [b](https://b.example/x?y=1) [c](mailto:c@example.org) [d](/posts/d) [e](../e) [f](#section)',
    );
    expect(hrefs(html)).toEqual([
      'http://a.example',
      'https://b.example/x?y=1',
      'mailto:c@example.org',
      '/posts/d',
      '../e',
      '#section',
    ]);
  });

  it('prefixes author-chosen ids against DOM clobbering', () => {
    const html = render('Text[^top]\n\n[^top]: note');
    for (const tag of scanTags(html)) {
      const id = tag.attributes.get('id');
      if (id !== undefined) expect(id).toMatch(/^user-content-/);
    }
  });

  it('rejects crafted documents whose data asks for dangerous properties', () => {
    const crafted = {
      type: 'root' as const,
      children: [
        {
          type: 'paragraph' as const,
          data: { hName: 'script', hProperties: { onClick: 'alert(1)' } },
          children: [{ type: 'text' as const, value: 'x' }],
        },
        {
          type: 'paragraph' as const,
          data: { hProperties: { onMouseOver: 'alert(1)', className: ['embed-video'] } },
          children: [{ type: 'text' as const, value: 'y' }],
        },
      ],
    };
    const html = syncFormat.render(crafted, context);
    expect(unsafeParts(html)).toEqual([]);
    expect(html).not.toContain('alert');
  });
});

const fragments = [
  '<script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">',
  'javascript:alert(1)',
  'JaVaScRiPt:',
  'data:text/html,<b>',
  'vbscript:',
  '&#106;avascript:',
  ' onclick=',
  '[',
  '](',
  ')',
  '![',
  '<',
  '>',
  '"',
  "'",
  ':',
  '::',
  ':::',
  '{',
  '}',
  'url=',
  'media=',
  'alt=',
  'video',
  'figure',
  'attachment',
  'media:img1',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://x.example/a.mp4',
  '\n',
  '\n\n',
  ' ',
  '`',
  '*',
  '|',
  '---',
  '[^1]',
  '#',
  '&',
  '10:30',
];

const markdownish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 5 })), { maxLength: 40 })
    .map((parts) => parts.join('')),
);

describe('property: whatever the author writes', () => {
  it('renders no script, no on* attribute and no script/data URL', () => {
    fc.assert(
      fc.property(markdownish, (markdown) => {
        const root = syncFormat.parse(markdown);
        const html = syncFormat.render(root, context);
        expect(unsafeParts(html)).toEqual([]);
        expect(syncFormat.render(JSON.parse(JSON.stringify(root)) as typeof root, context)).toBe(
          html,
        );
      }),
      { numRuns: 400 },
    );
  });
});

describe('the unsafe-HTML detector used above', () => {
  it('does flag what it looks for, so the checks are not vacuous', () => {
    expect(unsafeParts('<p>fine &#x3C;script> text onclick=x javascript:</p>')).toEqual([]);
    expect(unsafeParts('<img src="x" onerror="alert(1)">')).toEqual(['img[onerror]']);
    expect(unsafeParts('<a href="jav&#x61;script:alert(1)">x</a>')).toHaveLength(1);
    expect(unsafeParts('<a href=" java\nscript:x">x</a>')).toHaveLength(1);
    expect(unsafeParts('<a href="data:text/html,x">x</a>')).toHaveLength(1);
    expect(unsafeParts('<SCRIPT>x</SCRIPT>')).toContain('<script');
  });
});

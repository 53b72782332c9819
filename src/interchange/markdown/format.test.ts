import type { Root } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { syncFormat } from './fixtures.testing.js';
import { markdownFormat } from './index.js';

const validate = (markdown: string): string[] => syncFormat.validate(syncFormat.parse(markdown));
const references = (markdown: string): string[] =>
  syncFormat.mediaReferences(syncFormat.parse(markdown));

afterAll(() => markdownFormat.close());

describe('parse', () => {
  it('produces an mdast root without positions, with directives (in the worker)', async () => {
    const root = await markdownFormat.parse('::video{url="https://youtu.be/dQw4w9WgXcQ"}');
    expect(root).toEqual({
      type: 'root',
      children: [
        {
          type: 'leafDirective',
          name: 'video',
          attributes: { url: 'https://youtu.be/dQw4w9WgXcQ' },
          children: [],
        },
      ],
    });
  });
});

describe('validate', () => {
  it('accepts a well-formed document', () => {
    expect(
      validate(
        [
          '::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" start="2:12:30"}',
          '::attachment{media="pdf1"}',
          ':::figure{media="img1" alt="Crowd"}\nCaption\n:::',
          ':::figure\n![Crowd](media:img1)\n:::',
          'Meet at 10:30, :unknown things and ::nothing-of-ours',
        ].join('\n\n'),
      ),
    ).toEqual([]);
  });

  it('reports a start that is not a time', () => {
    expect(validate('::video{url="https://youtu.be/dQw4w9WgXcQ" start="xyz"}')).toEqual([
      'body: video start "xyz" is not a time like 2:12:30',
    ]);
  });

  it('reports a missing or unsupported video url', () => {
    const [missing] = validate('::video{start="1:00"}');
    expect(missing).toMatch(/^body: video needs a url/);
    const [unsupported] = validate('::video{url="https://example.org/page.html"}');
    expect(unsupported).toMatch(/^body: video needs a url .*"https:\/\/example.org\/page.html"/);
    expect(validate('::video{url="javascript:alert(1)"}')).toHaveLength(1);
  });

  it('reports an attachment without media', () => {
    expect(validate('::attachment[Report]')).toEqual([
      'body: attachment needs a media attribute (::attachment{media="…"})',
    ]);
  });

  it('requires alt text on figures, from the attribute or the wrapped image', () => {
    expect(validate(':::figure{media="img1"}\nCaption\n:::')).toEqual([
      'body: figure needs alt text',
    ]);
    expect(validate(':::figure\n![](media:img1)\nCaption\n:::')).toEqual([
      'body: figure needs alt text',
    ]);
    expect(validate(':::figure{alt="x"}\nCaption only\n:::')).toEqual([
      'body: figure needs a media attribute or an image',
    ]);
  });

  it('lists each problem once', () => {
    expect(validate('::attachment\n\n::attachment')).toHaveLength(1);
  });

  it('rejects something that is not a document', () => {
    expect(markdownFormat.validate(JSON.parse('{"type":"paragraph"}') as Root)).toEqual([
      'body: is not a Markdown document',
    ]);
  });
});

describe('mediaReferences', () => {
  it('lists attachments, figures and media: images once each, in document order', () => {
    expect(
      references(
        [
          '![a](media:img2)',
          '::attachment{media="pdf1"}',
          ':::figure{media="img1" alt="x"}\n![inline](media:img3)\n:::',
          ':::figure\n![wrapped](media:img4)\n:::',
          '![again](media:img2) ![external](https://example.org/x.png)',
          '::attachment{media="media:pdf1"}',
          '::video{url="https://youtu.be/dQw4w9WgXcQ"}',
        ].join('\n\n'),
      ),
    ).toEqual(['img2', 'pdf1', 'img1', 'img3', 'img4']);
  });
});

import { describe, expect, it } from 'vitest';
import { contextWith, photo, playbook, syncFormat } from './fixtures.testing.js';
import { scanTags } from './html-scan.testing.js';

const context = contextWith(photo, playbook);
const render = (markdown: string): string => syncFormat.render(syncFormat.parse(markdown), context);

describe('video placeholder', () => {
  const html = render(
    '::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" start="2:12:30" title="Opening keynote"}',
  );

  it('loads nothing: no iframe, img, video or script, and no src attribute at all', () => {
    const tags = scanTags(html);
    expect(tags.map((tag) => tag.name)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(iframe|img|script|video|source)$/)]),
    );
    for (const tag of tags) {
      for (const key of tag.attributes.keys()) expect(key).not.toMatch(/^(src|srcset|poster)$/);
    }
  });

  it('mentions the provider only in the play link and the data attribute', () => {
    const mentions = scanTags(html).flatMap((tag) =>
      [...tag.attributes]
        .filter(([, value]) => /youtube\.com|youtube-nocookie\.com|youtu\.be/.test(value))
        .map(([key]) => `${tag.name}[${key}]`),
    );
    // The notice's text names the host, and so do its arguments (for the reader's language).
    expect(mentions.sort()).toEqual(['a[href]', 'figure[data-embed-src]', 'p[data-l10n-args]']);
  });

  it('carries the player URL, title, start time and privacy notice', () => {
    const figure = scanTags(html).find((tag) => tag.name === 'figure');
    expect(figure?.attributes.get('class')).toBe('embed embed-video');
    expect(figure?.attributes.get('data-embed-provider')).toBe('youtube');
    expect(figure?.attributes.get('data-embed-src')).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=7950&autoplay=1',
    );
    expect(figure?.attributes.get('data-embed-title')).toBe('Opening keynote');
    const link = scanTags(html).find((tag) => tag.name === 'a');
    expect(link?.attributes.get('href')).toBe(
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=7950s',
    );
    expect(link?.attributes.get('rel')).toBe('noopener noreferrer');
    expect(html).toContain('<p class="embed-title">Opening keynote</p>');
    expect(html).toContain('YouTube · starts at 2:12:30');
    expect(html).toContain('>Play video from 2:12:30</a>');
    expect(html).toContain('Playing loads the video from YouTube (youtube.com).');
  });

  it('takes the start time from the URL when there is no start attribute', () => {
    const vimeo = render('::video{url="https://vimeo.com/76979871#t=750"}');
    expect(vimeo).toContain(
      'data-embed-src="https://player.vimeo.com/video/76979871?autoplay=1#t=750s"',
    );
    expect(vimeo).toContain('Vimeo · starts at 12:30');
    expect(vimeo).toContain('<p class="embed-title">Video</p>');
    const file = render('::video[Talk]{url="https://media.example.org/talk.webm"}');
    expect(file).toContain('data-embed-provider="file"');
    expect(file).toContain('<p class="embed-title">Talk</p>');
    expect(file).toContain('Playing loads the video from media.example.org.');
    expect(file).toContain('>Play video</a>');
  });

  it('shows the problem instead of a broken embed while previewing an invalid one', () => {
    expect(render('::video{url="https://example.org/page"}')).toContain(
      '<p class="directive-problem">video needs a url',
    );
  });
});

describe('attachments', () => {
  it('links the file with its type and size', () => {
    expect(render('::attachment[The playbook]{media="pdf1"}')).toBe(
      '<p class="attachment"><a href="/media/pdf1/playbook.pdf" download type="application/pdf">The playbook</a> <span class="attachment-meta" data-l10n="attachment" data-l10n-args="{&#x22;type&#x22;:&#x22;PDF&#x22;,&#x22;bytes&#x22;:2400000}">PDF, 2.4 MB</span></p>',
    );
  });

  it('falls back to the file name', () => {
    expect(render('::attachment{media="pdf1"}')).toContain(
      'download type="application/pdf">playbook.pdf</a>',
    );
  });

  it('shows a visible note for unknown media', () => {
    expect(render('::attachment[Old report]{media="gone"}')).toBe(
      '<p class="attachment attachment-missing">Missing attachment: Old report</p>',
    );
  });
});

describe('figures and images', () => {
  it('renders a media figure with responsive image and inline-markdown caption', () => {
    const html = render(
      ':::figure{media="img1" alt="Participants in Nairobi"}\nCaption with *inline* markdown\n:::',
    );
    expect(html).toBe(
      '<figure><img src="/media/img1/original.jpg" srcset="/media/img1/480.jpg 480w, /media/img1/960.jpg 960w, /media/img1/original.jpg 2000w" sizes="(min-width: 48rem) 48rem, 100vw" width="2000" height="1333" alt="Participants in Nairobi" loading="lazy" decoding="async"><figcaption>Caption with <em>inline</em> markdown</figcaption></figure>',
    );
  });

  it('wraps a regular Markdown image', () => {
    const html = render(':::figure\n![Crowd at the gate](media:img1)\nThe *gate*, 2024\n:::');
    expect(html).toMatch(/^<figure><img src="\/media\/img1\/original.jpg" srcset=/);
    expect(html).toContain('alt="Crowd at the gate"');
    expect(html).toContain('<figcaption>The <em>gate</em>, 2024</figcaption></figure>');
  });

  it('handles unknown media without throwing', () => {
    expect(render(':::figure{media="nope" alt="Lost"}\nGone\n:::')).toBe(
      '<figure><span class="media-missing">Missing image: Lost</span><figcaption>Gone</figcaption></figure>',
    );
    expect(render('![A cat](media:nope)')).toBe(
      '<p><span class="media-missing">Missing image: A cat</span></p>',
    );
  });

  it('resolves media: images and keeps external images as written, lazily', () => {
    const html = render('![A](media:img1) ![B](https://images.example.org/b.png "Bee")');
    expect(html).toContain('<img src="/media/img1/original.jpg" srcset=');
    expect(html).toContain(
      '<img src="https://images.example.org/b.png" alt="B" title="Bee" loading="lazy" decoding="async">',
    );
  });

  it('drops image sources with other protocols', () => {
    const html = render('![x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)');
    for (const tag of scanTags(html)) expect(tag.attributes.has('src')).toBe(false);
  });
});

describe('prose and GFM', () => {
  it('keeps colons in ordinary prose (remark-directive reads `:30` as a directive)', () => {
    expect(render('Meet at 10:30 in room B:2. Note:important, ratio 3:1, a:b[c]{d=e}')).toBe(
      '<p>Meet at 10:30 in room B:2. Note:important, ratio 3:1, a:b[c]{d="e"}</p>',
    );
  });

  it('shows unknown block directives as text with their content', () => {
    expect(render('::foo[bar]{x=1}')).toBe('<p>::foo[bar]{x="1"}</p>');
    expect(render(':::note\nKeep *this*\n:::').replaceAll('\n', '')).toBe(
      '<p>:::note</p><p>Keep <em>this</em></p><p>:::</p>',
    );
  });

  it('renders tables, strikethrough, task lists and autolinks', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n\nsee www.example.org');
    expect(html).toContain('<table>');
    expect(html).toContain('<td><del>2</del></td>');
    expect(html).toContain('<input type="checkbox" checked disabled> done');
    expect(html).toContain('<a href="http://www.example.org">www.example.org</a>');
  });

  it('renders footnotes with prefixed ids that the links point at', () => {
    const html = render('Claim[^1]\n\n[^1]: Source');
    expect(html).toContain('href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fnref-1"');
  });

  it('survives malformed fragment links', () => {
    expect(render('[x](#%E0%A4%A) [y](#a%)')).toMatch(
      /^<p><a href="#[^"]*">x<\/a> <a href="#a%25">y<\/a><\/p>$/,
    );
  });

  it('round-trips through JSON', () => {
    const markdown = [
      '# Title',
      'Text at 10:30 with [a link](https://example.org) and ![p](media:img1).',
      '::video{url="https://youtu.be/dQw4w9WgXcQ?t=90" title="Clip"}',
      '::attachment[The playbook]{media="pdf1"}',
      ':::figure{media="img1" alt="A"}\nCap\n:::',
      ':::note[Label]\nBody\n:::',
      '| a |\n|---|\n| b |',
      'x[^n]\n\n[^n]: note',
    ].join('\n\n');
    const root = syncFormat.parse(markdown);
    const json = JSON.stringify(root);
    expect(json).not.toContain('"position"');
    const restored: unknown = JSON.parse(json);
    expect(restored).toEqual(root);
    expect(syncFormat.render(syncFormat.parse(markdown), context)).toBe(
      syncFormat.render(root, context),
    );
    expect(syncFormat.render(JSON.parse(json) as typeof root, context)).toBe(
      syncFormat.render(root, context),
    );
  });

  it('does not mutate the document while rendering', () => {
    const root = syncFormat.parse(':::figure\n![A](media:img1)\nCap\n:::\n\nat 10:30');
    const before = JSON.stringify(root);
    syncFormat.render(root, context);
    expect(JSON.stringify(root)).toBe(before);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { markdownFormat } from '../../../src/interchange/markdown/index.js';
import {
  convertWordPressContent,
  type ConvertContext,
  type ConvertResult,
} from '../../../src/interchange/wxr/html-to-markdown.js';
import { readWxr, type WxrItem } from '../../../src/interchange/wxr/read-wxr.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/wxr/site.xml', import.meta.url));
const U = 'https://old.example.org/wp-content/uploads/2024/03/';

/** The fixture's attachments: 201 kiosk.jpg (with alt), 202 water-point.jpg, 203 the PDF. */
const ctx: ConvertContext = {
  resolveMedia(url, wpId) {
    if (wpId === 201 || (wpId === undefined && url.includes('/kiosk')))
      return { id: 'm201', alt: 'A solar kiosk' };
    if (wpId === 202 || (wpId === undefined && url.includes('/water-point'))) return { id: 'm202' };
    if (wpId === 203 || (wpId === undefined && /annual-report|report\.mp3/.test(url)))
      return { id: 'm203' };
    return null;
  },
};

afterAll(() => markdownFormat.close());

/** Converts, then checks the output parses with our own parser without a problem. */
async function convert(html: string): Promise<ConvertResult & { root: Root }> {
  const result = convertWordPressContent(html, ctx);
  const root = await markdownFormat.parse(result.markdown);
  expect(markdownFormat.validate(root)).toEqual([]);
  return { ...result, root };
}

function nodesOf(root: Root, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const work: unknown[] = [root];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    const node = next as { type: string; children?: unknown[] };
    if (node.type === type) found.push(node);
    if (node.children) work.push(...node.children);
  }
  return found;
}

describe('classic content', () => {
  it('applies wpautop: blank lines make paragraphs, single newlines breaks', async () => {
    const { markdown, kept } = await convert('One\ntwo\n\nThree');
    expect(markdown).toBe('One\\\ntwo\n\nThree\n');
    expect(kept).toEqual([]);
  });

  it('keeps paragraphs of bare text beside block tags, and inline formatting', async () => {
    const { markdown } = await convert(
      '<h2>Title</h2>\nBare text after it\n\nAnd <em>more</em>\nwith a break',
    );
    expect(markdown).toBe('## Title\n\nBare text after it\n\nAnd _more_\\\nwith a break\n');
  });

  it('converts GFM: strikethrough, links, tables, and keeps <pre> as written', async () => {
    const { markdown } = await convert(
      '<p>Text with <del>old</del> and a <a href="https://example.org">link</a>.</p>\n' +
        '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>\n' +
        '<pre>line 1\n\nline 3</pre>',
    );
    expect(markdown).toBe(
      'Text with ~~old~~ and a [link](https://example.org).\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\n```\nline 1\n\nline 3\n```\n',
    );
  });
});

describe('shortcodes', () => {
  it('[caption] around a known image → a figure with its caption', async () => {
    const { markdown, root } = await convert(
      `[caption id="attachment_201" width="300"]<a href="${U}kiosk.jpg"><img src="${U}kiosk-300x200.jpg" alt="" class="wp-image-201" /></a> The kiosk at <strong>dawn</strong>[/caption]`,
    );
    expect(markdown).toBe(
      ':::figure{media="m201" alt="A solar kiosk"}\nThe kiosk at **dawn**\n:::\n',
    );
    expect(markdownFormat.mediaReferences(root)).toEqual(['m201']);
  });

  it('[caption] around an unknown http(s) image → the image and its caption', async () => {
    const { markdown } = await convert(
      '[caption id="attachment_999" align="alignnone" width="300"]<img src="https://elsewhere.example.com/a.jpg" alt="A boat" /> Fishing boats at Dunga beach[/caption]',
    );
    expect(markdown).toBe(
      '![A boat](https://elsewhere.example.com/a.jpg)\n\nFishing boats at Dunga beach\n',
    );
  });

  it('[embed] YouTube keeps t= in the URL; a bare URL on its line is an auto-embed', async () => {
    const embed = await convert(
      'Intro\n\n[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90[/embed]',
    );
    expect(embed.markdown).toBe(
      'Intro\n\n::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&#x26;t=90"}\n',
    );
    expect(nodesOf(embed.root, 'leafDirective')[0]?.attributes).toEqual({
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90',
    });
    const bare = await convert('Before\n\nhttps://youtu.be/dQw4w9WgXcQ?t=42\n\nAfter');
    expect(bare.markdown).toBe(
      'Before\n\n::video{url="https://youtu.be/dQw4w9WgXcQ?t=42"}\n\nAfter\n',
    );
    const vimeo = await convert('https://vimeo.com/76979871');
    expect(vimeo.markdown).toBe('::video{url="https://vimeo.com/76979871"}\n');
  });

  it('[video] with an https file → ::video; over http it is kept', async () => {
    const { markdown, kept } = await convert(
      '[video src="https://media.example.org/talk.mp4"][/video]\n\n[video mp4="http://media.example.org/old.mp4"]',
    );
    expect(markdown).toBe('::video{url="https://media.example.org/talk.mp4"}\n');
    expect(kept).toEqual([
      {
        kind: 'shortcode:video',
        html: '[video mp4="http://media.example.org/old.mp4"]',
        detail: 'http://media.example.org/old.mp4',
      },
    ]);
  });

  it('[audio] → an attachment when the file is known, else a link', async () => {
    const { markdown } = await convert(
      `[audio src="${U}report.mp3"]\n\n[audio mp3="https://cdn.example.net/interview.mp3"]`,
    );
    expect(markdown).toBe(
      '::attachment{media="m203"}\n\n[interview.mp3](https://cdn.example.net/interview.mp3)\n',
    );
  });

  it('[gallery] → one figure per known id, unknown ids kept', async () => {
    const { markdown, kept } = await convert('[gallery ids="201,202,999" columns="3"]');
    expect(markdown).toBe('::figure{media="m201" alt="A solar kiosk"}\n\n![](media:m202)\n');
    expect(kept).toEqual([
      { kind: 'shortcode:gallery', html: '[gallery ids="999"]', detail: 'unresolved ids: 999' },
    ]);
  });

  it('keeps unknown shortcodes aside, their content in the text; brackets in prose stay', async () => {
    const { markdown, kept } = await convert(
      'See [sic] and note [1]. Use [[gallery]] to show a gallery.\n\n[note-box style="blue"]Remember the meeting[/note-box]\n\n[contact-form-7 id="42" title="Volunteer sign-up"]',
    );
    expect(markdown).toBe(
      'See \\[sic] and note \\[1]. Use \\[gallery] to show a gallery.\n\nRemember the meeting\n',
    );
    expect(kept).toEqual([
      {
        kind: 'shortcode:note-box',
        html: '[note-box style="blue"]Remember the meeting[/note-box]',
      },
      {
        kind: 'shortcode:contact-form-7',
        html: '[contact-form-7 id="42" title="Volunteer sign-up"]',
      },
    ]);
  });
});

describe('what cannot be represented', () => {
  it('keeps scripts and styles aside without their contents in the markdown', async () => {
    const { markdown, kept } = await convert(
      '<p>Hi</p><script>alert("x")</script><style>p{color:red}</style>',
    );
    expect(markdown).toBe('Hi\n');
    expect(kept.map((k) => k.kind)).toEqual(['script', 'style']);
    expect(JSON.stringify(kept)).not.toMatch(/alert|color/);
  });

  it('keeps a form and an iframe, leaving the form text; a YouTube iframe is a video', async () => {
    const form = await convert(
      '<form action="/x"><label>Name</label> <button>Send</button></form>',
    );
    expect(form.markdown).toBe('Name Send\n');
    expect(form.kept.map((k) => k.kind)).toEqual(['form']);
    const map = await convert(
      '<p>Find us:</p>\n<iframe src="https://www.google.com/maps/embed?pb=1" width="600"></iframe>',
    );
    expect(map.markdown).toBe('Find us:\n');
    expect(map.kept).toEqual([
      { kind: 'iframe', html: '', detail: 'https://www.google.com/maps/embed?pb=1' },
    ]);
    const youtube = await convert(
      '<p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=30"></iframe></p>',
    );
    expect(youtube.markdown).toBe(
      '::video{url="https://www.youtube.com/embed/dQw4w9WgXcQ?start=30" start="30"}\n',
    );
  });

  it('moves a video out of the paragraph it was in', async () => {
    const { markdown } = await convert(
      '<p><video src="https://media.example.org/v.mp4"></video> after text</p>',
    );
    expect(markdown).toBe('::video{url="https://media.example.org/v.mp4"}\n\nafter text\n');
  });

  it('keeps an image it cannot point at (not http, not known), leaving its alt text', async () => {
    const { markdown, kept } = await convert(
      '<p><img src="data:image/png;base64,AAAA" alt="Inline"></p>',
    );
    expect(markdown).toBe('Inline\n');
    expect(kept).toEqual([
      { kind: 'img', html: '<img alt="Inline">', detail: 'data:image/png;base64,AAAA' },
    ]);
  });
});

describe('block-editor markup', () => {
  it('converts images: known → media, external https → as written', async () => {
    const { markdown } = await convert(
      `<!-- wp:image {"id":202} -->\n<figure class="wp-block-image"><img src="${U}water-point.jpg" alt="Jerrycans" class="wp-image-202"/></figure>\n<!-- /wp:image -->\n\n` +
        `<!-- wp:image -->\n<figure class="wp-block-image"><img src="https://images.example.com/x.png" alt="External"/></figure>\n<!-- /wp:image -->`,
    );
    expect(markdown).toBe(
      '![Jerrycans](media:m202)\n\n![External](https://images.example.com/x.png)\n',
    );
  });

  it('converts embeds: Vimeo → video, others kept with a link', async () => {
    const { markdown, kept } = await convert(
      `<!-- wp:embed {"url":"https://twitter.com/example/status/1","type":"rich","providerNameSlug":"twitter"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://twitter.com/example/status/1\n</div></figure>\n<!-- /wp:embed -->\n\n` +
        `<!-- wp:embed {"url":"https://vimeo.com/76979871#t=90","providerNameSlug":"vimeo"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://vimeo.com/76979871#t=90\n</div></figure>\n<!-- /wp:embed -->`,
    );
    expect(markdown).toBe(
      '<https://twitter.com/example/status/1>\n\n::video{url="https://vimeo.com/76979871#t=90"}\n',
    );
    expect(kept.map((k) => [k.kind, k.detail])).toEqual([
      ['block:embed', 'https://twitter.com/example/status/1'],
    ]);
  });

  it('converts video, audio and file blocks', async () => {
    const { markdown, kept } = await convert(
      `<!-- wp:video {"id":300} -->\n<figure class="wp-block-video"><video controls src="https://media.example.org/opening.webm"></video><figcaption>Opening</figcaption></figure>\n<!-- /wp:video -->\n\n` +
        `<!-- wp:video -->\n<figure class="wp-block-video"><video controls src="http://media.example.org/opening.mp4"></video></figure>\n<!-- /wp:video -->\n\n` +
        `<!-- wp:audio {"id":203} -->\n<figure class="wp-block-audio"><audio controls src="${U}report.mp3"></audio></figure>\n<!-- /wp:audio -->\n\n` +
        `<!-- wp:file -->\n<div class="wp-block-file"><a href="https://files.example.org/plan.pdf">Budget plan</a></div>\n<!-- /wp:file -->`,
    );
    expect(markdown).toBe(
      '::video{url="https://media.example.org/opening.webm"}\n\nOpening\n\n::attachment{media="m203"}\n\n[Budget plan](https://files.example.org/plan.pdf)\n',
    );
    expect(kept.map((k) => [k.kind, k.detail])).toEqual([
      ['video', 'http://media.example.org/opening.mp4'],
    ]);
  });

  it('converts galleries, new (inner image blocks) and old (a list of figures)', async () => {
    const nested = await convert(
      `<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":201} -->\n<figure class="wp-block-image"><img src="${U}kiosk.jpg" alt="" class="wp-image-201"/></figure>\n<!-- /wp:image -->\n\n<!-- wp:image {"id":202} -->\n<figure class="wp-block-image"><img src="${U}water-point.jpg" alt="Water" class="wp-image-202"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->`,
    );
    expect(nested.markdown).toBe('![A solar kiosk](media:m201)\n\n![Water](media:m202)\n');
    const old = await convert(
      `<!-- wp:gallery {"ids":[201,202]} -->\n<figure class="wp-block-gallery"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="${U}kiosk.jpg" alt="" data-id="201" class="wp-image-201"/></figure></li><li class="blocks-gallery-item"><figure><img src="${U}water-point.jpg" alt="Water" data-id="202" class="wp-image-202"/><figcaption class="blocks-gallery-item__caption">The new tap</figcaption></figure></li></ul></figure>\n<!-- /wp:gallery -->`,
    );
    expect(old.markdown).toBe(
      '![A solar kiosk](media:m201)\n\n:::figure{media="m202" alt="Water"}\nThe new tap\n:::\n',
    );
  });

  it('converts unknown blocks with text, keeps those without; reads wp:shortcode', async () => {
    const { markdown, kept } = await convert(
      `<!-- wp:latest-posts {"postsToShow":5} /-->\n\n<!-- wp:jetpack/markdown -->\n<div class="wp-block-jetpack-markdown"><p>Hello from a plugin</p></div>\n<!-- /wp:jetpack/markdown -->\n\n` +
        `<!-- wp:shortcode -->\n[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n<!-- /wp:shortcode -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->`,
    );
    expect(markdown).toBe(
      'Hello from a plugin\n\n::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"}\n',
    );
    expect(kept).toEqual([
      {
        kind: 'block:latest-posts',
        html: '',
        detail: '<!-- wp:latest-posts {"postsToShow":5} /-->',
      },
    ]);
  });
});

describe('limits', () => {
  it('refuses content over 2 MB, HTML nested past 64, blocks nested past 64', () => {
    expect(() => convertWordPressContent('a'.repeat(2 * 1024 * 1024 + 1), ctx)).toThrow(/2 MB/);
    expect(() =>
      convertWordPressContent(`${'<div>'.repeat(100)}deep${'</div>'.repeat(100)}`, ctx),
    ).toThrow(/nesting limit/);
    expect(() =>
      convertWordPressContent(
        `${'<!-- wp:group -->'.repeat(70)}x${'<!-- /wp:group -->'.repeat(70)}`,
        ctx,
      ),
    ).toThrow(/nesting limit/);
  });

  it('stays fast on hostile shortcode and comment input', () => {
    const started = performance.now();
    convertWordPressContent('[foo-bar '.repeat(20000), ctx);
    convertWordPressContent('[x-y]'.repeat(20000), ctx);
    convertWordPressContent('<!-- wp:paragraph '.repeat(20000), ctx);
    expect(performance.now() - started).toBeLessThan(20000);
  });
});

describe('the fixture', () => {
  async function items(): Promise<Map<number, WxrItem>> {
    const map = new Map<number, WxrItem>();
    await readWxr([readFileSync(FIXTURE)], { item: (i) => void map.set(i.postId, i) });
    return map;
  }

  it('converts the classic post 101 exactly', async () => {
    const post = (await items()).get(101);
    const { markdown, kept } = await convert(post?.contentHtml ?? '');
    expect(markdown).toBe(
      ':::figure{media="m201" alt="A solar kiosk in Nyakach with panels on its roof"}\n' +
        'The kiosk in Nyakach charges sixty phones a day.\n:::\n\n' +
        'When the first kiosk opened in Nyakach in 2022, the nearest place to charge a phone was a forty-minute boda-boda ride away.\\\n' +
        'Today there are kiosks in 40 villages across Kisumu County.\n\n' +
        'Each kiosk is run by a local **cooperative**, which keeps _70%_ of the revenue and decides how to spend it.\n\n' +
        '::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&#x26;t=90"}\n\n' +
        'Watch Grace Atieno, who chairs the Nyakach cooperative, explain the model.\n',
    );
    expect(kept).toEqual([]);
  });

  it('converts the block post 103 exactly', async () => {
    const post = (await items()).get(103);
    const { markdown, kept } = await convert(post?.contentHtml ?? '');
    expect(markdown).toBe(
      '## What the survey found\n\n' +
        'We asked 312 households in three sub-counties how they use electricity from the kiosks.\n\n' +
        '- Phone charging is the most common use\n- Lighting for **evening study** comes second\n\n' +
        ':::figure{media="m202" alt="Women filling jerrycans at the new water point"}\n' +
        'The water point in Kombewa, opened in March.\n:::\n\n' +
        '::video{url="https://www.youtube.com/embed/M7lc1UVf-VE?start=75" start="75"}\n\n' +
        '> Before the kiosk, my children did their homework by a kerosene lamp.\n>\n> Mary Achieng, Kombewa\n\n' +
        '| Use            | Households |\n| -------------- | ---------- |\n| Phone charging | 287        |\n| Lighting       | 204        |\n\n' +
        '::attachment[Annual report 2023]{media="m203"}\n',
    );
    expect(kept).toEqual([]);
  });

  it('converts post 102, keeping the map, the form and the unknown gallery id', async () => {
    const post = (await items()).get(102);
    const { markdown, kept } = await convert(post?.contentHtml ?? '');
    expect(markdown).toBe(
      'Our volunteers spent a week in Kisumu photographing the new water points.\n\n' +
        '::figure{media="m201" alt="A solar kiosk"}\n\n![](media:m202)\n\n' +
        'The documentary team also filmed the opening ceremony:\n\n' +
        '::video{url="https://vimeo.com/76979871"}\n\n' +
        'If you want to volunteer on the next trip, write to us:\n',
    );
    expect(kept.map((k) => k.kind)).toEqual([
      'shortcode:gallery',
      'iframe',
      'shortcode:contact-form-7',
    ]);
  });

  it('converts every item of the fixture into valid Markdown', async () => {
    for (const item of (await items()).values()) {
      const { markdown } = await convert(item.contentHtml);
      if (item.postType !== 'attachment')
        expect(markdown.length, String(item.postId)).toBeGreaterThan(0);
    }
  });
});

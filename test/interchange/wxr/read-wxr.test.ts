import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  readWxr,
  WxrError,
  type WxrAuthor,
  type WxrHandler,
  type WxrItem,
  type WxrProblem,
  type WxrSite,
  type WxrTerm,
} from '../../../src/interchange/wxr/read-wxr.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/wxr/site.xml', import.meta.url));
const xml = readFileSync(FIXTURE);

type Event =
  | ['site', WxrSite]
  | ['author', WxrAuthor]
  | ['term', WxrTerm]
  | ['item', WxrItem]
  | ['problem', WxrProblem];

function recorder(): { events: Event[]; handler: WxrHandler } {
  const events: Event[] = [];
  return {
    events,
    handler: {
      site: (s) => void events.push(['site', s]),
      author: (a) => void events.push(['author', a]),
      term: (t) => void events.push(['term', t]),
      item: (i) => void events.push(['item', i]),
      problem: (p) => void events.push(['problem', p]),
    },
  };
}

async function* chunks(buffer: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

async function readAll(input: AsyncIterable<string | Buffer>) {
  const { events, handler } = recorder();
  const summary = await readWxr(input, handler);
  const items = new Map<number, WxrItem>();
  for (const e of events) if (e[0] === 'item') items.set(e[1].postId, e[1]);
  return { events, summary, items };
}

const WXR_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/"
  xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/">
<channel><title>Small</title><wp:wxr_version>1.1</wp:wxr_version>
`;
const WXR_TAIL = `</channel></rss>`;
const smallItem = (id: string, content = 'Hello') =>
  `<item><title>Post ${id}</title>${id === '' ? '' : `<wp:post_id>${id}</wp:post_id>`}` +
  `<content:encoded><![CDATA[${content}]]></content:encoded><wp:post_type>post</wp:post_type>` +
  `<wp:status>publish</wp:status></item>\n`;

describe('readWxr on the fixture', () => {
  it('reads every count listed at the top of the fixture', async () => {
    const { summary, events } = await readAll(chunks(xml, 64 * 1024));
    expect(summary).toEqual({
      authors: 3,
      terms: { category: 5, post_tag: 4, language: 3, post_translations: 1 },
      items: 18,
      itemsByType: { post: 13, page: 2, attachment: 3 },
      itemsByStatus: {
        publish: 10,
        future: 1,
        private: 1,
        draft: 1,
        pending: 1,
        trash: 1,
        inherit: 3,
      },
      itemsByTypeAndStatus: {
        post: { publish: 8, future: 1, private: 1, draft: 1, pending: 1, trash: 1 },
        page: { publish: 2 },
        attachment: { inherit: 3 },
      },
      comments: 6,
      problems: 0,
    });
    const kinds = events.map((e) => e[0]);
    expect(kinds[0]).toBe('site');
    expect(kinds.filter((k) => k === 'site')).toHaveLength(1);
    const items = events.flatMap((e) => (e[0] === 'item' ? [e[1]] : []));
    expect(items.filter((i) => i.isSticky).map((i) => i.postId)).toEqual([101]);
    const approvals = items.flatMap((i) => i.comments.map((c) => c.approved));
    expect(approvals.sort()).toEqual(['0', '1', '1', '1', '1', 'spam']);
  });

  it('reads the site, an author and terms', async () => {
    const { events } = await readAll(chunks(xml, 64 * 1024));
    expect(events[0]).toEqual([
      'site',
      {
        title: 'Tuungane Energy',
        link: 'https://old.example.org',
        baseSiteUrl: 'https://old.example.org',
        baseBlogUrl: 'https://old.example.org',
        language: 'en-GB',
        pubDate: 'Mon, 08 Apr 2024 10:00:00 +0000',
        wxrVersion: '1.2',
      },
    ]);
    expect(events[1]).toEqual([
      'author',
      {
        id: 1,
        login: 'amina',
        email: 'amina@example.org',
        displayName: 'Amina Odhiambo',
        firstName: 'Amina',
        lastName: 'Odhiambo',
      },
    ]);
    const terms = events.flatMap((e) => (e[0] === 'term' ? [e[1]] : []));
    expect(terms.find((t) => t.slug === 'kenya')).toEqual({
      kind: 'category',
      id: 12,
      slug: 'kenya',
      parent: 'africa',
      name: 'Kenya',
      description: 'Our work in Kenya',
    });
    expect(terms.find((t) => t.slug === 'news')?.parent).toBe('');
    expect(terms.find((t) => t.slug === 'solar')).toEqual({
      kind: 'post_tag',
      id: 20,
      slug: 'solar',
      parent: '',
      name: 'Solar',
      description: '',
    });
    expect(terms.find((t) => t.kind === 'language' && t.slug === 'es')).toEqual({
      kind: 'language',
      id: 31,
      slug: 'es',
      parent: '',
      name: 'Español',
      description: 'a:3:{s:6:"locale";s:5:"es_ES";s:3:"rtl";i:0;s:9:"flag_code";s:2:"es";}',
    });
  });

  it('reads a post with its terms, meta and threaded comments', async () => {
    const { items } = await readAll(chunks(xml, 64 * 1024));
    const post = items.get(101);
    expect(post).toMatchObject({
      postId: 101,
      guid: 'https://old.example.org/?p=101',
      title: 'Solar kiosks reach 40 villages in Kisumu County',
      link: 'https://old.example.org/2024/03/solar-kiosks-reach-40-villages/',
      pubDate: 'Tue, 05 Mar 2024 08:30:00 +0000',
      creator: 'amina',
      excerptHtml:
        'Forty villages now charge their phones at a kiosk run by their own cooperative.',
      postDate: '2024-03-05 08:30:00',
      postDateGmt: '2024-03-05 05:30:00',
      postName: 'solar-kiosks-reach-40-villages',
      status: 'publish',
      postParent: 0,
      menuOrder: 0,
      postType: 'post',
      isSticky: true,
      attachmentUrl: '',
      commentStatus: 'open',
      terms: [
        { domain: 'category', nicename: 'kenya', name: 'Kenya' },
        { domain: 'post_tag', nicename: 'solar', name: 'Solar' },
        { domain: 'post_tag', nicename: 'community', name: 'Community' },
      ],
      meta: [{ key: '_edit_last', value: '1' }],
    });
    expect(post?.contentHtml).toMatch(/^\[caption id="attachment_201"/);
    expect(post?.contentHtml).toContain(
      '[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90[/embed]',
    );
    expect(post?.comments.map((c) => [c.id, c.parent, c.approved])).toEqual([
      [501, 0, '1'],
      [502, 501, '1'],
      [503, 0, '0'],
      [504, 0, 'spam'],
    ]);
    expect(post?.comments[1]).toEqual({
      id: 502,
      author: 'Amina Odhiambo',
      authorEmail: 'amina@example.org',
      authorUrl: 'https://old.example.org',
      date: '2024-03-06 11:03:10',
      dateGmt: '2024-03-06 08:03:10',
      contentText:
        'Yes, Seme is in the next group of twelve villages. The cooperative meets in April.',
      approved: '1',
      type: 'comment',
      parent: 501,
      userId: 1,
      meta: [],
    });
    expect(items.get(102)?.comments[0]?.meta).toEqual([{ key: 'akismet_result', value: 'false' }]);
  });

  it('reads a child page, an attachment and the unpublished statuses', async () => {
    const { items } = await readAll(chunks(xml, 64 * 1024));
    expect(items.get(131)).toMatchObject({
      postType: 'page',
      status: 'publish',
      postParent: 130,
      menuOrder: 2,
      postName: 'team',
    });
    expect(items.get(201)).toMatchObject({
      postType: 'attachment',
      status: 'inherit',
      postParent: 101,
      attachmentUrl: 'https://old.example.org/wp-content/uploads/2024/03/kiosk.jpg',
      meta: [
        { key: '_wp_attached_file', value: '2024/03/kiosk.jpg' },
        {
          key: '_wp_attachment_image_alt',
          value: 'A solar kiosk in Nyakach with panels on its roof',
        },
      ],
    });
    expect(items.get(203)?.attachmentUrl).toMatch(/annual-report-2023\.pdf$/);
    expect(items.get(106)).toMatchObject({ status: 'draft', postDateGmt: null, postName: '' });
    expect(items.get(107)).toMatchObject({ status: 'pending', postDateGmt: null });
    expect(items.get(104)?.status).toBe('future');
    expect(items.get(105)?.status).toBe('private');
    expect(items.get(108)?.status).toBe('trash');
  });

  it('gives identical results when fed 7 bytes at a time', async () => {
    const whole = await readAll(once(xml.toString('utf8')));
    const tiny = await readAll(chunks(xml, 7));
    expect(tiny.events).toEqual(whole.events);
    expect(tiny.summary).toEqual(whole.summary);
    // The fixture has multi-byte characters that 7-byte chunks split.
    expect(tiny.items.get(112)?.title).toBe('Des points d’eau potable ouvrent à Kisumu');
  });

  it('streams: an item is handed over before the rest of the input is read', async () => {
    let yielded = 0;
    let yieldedAtFirstItem = -1;
    async function* generated() {
      yielded++;
      yield WXR_HEAD;
      for (let i = 1; i <= 200; i++) {
        yielded++;
        yield smallItem(String(i), 'Text '.repeat(200));
      }
      yielded++;
      yield WXR_TAIL;
    }
    const summary = await readWxr(generated(), {
      item: () => {
        if (yieldedAtFirstItem === -1) yieldedAtFirstItem = yielded;
      },
    });
    expect(summary.items).toBe(200);
    expect(yieldedAtFirstItem).toBe(2);
  });

  it('awaits each callback before reading on', async () => {
    const log: string[] = [];
    let pulled = 0;
    async function* counted() {
      for await (const chunk of chunks(xml, 512)) {
        pulled++;
        yield chunk;
      }
    }
    await readWxr(counted(), {
      item: async (item) => {
        const before = pulled;
        log.push(`start ${item.postId}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        log.push(`end ${item.postId}`);
        expect(pulled).toBe(before);
      },
    });
    for (let i = 0; i < log.length; i += 2) {
      expect(log[i]?.replace('start', 'end')).toBe(log[i + 1]);
    }
    expect(log).toHaveLength(36);
  });
});

describe('readWxr on bad input', () => {
  it('throws a located WxrError for malformed XML', async () => {
    const bad = `${WXR_HEAD}${smallItem('1')}<item><title>Broken</titel></item>${WXR_TAIL}`;
    const { events, handler } = recorder();
    const error = await readWxr(once(bad), handler).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxrError);
    expect((error as WxrError).line).toBe(7);
    expect((error as WxrError).column).toBeGreaterThan(1);
    expect((error as WxrError).message).toMatch(/Malformed XML/);
    // What came before the error was delivered.
    expect(events.filter((e) => e[0] === 'item')).toHaveLength(1);
  });

  it('refuses a DOCTYPE (no entities)', async () => {
    const doc = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x "boom">]>\n<rss><channel><title>&x;</title></channel></rss>`;
    await expect(readWxr(once(doc), {})).rejects.toThrow(/DOCTYPE/);
    await expect(readWxr(once(doc), {})).rejects.toBeInstanceOf(WxrError);
  });

  it('refuses a document that is not RSS, and nesting past the limit', async () => {
    await expect(readWxr(once('<feed/>'), {})).rejects.toThrow(/Not a WXR export/);
    const deep = `${WXR_HEAD}<item>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</item>${WXR_TAIL}`;
    await expect(readWxr(once(deep), {})).rejects.toThrow(/nested deeper than 32/);
    await expect(readWxr(once(''), {})).rejects.toBeInstanceOf(WxrError);
  });

  it('reports an item without (or with an invalid) post_id and reads the rest', async () => {
    const doc = `${WXR_HEAD}${smallItem('1')}${smallItem('')}${smallItem('abc')}${smallItem('4')}${WXR_TAIL}`;
    const { events, handler } = recorder();
    const summary = await readWxr(once(doc), handler);
    expect(events.map((e) => e[0])).toEqual(['site', 'item', 'problem', 'problem', 'item']);
    expect(events[2]).toEqual([
      'problem',
      { line: 7, column: 7, element: 'item', message: 'Skipped an item without wp:post_id' },
    ]);
    expect((events[3]?.[1] as WxrProblem).message).toMatch(/invalid wp:post_id "abc"/);
    expect(summary).toMatchObject({ items: 2, problems: 2, itemsByType: { post: 2 } });
    expect(summary.itemsByTypeAndStatus).toEqual({ post: { publish: 2 } });
  });

  it('skips an item over the size limits with a problem', async () => {
    const big = 'x'.repeat(5000);
    const doc = `${WXR_HEAD}${smallItem('1')}${smallItem('2', big)}${smallItem('3')}${WXR_TAIL}`;
    const { events, handler } = recorder();
    const summary = await readWxr(chunks(Buffer.from(doc), 100), handler, { maxFieldChars: 1000 });
    expect(events.map((e) => e[0])).toEqual(['site', 'item', 'problem', 'item']);
    expect(events[2]?.[1]).toMatchObject({
      element: 'content:encoded',
      postId: 2,
      message: 'Skipped an item: <content:encoded> is longer than 1000 characters',
    });
    expect(summary.problems).toBe(1);

    // As WordPress writes it: the post id after the content.
    const late = `${WXR_HEAD}<item><content:encoded>${big}</content:encoded><wp:post_id>9</wp:post_id></item>${WXR_TAIL}`;
    const third = recorder();
    await readWxr(chunks(Buffer.from(late), 64), third.handler, { maxFieldChars: 1000 });
    expect(third.events.map((e) => e[0])).toEqual(['site', 'problem']);
    expect(third.events[1]?.[1]).toMatchObject({ postId: 9, element: 'content:encoded' });

    const many = `${WXR_HEAD}${smallItem('5', 'y'.repeat(900))}${WXR_TAIL}`;
    const second = recorder();
    await readWxr(once(many), second.handler, { maxItemChars: 500 });
    expect(second.events.map((e) => e[0])).toEqual(['site', 'problem']);
    expect((second.events[1]?.[1] as WxrProblem).message).toMatch(/more than 500 characters/);
  });

  it('emits the site for an export with no records', async () => {
    const { events, handler } = recorder();
    await readWxr(once(`${WXR_HEAD}${WXR_TAIL}`), handler);
    expect(events).toEqual([
      [
        'site',
        {
          title: 'Small',
          link: '',
          baseSiteUrl: '',
          baseBlogUrl: '',
          language: '',
          pubDate: '',
          wxrVersion: '1.1',
        },
      ],
    ]);
  });
});

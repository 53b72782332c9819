/**
 * A streaming reader of WordPress eXtended RSS exports (WXR 1.0, 1.1, 1.2). saxes is fed the
 * input a slice at a time; the records completed by a slice are handed to the handler (each
 * callback awaited, in order) before the next slice is read, so memory holds one record and one
 * slice, never the file. A DOCTYPE (and so any entity) and malformed XML are fatal (`WxrError`);
 * a bad item (no valid `wp:post_id`, over a size limit) is reported through `problem` and
 * skipped.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type {
  WxrComment,
  WxrHandler,
  WxrItem,
  WxrMeta,
  WxrProblem,
  WxrSite,
  WxrSummary,
} from './types.js';
import { authorFrom, commentFrom, idOrNull, itemFrom, termFrom } from './wxr-records.js';

export type * from './types.js';

/** Limits applied while reading. Text sizes are counted in UTF-16 code units. */
export const WXR_LIMITS = {
  /** Elements nested deeper than this are fatal. */
  maxDepth: 32,
  /** One text field (e.g. `content:encoded`) longer than this: the record is skipped. */
  maxFieldChars: 4 * 1024 * 1024,
  /** All the text of one item longer than this: the item is skipped. */
  maxItemChars: 16 * 1024 * 1024,
  /** Items read before stopping; Infinity = unlimited. */
  maxItems: Number.POSITIVE_INFINITY,
} as const;

export interface WxrLimits {
  maxDepth: number;
  maxFieldChars: number;
  maxItemChars: number;
  maxItems: number;
}

/** A fatal problem with the file: malformed XML, a DOCTYPE, nesting too deep, not WXR. */
export class WxrError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'WxrError';
  }
}

const NS_CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const NS_DC = 'http://purl.org/dc/elements/1.1/';
const NS_WP = /^http:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const NS_EXCERPT = /^http:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/;

/** How much of the input saxes reads before the queued callbacks run. */
const SLICE = 64 * 1024;

type RecordKind =
  | 'author'
  | 'category'
  | 'tag'
  | 'term'
  | 'item'
  | 'postmeta'
  | 'comment'
  | 'commentmeta'
  | 'itemCategory';

/** A record being collected: its direct children's text, by qualified name. */
interface Collector {
  kind: RecordKind;
  depth: number;
  line: number;
  column: number;
  fields: Map<string, string>;
  attrs: Record<string, string>;
  meta: WxrMeta[];
  comments: WxrComment[];
  terms: WxrItem['terms'];
  /** The text of the itemCategory itself. */
  text: string;
}

/** The qualified name we key fields by, whatever prefix the file binds. */
function qname(tag: { uri: string; local: string }): string {
  if (tag.uri === '') return tag.local;
  if (NS_WP.test(tag.uri)) return `wp:${tag.local}`;
  if (tag.uri === NS_CONTENT) return `content:${tag.local}`;
  if (NS_EXCERPT.test(tag.uri)) return `excerpt:${tag.local}`;
  if (tag.uri === NS_DC) return `dc:${tag.local}`;
  return `{${tag.uri}}${tag.local}`;
}

const CHANNEL_RECORDS: Record<string, RecordKind> = {
  'wp:author': 'author',
  'wp:category': 'category',
  'wp:tag': 'tag',
  'wp:term': 'term',
  item: 'item',
};

function countUp(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function attrsOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const a of Object.values(tag.attributes)) if (a.uri === '') out[a.local] = a.value;
  return out;
}

/**
 * Reads a WXR export from `input` (strings or UTF-8 buffers, any chunking), calling `handler`
 * for the site, each author, term and item, and each skipped item's problem, in file order.
 * @throws WxrError for malformed XML, a DOCTYPE, nesting deeper than `limits.maxDepth`, or a
 *   document that is not an RSS export; whatever a handler callback throws.
 */
export async function readWxr(
  input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  handler: WxrHandler,
  limits: Partial<WxrLimits> = {},
): Promise<WxrSummary> {
  const lim: WxrLimits = { ...WXR_LIMITS, ...limits };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const queue: (() => void | Promise<void>)[] = [];
  const here = () => ({ line: parser.line, column: parser.column + 1 });
  const fatal = (message: string): never => {
    const { line, column } = here();
    throw new WxrError(message, line, column);
  };

  // Counts.
  let authors = 0;
  let items = 0;
  let comments = 0;
  let problems = 0;
  const terms = new Map<string, number>();
  const byType = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const byTypeStatus = new Map<string, Map<string, number>>();

  // State.
  const stack: string[] = [];
  const site: WxrSite = {
    title: '',
    link: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
    language: '',
    pubDate: '',
    wxrVersion: '',
  };
  let siteSent = false;
  let channelDepth = -1;
  let field: { name: string; depth: number; text: string } | null = null;
  const records: Collector[] = [];
  /** The outermost record (author, term or item) is bad: skip its text and report it. */
  let bad: { message: string; element: string } | null = null;
  let itemChars = 0;
  let stopped = false;

  const emitSite = () => {
    if (siteSent) return;
    siteSent = true;
    const copy = { ...site };
    queue.push(() => handler.site?.(copy));
  };

  const problem = (p: WxrProblem) => {
    problems++;
    queue.push(() => handler.problem?.(p));
  };

  const markBad = (element: string, message: string) => {
    if (bad === null) bad = { element, message };
    field = null;
  };

  parser.on('doctype', () => fatal('A DOCTYPE (and so any entity) is refused'));
  parser.on('error', (error) => {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    fatal(`Malformed XML: ${message}`);
  });

  parser.on('opentag', (tag) => {
    const depth = stack.length;
    if (depth >= lim.maxDepth) fatal(`Elements are nested deeper than ${lim.maxDepth}`);
    const name = qname(tag);
    stack.push(name);
    if (depth === 0 && name !== 'rss') fatal(`Not a WXR export: the root element is <${name}>`);
    if (depth === 1 && name === 'channel') {
      channelDepth = 1;
      return;
    }
    if (stopped) return;
    const top = records.at(-1);
    // A record starts.
    let kind: RecordKind | undefined;
    if (top === undefined && channelDepth === 1 && depth === 2) kind = CHANNEL_RECORDS[name];
    else if (top !== undefined && depth === top.depth + 1) {
      if (top.kind === 'item' && name === 'wp:postmeta') kind = 'postmeta';
      else if (top.kind === 'item' && name === 'wp:comment') kind = 'comment';
      else if (top.kind === 'item' && name === 'category') kind = 'itemCategory';
      else if (top.kind === 'comment' && name === 'wp:commentmeta') kind = 'commentmeta';
    }
    if (kind !== undefined) {
      if (top === undefined) {
        emitSite();
        bad = null;
        itemChars = 0;
      }
      field = null;
      records.push({
        kind,
        depth,
        ...here(),
        fields: new Map(),
        attrs: kind === 'itemCategory' ? attrsOf(tag) : {},
        meta: [],
        comments: [],
        terms: [],
        text: '',
      });
      return;
    }
    // A field: a direct child of a record, or of the channel.
    const parentIsChannel = top === undefined && channelDepth === 1 && depth === 2;
    if ((top !== undefined && depth === top.depth + 1) || parentIsChannel) {
      // A skipped item's post id is still read (it comes after the content), for the report.
      field = bad === null || name === 'wp:post_id' ? { name, depth, text: '' } : null;
    } else {
      field = null;
    }
  });

  const onText = (text: string) => {
    if (stopped) return;
    if (bad !== null) {
      if (field?.name === 'wp:post_id' && field.text.length < 100) field.text += text.slice(0, 100);
      return;
    }
    const top = records.at(-1);
    let target: { text: string } | null = null;
    if (field !== null && stack.length === field.depth + 1) target = field;
    else if (top?.kind === 'itemCategory' && stack.length === top.depth + 1) target = top;
    if (target === null) return;
    if (records.length > 0) {
      itemChars += text.length;
      if (itemChars > lim.maxItemChars) {
        markBad(
          stack.at(-1) ?? '',
          `The item has more than ${lim.maxItemChars} characters of text`,
        );
        return;
      }
    }
    if (target.text.length + text.length > lim.maxFieldChars) {
      const where = stack.at(-1) ?? '';
      if (records.length === 0) fatal(`<${where}> is longer than ${lim.maxFieldChars} characters`);
      markBad(where, `<${where}> is longer than ${lim.maxFieldChars} characters`);
      return;
    }
    target.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    const name = stack.pop() ?? '';
    const depth = stack.length;
    if (name === 'channel' && depth === 1) {
      emitSite();
      channelDepth = -1;
      return;
    }
    if (field !== null && field.depth === depth) {
      const top = records.at(-1);
      if (top !== undefined) top.fields.set(field.name, field.text);
      else setSiteField(field.name, field.text);
      field = null;
      return;
    }
    const top = records.at(-1);
    if (top === undefined || top.depth !== depth) return;
    records.pop();
    const parent = records.at(-1);
    if (bad !== null && parent === undefined) {
      reportBad(top);
      return;
    }
    if (bad !== null) return;
    finish(top, parent);
  });

  function setSiteField(name: string, text: string): void {
    const v = text.trim();
    if (name === 'title') site.title = v;
    else if (name === 'link') site.link = v;
    else if (name === 'language') site.language = v;
    else if (name === 'pubDate') site.pubDate = v;
    else if (name === 'wp:base_site_url') site.baseSiteUrl = v;
    else if (name === 'wp:base_blog_url') site.baseBlogUrl = v;
    else if (name === 'wp:wxr_version') site.wxrVersion = v;
  }

  function reportBad(record: Collector): void {
    const b = bad ?? { element: record.kind, message: 'bad record' };
    const postId = record.kind === 'item' ? idOrNull(record.fields.get('wp:post_id')) : null;
    problem({
      line: record.line,
      column: record.column,
      element: b.element,
      message: `Skipped ${record.kind === 'item' ? 'an item' : `a ${record.kind}`}: ${b.message}`,
      ...(postId !== null && postId > 0 ? { postId } : {}),
    });
    bad = null;
  }

  function finish(record: Collector, parent: Collector | undefined): void {
    const f = (key: string) => record.fields.get(key) ?? '';
    switch (record.kind) {
      case 'postmeta':
      case 'commentmeta':
        parent?.meta.push({ key: f('wp:meta_key'), value: f('wp:meta_value') });
        return;
      case 'itemCategory':
        parent?.terms.push({
          domain: record.attrs.domain ?? '',
          nicename: record.attrs.nicename ?? '',
          name: record.text,
        });
        return;
      case 'comment':
        parent?.comments.push(commentFrom(record.fields, record.meta));
        return;
      case 'author': {
        const author = authorFrom(record.fields);
        authors++;
        queue.push(() => handler.author?.(author));
        return;
      }
      case 'category':
      case 'tag':
      case 'term': {
        const term = termFrom(record.kind, record.fields);
        countUp(terms, term.kind);
        queue.push(() => handler.term?.(term));
        return;
      }
      case 'item':
        finishItem(record);
    }
  }

  function finishItem(record: Collector): void {
    const f = (key: string) => record.fields.get(key) ?? '';
    const idText = f('wp:post_id').trim();
    const postId = /^\d{1,15}$/.test(idText) ? Number(idText) : 0;
    if (postId <= 0) {
      problem({
        line: record.line,
        column: record.column,
        element: 'item',
        message:
          idText === ''
            ? 'Skipped an item without wp:post_id'
            : `Skipped an item with an invalid wp:post_id "${idText.slice(0, 40)}"`,
      });
      return;
    }
    const item = itemFrom(postId, record.fields, record);
    items++;
    comments += item.comments.length;
    countUp(byType, item.postType);
    countUp(byStatus, item.status);
    const statuses = byTypeStatus.get(item.postType) ?? new Map<string, number>();
    byTypeStatus.set(item.postType, statuses);
    countUp(statuses, item.status);
    if (items >= lim.maxItems) stopped = true;
    queue.push(() => handler.item?.(item));
  }

  const drain = async () => {
    // Callbacks run one at a time, in order; no more input is read meanwhile.
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await next();
  };

  const write = async (text: string) => {
    for (let i = 0; i < text.length && !stopped; i += SLICE) {
      try {
        parser.write(text.slice(i, i + SLICE));
      } catch (error) {
        await drain();
        throw error;
      }
      await drain();
    }
  };

  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    await write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (stopped) break;
  }
  if (!stopped) {
    await write(decoder.end());
    try {
      parser.close();
    } catch (error) {
      await drain();
      throw error;
    }
  }
  emitSite();
  await drain();

  const obj = (m: Map<string, number>) => Object.fromEntries(m);
  return {
    authors,
    terms: obj(terms),
    items,
    itemsByType: obj(byType),
    itemsByStatus: obj(byStatus),
    itemsByTypeAndStatus: Object.fromEntries([...byTypeStatus].map(([k, v]) => [k, obj(v)])),
    comments,
    problems,
  };
}

/**
 * WordPress post content (classic HTML with shortcodes, or block-editor markup) → our stored
 * Markdown (GFM + `::video`, `::attachment`, `:::figure`). HTML goes through rehype-parse →
 * rehype-remark (with handlers for images, figures, media and what we cannot represent) →
 * remark-stringify with remark-gfm and remark-directive. Nothing is dropped silently: what
 * cannot be represented is returned in `kept` (sanitized HTML) and its plain text stays.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import rehypeRemark, { type Options as ToMdastOptions } from 'rehype-remark';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { blockHtml, hasBlocks, parseBlocks, type WpBlock } from './blocks.js';
import { wpautop } from './autop.js';
import {
  findAll,
  isHttpUrl,
  parseFragment,
  plainText,
  prop,
  sanitizedHtml,
  wpImageId,
} from './html-hast.js';
import {
  attachment,
  figureOf,
  fileName,
  hoist,
  link,
  paragraph,
  unescapeMediaImages,
  videoDirective,
} from './mdast-build.js';
import { decodeBasicEntities, tokenizeShortcodes, type ShortcodeToken } from './shortcodes.js';

export { videoDirective } from './mdast-build.js';

/** What the caller knows about the site's media (imported attachments). */
export interface ConvertContext {
  /** The media id for a URL (any size variant) or WordPress attachment id; null if unknown. */
  resolveMedia(url: string, wpId?: number): { id: string; alt?: string } | null;
}

/** Something that could not be represented: its kind and its sanitized HTML. */
export interface KeptFragment {
  /** `iframe`, `script`, `form`, `video`, `shortcode:contact-form-7`, `block:latest-posts`, … */
  kind: string;
  html: string;
  /** What the sanitized HTML loses (an iframe's src, a block's comment), for reports. */
  detail?: string;
}

export interface ConvertResult {
  markdown: string;
  kept: KeptFragment[];
}

/** The input limits. */
export const CONVERT_LIMITS = { maxChars: 2 * 1024 * 1024, maxDepth: 64 } as const;

type Handlers = NonNullable<ToMdastOptions['handlers']>;
type Handle = NonNullable<Handlers[string]>;
type State = Parameters<Handle>[0];

const stringifier = unified()
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', rule: '-', fences: true });

/** The blocks whose HTML we convert as it is. */
const HTML_BLOCKS = new Set([
  'paragraph',
  'heading',
  'list',
  'list-item',
  'quote',
  'pullquote',
  'table',
  'preformatted',
  'code',
  'verse',
  'separator',
  'group',
  'columns',
  'column',
  'row',
  'stack',
  'buttons',
  'button',
  'media-text',
  'cover',
  'details',
  'freeform',
  'missing',
]);
/** Blocks that carry nothing a reader sees. */
const SILENT_BLOCKS = new Set(['more', 'nextpage', 'spacer']);

class Converter {
  readonly kept: KeptFragment[] = [];
  /** The attachment id of the block being converted (wp:image {"id":12}), for its img. */
  private hintId: number | undefined;

  constructor(private readonly ctx: ConvertContext) {}

  keep(kind: string, html: Element | string, detail?: string): void {
    this.kept.push({ kind, html: sanitizedHtml(html), ...(detail ? { detail } : {}) });
  }

  resolve(url: string, wpId?: number): { id: string; alt?: string } | null {
    const id = wpId ?? this.hintId;
    return this.ctx.resolveMedia(url, id);
  }

  // ---- HTML ----

  html(html: string): RootContent[] {
    if (html.trim() === '') return [];
    const hast: HastRoot = parseFragment(html, CONVERT_LIMITS.maxDepth);
    const mdast = unified()
      .use(rehypeRemark, { document: true, handlers: this.handlers() })
      .runSync(hast);
    return mdast.children;
  }

  private handlers(): Handlers {
    const keepWithText =
      (kind: string): Handle =>
      (_state, node) => {
        this.keep(kind, node);
        const text = plainText(node);
        return text === '' ? undefined : { type: 'text', value: text };
      };
    const keepSilently =
      (kind: string): Handle =>
      (_state, node) => {
        this.keep(kind, node);
        return undefined;
      };
    return {
      img: (_state, node) => this.image(node),
      figure: (state, node) => this.figure(state, node),
      iframe: (_state, node) => {
        const src = prop(node, 'src');
        const video = videoDirective(src);
        if (video !== null) return video;
        this.keep('iframe', node, src);
        const text = plainText(node);
        return text === '' ? undefined : { type: 'text', value: text };
      },
      video: (_state, node) => this.video(node),
      audio: (_state, node) => this.audio(node),
      script: keepSilently('script'),
      style: keepSilently('style'),
      template: keepSilently('template'),
      form: keepWithText('form'),
      object: keepWithText('object'),
      embed: keepSilently('embed'),
      applet: keepWithText('applet'),
      canvas: keepWithText('canvas'),
      svg: keepWithText('svg'),
      math: keepWithText('math'),
    };
  }

  private image(node: Element): RootContent | undefined {
    const src = prop(node, 'src').trim();
    const alt = prop(node, 'alt').trim();
    const media =
      src === '' && this.hintId === undefined ? null : this.resolve(src, wpImageId(node));
    if (media !== null)
      return { type: 'image', url: `media:${media.id}`, alt: alt || media.alt || '' };
    if (isHttpUrl(src)) return { type: 'image', url: src, alt };
    this.keep('img', node, src.slice(0, 200));
    return alt === '' ? undefined : { type: 'text', value: alt };
  }

  private figure(state: State, node: Element): RootContent | RootContent[] | undefined {
    const imgs = findAll(node, (e) => e.tagName === 'img');
    const caption = findAll(node, (e) => e.tagName === 'figcaption')[0];
    const img = imgs[0];
    if (img === undefined || imgs.length !== 1) return state.toFlow(state.all(node));
    const captionFlow = caption === undefined ? [] : state.toFlow(state.all(caption));
    const hasCaption = caption !== undefined && plainText(caption) !== '';
    const src = prop(img, 'src').trim();
    const media = this.resolve(src, wpImageId(img));
    const imgAlt = prop(img, 'alt').trim();
    if (media !== null) {
      const alt = imgAlt || media.alt || (caption === undefined ? '' : plainText(caption));
      if (hasCaption && alt !== '') {
        const figure: ContainerDirective = {
          type: 'containerDirective',
          name: 'figure',
          attributes: { media: media.id, alt },
          children: captionFlow,
        };
        return figure;
      }
      return [
        { type: 'paragraph', children: [{ type: 'image', url: `media:${media.id}`, alt }] },
        ...(hasCaption ? captionFlow : []),
      ];
    }
    const image = this.image(img);
    const lead: RootContent[] =
      image === undefined ? [] : [{ type: 'paragraph', children: [image as PhrasingContent] }];
    return [...lead, ...(hasCaption ? captionFlow : [])];
  }

  private mediaSource(node: Element): string {
    const own = prop(node, 'src').trim();
    if (own !== '') return own;
    const source = findAll(node, (e) => e.tagName === 'source')[0];
    return source === undefined ? '' : prop(source, 'src').trim();
  }

  private video(node: Element): RootContent | undefined {
    const src = this.mediaSource(node);
    const video = src.startsWith('https://') ? videoDirective(src) : null;
    if (video !== null) return video;
    this.keep('video', node, src.slice(0, 200));
    const text = plainText(node);
    return text === '' ? undefined : { type: 'text', value: text };
  }

  private audio(node: Element): RootContent | undefined {
    const src = this.mediaSource(node);
    return this.audioFile(src, () => this.keep('audio', node, src.slice(0, 200)));
  }

  private audioFile(src: string, keep: () => void): RootContent | undefined {
    const media = src === '' ? null : this.resolve(src);
    if (media !== null) return attachment(media.id);
    if (isHttpUrl(src)) return link(src, fileName(src));
    keep();
    return undefined;
  }

  // ---- Shortcodes ----

  classic(text: string, autop: boolean): RootContent[] {
    const out: RootContent[] = [];
    let html = '';
    const flush = () => {
      out.push(...this.htmlWithBareVideos(html, autop));
      html = '';
    };
    for (const token of tokenizeShortcodes(text)) {
      if (token.type === 'text') {
        html += token.value;
        continue;
      }
      // A shortcode on a line of its own ends the HTML before it (so `kept` stays in order).
      if (html === '' || /\n[ \t]*$/.test(html.slice(-100))) flush();
      const nodes = this.shortcode(token, autop);
      if (nodes === 'inline') {
        // An unknown shortcode: kept aside, its content stays in the flow of the text.
        html += token.content ?? '';
        continue;
      }
      flush();
      out.push(...nodes);
    }
    flush();
    return out;
  }

  /** HTML in which a YouTube/Vimeo URL alone on its line is WordPress's auto-embed. */
  private htmlWithBareVideos(html: string, autop: boolean): RootContent[] {
    const out: RootContent[] = [];
    let rest = '';
    for (const line of html.split('\n')) {
      const url = /^\s*(?:<p>)?\s*(https?:\/\/\S+?)\s*(?:<\/p>)?\s*$/.exec(line)?.[1];
      const video = url === undefined ? null : videoDirective(decodeBasicEntities(url));
      if (video !== null) {
        out.push(...this.html(autop ? wpautop(rest) : rest), video);
        rest = '';
      } else rest += `${line}\n`;
    }
    out.push(...this.html(autop ? wpautop(rest) : rest));
    return out;
  }

  private shortcode(token: ShortcodeToken, autop: boolean): RootContent[] | 'inline' {
    const { name, attrs } = token;
    switch (name) {
      case 'caption':
      case 'wp_caption':
        return this.caption(token);
      case 'embed': {
        const url = decodeBasicEntities((token.content ?? attrs.src ?? '').trim());
        const video = videoDirective(url);
        if (video !== null) return [video];
        this.keep('shortcode:embed', token.raw, url.slice(0, 200));
        return isHttpUrl(url) ? [paragraph(link(url, url))] : [];
      }
      case 'video': {
        const src = attrs.src ?? attrs.mp4 ?? attrs.webm ?? attrs.ogv ?? attrs.m4v ?? '';
        const video = src.startsWith('https://') ? videoDirective(src) : null;
        if (video !== null) return [video];
        this.keep('shortcode:video', token.raw, src.slice(0, 200));
        return token.content === null ? [] : this.classic(token.content, autop);
      }
      case 'audio': {
        const src = attrs.src ?? attrs.mp3 ?? attrs.ogg ?? attrs.m4a ?? attrs.wav ?? '';
        const node = this.audioFile(src, () => this.keep('shortcode:audio', token.raw));
        return node === undefined ? [] : [node.type === 'link' ? paragraph(node) : node];
      }
      case 'gallery':
        return this.gallery(token);
      default:
        this.keep(`shortcode:${name}`, token.raw);
        return 'inline';
    }
  }

  private caption(token: ShortcodeToken): RootContent[] {
    const content = token.content ?? '';
    const match = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(content);
    const [imgHtml, captionHtml] =
      match === null
        ? ['', content]
        : [match[1] ?? '', (token.attrs.caption ?? match[2] ?? '').trim()];
    if (imgHtml === '') return this.html(content);
    const id = /^attachment_(\d{1,12})$/.exec(token.attrs.id ?? '')?.[1];
    this.hintId = id === undefined ? undefined : Number(id);
    try {
      return this.html(`<figure>${imgHtml}<figcaption>${captionHtml}</figcaption></figure>`);
    } finally {
      this.hintId = undefined;
    }
  }

  private gallery(token: ShortcodeToken): RootContent[] {
    const ids = (token.attrs.ids ?? token.attrs.include ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^\d{1,12}$/.test(s));
    if (ids.length === 0) {
      this.keep('shortcode:gallery', token.raw, 'a gallery without ids');
      return [];
    }
    const out: RootContent[] = [];
    const missing: string[] = [];
    for (const id of ids.slice(0, 500)) {
      const media = this.ctx.resolveMedia('', Number(id));
      if (media === null) missing.push(id);
      else out.push(figureOf(media.id, media.alt ?? ''));
    }
    if (missing.length > 0)
      this.keep(
        'shortcode:gallery',
        `[gallery ids="${missing.join(',')}"]`,
        `unresolved ids: ${missing.join(',')}`,
      );
    return out;
  }

  // ---- Blocks ----

  blocks(nodes: (string | WpBlock)[]): RootContent[] {
    const out: RootContent[] = [];
    for (const node of nodes) {
      if (typeof node === 'string') out.push(...this.classic(node, false));
      else out.push(...this.block(node));
    }
    return out;
  }

  private block(block: WpBlock): RootContent[] {
    const { name, attrs } = block;
    const id =
      typeof attrs.id === 'number' && Number.isSafeInteger(attrs.id) ? attrs.id : undefined;
    if (SILENT_BLOCKS.has(name)) return [];
    if (name === 'embed' || name.startsWith('core-embed/')) {
      const url = typeof attrs.url === 'string' ? attrs.url : plainTextOf(blockHtml(block));
      const video = videoDirective(url);
      if (video !== null) return [video];
      this.keep(`block:${name}`, blockHtml(block), url.slice(0, 200));
      return isHttpUrl(url) ? [paragraph(link(url, url))] : [];
    }
    if (name === 'shortcode') return this.classic(blockHtml(block), false);
    if (name === 'file') return this.file(block, id);
    if (name === 'gallery' && block.children.some((c) => typeof c !== 'string'))
      return this.blocks(block.children.filter((c) => typeof c !== 'string'));
    if (['image', 'gallery', 'video', 'audio', 'html', 'freeform'].includes(name)) {
      this.hintId = name === 'gallery' ? undefined : id;
      try {
        const nodes = this.html(blockHtml(block));
        // An older gallery is a list of figures: the figures, one after another.
        return name === 'gallery'
          ? nodes.flatMap((n): RootContent[] =>
              n.type === 'list' ? n.children.flatMap((li) => li.children) : [n],
            )
          : nodes;
      } finally {
        this.hintId = undefined;
      }
    }
    if (
      HTML_BLOCKS.has(name) &&
      block.children.every((c) => typeof c === 'string' || HTML_BLOCKS.has(c.name))
    )
      return this.html(blockHtml(block));
    if (HTML_BLOCKS.has(name)) return this.blocks(block.children);
    // An unknown block: its HTML if it has any text, else it is kept aside.
    const inner = blockHtml(block);
    const converted = block.children.some((c) => typeof c !== 'string')
      ? this.blocks(block.children)
      : this.html(inner);
    if (converted.length === 0 || plainTextOf(inner) === '')
      this.keep(`block:${name}`, inner, block.opener);
    return converted;
  }

  private file(block: WpBlock, id: number | undefined): RootContent[] {
    const hast = parseFragment(blockHtml(block), CONVERT_LIMITS.maxDepth);
    const anchor = findAll(hast, (e) => e.tagName === 'a' && prop(e, 'href') !== '')[0];
    const href =
      typeof block.attrs.href === 'string'
        ? block.attrs.href
        : anchor === undefined
          ? ''
          : prop(anchor, 'href');
    const label = anchor === undefined ? '' : plainText(anchor);
    const media = href === '' && id === undefined ? null : this.ctx.resolveMedia(href, id);
    if (media !== null) return [attachment(media.id, label)];
    if (isHttpUrl(href)) return [paragraph(link(href, label || fileName(href)))];
    this.keep('block:file', blockHtml(block), block.opener);
    return label === '' ? [] : [paragraph({ type: 'text', value: label })];
  }
}

function plainTextOf(html: string): string {
  return plainText(parseFragment(html, CONVERT_LIMITS.maxDepth));
}

/**
 * Converts WordPress content to our Markdown, returning what could not be represented.
 * @throws Error naming the limit when the content is over 2 MB or nests deeper than 64 levels
 *   (HTML elements or blocks); the caller reports it for the item.
 */
export function convertWordPressContent(html: string, ctx: ConvertContext): ConvertResult {
  if (html.length > CONVERT_LIMITS.maxChars)
    throw new Error(
      `The content is ${html.length} characters long; the limit is ${CONVERT_LIMITS.maxChars} (2 MB)`,
    );
  const text = html.replace(/\r\n?/g, '\n');
  const converter = new Converter(ctx);
  const children = hasBlocks(text)
    ? converter.blocks(parseBlocks(text, CONVERT_LIMITS.maxDepth))
    : converter.classic(text, true);
  const root: Root = { type: 'root', children: hoist(children) };
  const markdown =
    root.children.length === 0 ? '' : unescapeMediaImages(stringifier.stringify(root));
  return { markdown, kept: converter.kept };
}

/**
 * The mdast we build by hand while converting WordPress content (directives, links, images),
 * and the two fix-ups on the converted tree and its Markdown.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { identifyVideo } from '../markdown/video.js';

const FLOW_TYPES = new Set(['leafDirective', 'containerDirective']);

export function paragraph(child: PhrasingContent): RootContent {
  return { type: 'paragraph', children: [child] };
}

export function link(url: string, text: string): PhrasingContent {
  return { type: 'link', url, children: [{ type: 'text', value: text }] };
}

export function fileName(url: string): string {
  const last = url.split(/[?#]/)[0]?.split('/').filter(Boolean).at(-1) ?? url;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function attachment(mediaId: string, label = ''): LeafDirective {
  return {
    type: 'leafDirective',
    name: 'attachment',
    attributes: { media: mediaId },
    children: label === '' ? [] : [{ type: 'text', value: label }],
  };
}

export function figureOf(mediaId: string, alt: string): RootContent {
  if (alt === '') return paragraph({ type: 'image', url: `media:${mediaId}`, alt: '' });
  return {
    type: 'leafDirective',
    name: 'figure',
    attributes: { media: mediaId, alt },
    children: [],
  };
}

/**
 * `::video{url=…}` for a YouTube or Vimeo URL, or an https video file; null otherwise. A
 * `start=` in the URL becomes `start="N"` (our parser reads `t=` from the URL itself).
 */
export function videoDirective(rawUrl: string): LeafDirective | null {
  const url = rawUrl.trim();
  const ref = identifyVideo(url);
  if (ref === null || (ref.provider === 'file' && !url.startsWith('https://'))) return null;
  const attributes: Record<string, string> = { url };
  const start = /[?&]start=(\d{1,6})(?:&|#|$)/.exec(url)?.[1];
  if (start !== undefined && !/[?&#]t=/.test(url)) attributes.start = start;
  return { type: 'leafDirective', name: 'video', attributes, children: [] };
}

/** Moves directives out of the paragraphs (and inline elements) they were converted inside. */
export function hoist(children: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const child of children) {
    if (child.type !== 'paragraph' && child.type !== 'heading') {
      if ('children' in child && child.type !== 'table' && child.type !== 'leafDirective')
        (child as { children: RootContent[] }).children = hoist(child.children);
      out.push(child);
      continue;
    }
    let run: PhrasingContent[] = [];
    const flushRun = () => {
      // A split leaves the spaces beside the directive at the edges of the runs.
      const first = run[0];
      if (first?.type === 'text') run[0] = { ...first, value: first.value.trimStart() };
      const last = run.at(-1);
      if (last?.type === 'text') run[run.length - 1] = { ...last, value: last.value.trimEnd() };
      const blank = run.every((n) => n.type === 'text' && n.value.trim() === '');
      if (!blank || child.type === 'heading') out.push({ ...child, children: run });
      run = [];
    };
    for (const node of child.children) {
      if (FLOW_TYPES.has(node.type)) {
        flushRun();
        out.push(node);
      } else run.push(node);
    }
    flushRun();
  }
  return out;
}

/**
 * remark-directive makes the stringifier escape a colon before a letter everywhere, so our own
 * images come out as `![alt](media\\:ID)`; they are written `![alt](media:ID)` (the same
 * document once parsed). Only image syntax can match: text `![` is always escaped.
 */
export function unescapeMediaImages(markdown: string): string {
  return markdown.replace(/(!\[[^\]\n]*\]\(media)\\:([\w-]{1,200}\))/g, '$1:$2');
}

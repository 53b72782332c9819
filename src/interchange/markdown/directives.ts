/**
 * The directives Polyphony adds to Markdown (`::video`, `::attachment`, `:::figure`): how to
 * recognise them, what they mean, and what makes one invalid. Rendering lives in render-*.ts.
 */
import type { Image, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { parseStartTime } from './time.js';
import { identifyVideo, videoEmbed, type VideoEmbed } from './video.js';
import {
  attribute,
  isDirective,
  isRoot,
  mediaIdFromAttribute,
  mediaIdFromUrl,
  plainText,
  walk,
  type ContainerDirective,
  type Directive,
  type LeafDirective,
} from './tree.js';

/** A `::video` directive that can be rendered. */
export interface ResolvedVideo {
  embed: VideoEmbed;
  start: number | null;
  title: string;
}

/** A `:::figure` (or `::figure`) split into its image and caption. */
export interface FigureParts {
  /** From the `media` attribute, when given. */
  mediaId?: string;
  /** The first image of the first paragraph, when there is no `media` attribute. */
  image?: Image;
  /** `alt` attribute, else the wrapped image's alt; undefined when blank. */
  alt?: string;
  /** Block content for the caption (the image removed). */
  caption: RootContent[];
}

/** True when the node is one of our directives rather than stray `:word` prose. */
export function isKnownDirective(node: Directive): boolean {
  if (node.type === 'leafDirective') {
    return node.name === 'video' || node.name === 'attachment' || node.name === 'figure';
  }
  return node.type === 'containerDirective' && node.name === 'figure';
}

/** True for a container's `[label]` paragraph, which remark-directive marks in `data`. */
export function isLabelParagraph(node: RootContent): node is Paragraph {
  if (node.type !== 'paragraph' || node.data === undefined) return false;
  return Object.hasOwn(node.data, 'directiveLabel');
}

/** Label text of a leaf directive (`::video[Title]{…}`), or undefined when blank. */
export function labelText(node: LeafDirective | ContainerDirective): string | undefined {
  const label =
    node.type === 'leafDirective'
      ? node.children.map((child) => plainText(child)).join('')
      : node.children
          .filter(isLabelParagraph)
          .map((child) => plainText(child))
          .join('');
  const trimmed = label.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Resolves a `::video` directive, or returns the problem that stops it rendering. */
export function resolveVideo(node: LeafDirective): ResolvedVideo | { problem: string } {
  const url = attribute(node, 'url');
  if (url === undefined) {
    return { problem: 'body: video needs a url (::video{url="https://…"})' };
  }
  const ref = identifyVideo(url);
  if (ref === null) {
    return {
      problem: `body: video needs a url from YouTube, Vimeo, or an https link to an .mp4, .webm or .ogv file (got "${url}")`,
    };
  }
  const startText = attribute(node, 'start');
  let start = ref.urlStart;
  if (startText !== undefined) {
    start = parseStartTime(startText);
    if (start === null) {
      return { problem: `body: video start "${startText}" is not a time like 2:12:30` };
    }
  }
  const title = attribute(node, 'title') ?? labelText(node) ?? 'Video';
  return { embed: videoEmbed(ref, start), start, title };
}

function firstImage(paragraph: Paragraph): Image | undefined {
  return paragraph.children.find((child): child is Image => child.type === 'image');
}

function withoutImage(paragraph: Paragraph, image: Image): Paragraph | undefined {
  const rest: PhrasingContent[] = paragraph.children.filter((child) => child !== image);
  const first = rest[0];
  if (first?.type === 'text') rest[0] = { ...first, value: first.value.replace(/^\s+/, '') };
  const blank = rest.every((child) => child.type === 'text' && child.value.trim() === '');
  return blank ? undefined : { ...paragraph, children: rest };
}

/** Splits a figure directive into image source, alt text and caption content. */
export function figureParts(node: LeafDirective | ContainerDirective): FigureParts {
  const mediaId = mediaIdFromAttribute(attribute(node, 'media'));
  const altAttribute = attribute(node, 'alt');
  if (node.type === 'leafDirective') {
    const label = node.children;
    const caption: RootContent[] = label.length > 0 ? [{ type: 'paragraph', children: label }] : [];
    return { mediaId, alt: altAttribute, caption };
  }

  const labels = node.children.filter(isLabelParagraph);
  const body = node.children.filter((child): boolean => !isLabelParagraph(child));
  let image: Image | undefined;
  const caption: RootContent[] = [];
  for (const child of body) {
    const found = mediaId === undefined && image === undefined && child.type === 'paragraph';
    const candidate = found ? firstImage(child) : undefined;
    if (candidate !== undefined && child.type === 'paragraph') {
      image = candidate;
      const rest = withoutImage(child, candidate);
      if (rest !== undefined) caption.push(rest);
    } else {
      caption.push(child);
    }
  }
  if (caption.length === 0) {
    caption.push(
      ...labels.map((label): Paragraph => ({ type: 'paragraph', children: label.children })),
    );
  }
  const imageAlt = image?.alt?.trim();
  const alt = altAttribute ?? (imageAlt === '' ? undefined : imageAlt);
  return { mediaId, image, alt, caption };
}

/** Problems that make the document unsaveable, without duplicates, in document order. */
export function validateDocument(root: Root): string[] {
  if (!isRoot(root)) return ['body: is not a Markdown document'];
  const problems: string[] = [];
  walk(root, (node) => {
    if (!isDirective(node) || !isKnownDirective(node) || node.type === 'textDirective') return;
    if (node.name === 'video' && node.type === 'leafDirective') {
      const video = resolveVideo(node);
      if ('problem' in video) problems.push(video.problem);
    } else if (node.name === 'attachment') {
      if (mediaIdFromAttribute(attribute(node, 'media')) === undefined) {
        problems.push('body: attachment needs a media attribute (::attachment{media="…"})');
      }
    } else if (node.name === 'figure') {
      const parts = figureParts(node);
      if (parts.mediaId === undefined && parts.image === undefined) {
        problems.push('body: figure needs a media attribute or an image');
      }
      if (parts.alt === undefined) problems.push('body: figure needs alt text');
    }
  });
  return [...new Set(problems)];
}

/** Media ids the document uses (attachments, figures, `media:` images), unique, in order. */
export function collectMediaReferences(root: Root): string[] {
  const ids = new Set<string>();
  if (!isRoot(root)) return [];
  walk(root, (node: Nodes) => {
    if (node.type === 'image') {
      const id = mediaIdFromUrl(node.url);
      if (id !== undefined) ids.add(id);
    } else if (isDirective(node) && isKnownDirective(node) && node.name !== 'video') {
      const id = mediaIdFromAttribute(attribute(node, 'media'));
      if (id !== undefined) ids.add(id);
    }
  });
  return [...ids];
}

/**
 * Rendering of media-backed content: `media:` images, external images, `::attachment` download
 * links and `:::figure` with caption. Unknown media never throws; it shows a visible note.
 */
import type { Element, ElementContent } from 'hast';
import type { Image, RootContent } from 'mdast';
import type { MediaInfo, RenderContext } from '../../services/ports.js';
import { figureParts, labelText } from './directives.js';
import { el, text } from './hast.js';
import { l10n } from './render-video.js';
import { fileTypeLabel, humanSize, IMAGE_SIZES, srcsetFor } from './media.js';
import { attribute, mediaIdFromAttribute, mediaIdFromUrl } from './tree.js';
import type { ContainerDirective, LeafDirective } from './tree.js';

/** Converts mdast children to hast (the `state.all` of remark-rehype, narrowed to what we use). */
export type ConvertChildren = (nodes: RootContent[]) => ElementContent[];

function missing(kind: string, name: string): Element {
  return el('span', { className: ['media-missing'] }, [text(`Missing ${kind}: ${name}`)]);
}

/** `<img>` for a media item, with srcset, sizes, intrinsic size and lazy loading. */
export function mediaImage(media: MediaInfo, alt: string, title?: string | null): Element {
  const srcSet = srcsetFor(media);
  return el('img', {
    src: media.url,
    srcSet,
    sizes: srcSet === undefined ? undefined : IMAGE_SIZES,
    width: media.width,
    height: media.height,
    alt,
    title,
    loading: 'lazy',
    decoding: 'async',
  });
}

/**
 * An mdast image: `media:ID` resolves through the context; other URLs stay as the author wrote
 * them (the sanitizer later drops any protocol other than http/https or relative).
 */
export function renderImage(node: Image, context: RenderContext, altOverride?: string): Element {
  const alt = altOverride ?? node.alt ?? '';
  const id = mediaIdFromUrl(node.url);
  if (id !== undefined) {
    const media = context.media(id);
    if (media === undefined || media.kind !== 'image') return missing('image', alt || id);
    return mediaImage(media, alt, node.title);
  }
  return el('img', {
    src: node.url,
    alt,
    title: node.title,
    loading: 'lazy',
    decoding: 'async',
  });
}

/** `<p class="attachment"><a download …>label</a> <span class="attachment-meta">PDF, 2.4 MB</span></p>`. */
export function renderAttachment(
  node: LeafDirective,
  context: RenderContext,
  convert: ConvertChildren,
): Element {
  const id = mediaIdFromAttribute(attribute(node, 'media'));
  const media = id === undefined ? undefined : context.media(id);
  const label = labelText(node) === undefined ? undefined : convert(node.children);
  if (media === undefined) {
    return el('p', { className: ['attachment', 'attachment-missing'] }, [
      text('Missing attachment: '),
      ...(label ?? [text(id ?? 'no media given')]),
    ]);
  }
  const meta = `${fileTypeLabel(media.mime, media.filename)}, ${humanSize(media.size)}`;
  return el('p', { className: ['attachment'] }, [
    el('a', { href: media.url, download: true, type: media.mime }, label ?? [text(media.filename)]),
    text(' '),
    el(
      'span',
      {
        className: ['attachment-meta'],
        ...l10n('attachment', {
          type: fileTypeLabel(media.mime, media.filename),
          bytes: media.size,
        }),
      },
      [text(meta)],
    ),
  ]);
}

function captionContent(caption: RootContent[], convert: ConvertChildren): ElementContent[] {
  const only = caption[0];
  if (caption.length === 1 && only?.type === 'paragraph') return convert(only.children);
  return convert(caption);
}

/** `<figure><img …><figcaption>…</figcaption></figure>` from a media id or a wrapped image. */
export function renderFigure(
  node: LeafDirective | ContainerDirective,
  context: RenderContext,
  convert: ConvertChildren,
): Element {
  const parts = figureParts(node);
  const alt = parts.alt ?? '';
  let picture: Element;
  if (parts.mediaId !== undefined) {
    const media = context.media(parts.mediaId);
    picture =
      media === undefined || media.kind !== 'image'
        ? missing('image', alt || parts.mediaId)
        : mediaImage(media, alt);
  } else if (parts.image !== undefined) {
    picture = renderImage(parts.image, context, alt);
  } else {
    picture = missing('image', alt || 'no media given');
  }
  const children: ElementContent[] = [picture];
  if (parts.caption.length > 0) {
    children.push(el('figcaption', {}, captionContent(parts.caption, convert)));
  }
  return el('figure', {}, children);
}

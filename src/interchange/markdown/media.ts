/**
 * How media items are described to readers: file type names, human file sizes, and responsive
 * image attributes from the resized variants.
 */
import type { MediaInfo } from '../../services/ports.js';

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/zip': 'ZIP',
  'application/epub+zip': 'EPUB',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'text/plain': 'Text',
  'text/csv': 'CSV',
  'audio/mpeg': 'MP3',
  'image/jpeg': 'JPEG',
  'image/svg+xml': 'SVG',
};

/** A short type name for a file: "PDF", "Word", else the extension or MIME subtype in capitals. */
export function fileTypeLabel(mime: string, filename: string): string {
  const known = TYPE_NAMES[mime.toLowerCase()];
  if (known !== undefined) return known;
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1];
  if (extension !== undefined) return extension.toUpperCase();
  const subtype = /^[a-z]+\/([a-z0-9.+-]+)$/i.exec(mime)?.[1];
  return subtype !== undefined ? subtype.toUpperCase() : 'File';
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** Decimal (SI) size as people read it: "812 bytes", "2.4 MB", "17 MB". */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  let value = bytes;
  for (const [index, unit] of UNITS.entries()) {
    value /= 1000;
    const shown = value < 9.95 ? Math.round(value * 10) / 10 : Math.round(value);
    if (shown < 1000 || index === UNITS.length - 1) return `${shown} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** Default `sizes` for article images: full width on small screens, the text column beyond. */
export const IMAGE_SIZES = '(min-width: 48rem) 48rem, 100vw';

/** The `srcset` for an image: each variant, plus the original at its own width. */
export function srcsetFor(media: MediaInfo): string | undefined {
  const candidates = new Map<number, string>();
  for (const variant of media.variants) candidates.set(variant.width, variant.url);
  if (media.width !== null && !candidates.has(media.width)) {
    candidates.set(media.width, media.url);
  }
  if (candidates.size === 0) return undefined;
  return [...candidates]
    .sort(([a], [b]) => a - b)
    .map(([width, url]) => `${url} ${width}w`)
    .join(', ');
}

/**
 * Uploading media. The type is decided by the bytes, never by the file name: images must
 * decode (sharp) and get resized WebP variants; documents must be PDFs by their signature.
 */
import { extname } from 'node:path';
import { DomainError, ForbiddenError, ValidationError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { MediaRecord } from '../repositories.js';

/** Widths of the resized variants (used for srcset); larger originals keep their own size too. */
export const variantWidths = [480, 960, 1600] as const;

/**
 * Images with more pixels than this are refused before any is decoded: decoding takes about
 * 3–4 bytes a pixel (a 10000 × 10000 PNG of a few hundred KB would need 400 MB). 40 megapixels
 * is more than any camera photo a blog needs (a 7,700 × 5,200 image).
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

function megapixels(pixels: number): string {
  return `${(pixels / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} megapixels`;
}

const documentTypes: { mime: string; ext: string; signature: Buffer }[] = [
  { mime: 'application/pdf', ext: 'pdf', signature: Buffer.from('%PDF-') },
];

export interface UploadInput {
  filename: string;
  data: Buffer;
  /** What the uploader meant it to be: an image (for figures) or any document. */
  expect: 'image' | 'document' | 'any';
  alt?: string;
}

/**
 * Stores an upload; throws `payload_too_large` (bytes), `too_complex` (an image over
 * MAX_IMAGE_PIXELS, refused from its header before decoding), `unsupported_media_type` or
 * validation errors.
 */
export async function uploadMedia(
  deps: ServiceDeps,
  actor: Actor,
  input: UploadInput,
): Promise<MediaRecord> {
  if (!can.uploadMedia(actor)) throw new ForbiddenError('Only authors can upload media');
  const limit = deps.settings.maxUploadBytes;
  if (input.data.length > limit) {
    throw new DomainError(
      'payload_too_large',
      `The file is ${formatMb(input.data.length)}; the limit is ${formatMb(limit)}`,
    );
  }
  if (input.data.length === 0)
    throw new ValidationError([{ field: 'file', message: 'The file is empty' }]);
  const filename = safeFilename(input.filename);
  const id = deps.newId();
  const day = deps.clock.now().toISOString().slice(0, 7).replace('-', '/');
  const image = input.expect === 'document' ? null : await deps.images.probe(input.data);

  if (image && image.width * image.height > MAX_IMAGE_PIXELS) {
    const message = `The image is ${image.width.toLocaleString('en-US')} × ${image.height.toLocaleString('en-US')} pixels (${megapixels(image.width * image.height)}); the limit is ${megapixels(MAX_IMAGE_PIXELS)}`;
    throw new DomainError('too_complex', message, [{ field: 'file', message }]);
  }
  if (image) {
    const ext = image.format === 'jpeg' ? 'jpg' : image.format;
    const storageKey = `${day}/${id}.${ext}`;
    await deps.storage.put(storageKey, input.data);
    const variants: MediaRecord['variants'] = [];
    for (const width of variantWidths.filter((w) => w < image.width)) {
      const variant = await deps.images.resize(input.data, width, MAX_IMAGE_PIXELS);
      const key = `${day}/${id}-${variant.width}.webp`;
      await deps.storage.put(key, variant.data);
      variants.push({ width: variant.width, height: variant.height, key, mime: variant.mime });
    }
    return save(deps, {
      id,
      kind: 'image',
      mime: image.mime,
      filename,
      size: input.data.length,
      width: image.width,
      height: image.height,
      storageKey,
      variants,
      alt: input.alt ?? '',
      uploadedBy: actor.id,
      createdAt: deps.clock.now().toISOString(),
    });
  }
  if (input.expect === 'image') {
    throw new DomainError(
      'unsupported_media_type',
      `"${filename}" is not an image we can read (JPEG, PNG, WebP, GIF or AVIF)`,
    );
  }
  const doc = documentTypes.find((t) =>
    input.data.subarray(0, t.signature.length).equals(t.signature),
  );
  if (!doc) {
    throw new DomainError(
      'unsupported_media_type',
      `"${filename}" is neither an image nor a PDF document`,
    );
  }
  const storageKey = `${day}/${id}/${filename.toLowerCase().endsWith(`.${doc.ext}`) ? filename : `${filename}.${doc.ext}`}`;
  await deps.storage.put(storageKey, input.data);
  return save(deps, {
    id,
    kind: 'document',
    mime: doc.mime,
    filename,
    size: input.data.length,
    width: null,
    height: null,
    storageKey,
    variants: [],
    alt: '',
    uploadedBy: actor.id,
    createdAt: deps.clock.now().toISOString(),
  });
}

async function save(deps: ServiceDeps, record: MediaRecord): Promise<MediaRecord> {
  await deps.store.media.insert(record);
  return record;
}

/** Keeps letters of any script, digits, dot, dash and underscore; never a path. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const ext = extname(base);
  const stem = base
    .slice(0, base.length - ext.length)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|-+$/g, '');
  const cleanExt = ext.replace(/[^\p{L}\p{N}.]/gu, '').toLowerCase();
  return `${stem || 'file'}${cleanExt}`.slice(0, 120);
}

function formatMb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

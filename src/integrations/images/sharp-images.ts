/**
 * Image decoding and resizing with sharp (libvips). sharp is loaded on first use: a server
 * that only reads never pays for libvips in memory.
 */
import type * as SharpModule from 'sharp';
import type { ImageProcessor } from '../../services/ports.js';

let loaded: Promise<typeof SharpModule> | undefined;
const sharpModule = () => (loaded ??= import('sharp'));

const mimeOf: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heif: 'image/heif',
  tiff: 'image/tiff',
};

export const sharpImages: ImageProcessor = {
  async probe(data) {
    try {
      const { default: sharp } = await sharpModule();
      // The header only: no pixel is decoded, so the size can be reported whatever it is
      // (the upload service refuses images over its pixel limit with a clear message).
      const meta = await sharp(data, { limitInputPixels: false }).metadata();
      const mime = meta.format ? mimeOf[meta.format] : undefined;
      if (!mime || !meta.width || !meta.height) return null;
      return { format: meta.format, mime, width: meta.width, height: meta.height };
    } catch {
      return null;
    }
  },
  async resize(data, width, maxPixels) {
    const { default: sharp } = await sharpModule();
    // sharp's own pixel limit as well as the service's check: never decode a bigger image.
    const { data: out, info } = await sharp(data, { limitInputPixels: maxPixels })
      .rotate()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, mime: 'image/webp', data: out };
  },
};

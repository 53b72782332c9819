/** Image decoding and resizing with sharp (libvips). */
import sharp from 'sharp';
import type { ImageProcessor } from '../../services/ports.js';

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
      const meta = await sharp(data, { limitInputPixels: 100_000_000 }).metadata();
      const mime = meta.format ? mimeOf[meta.format] : undefined;
      if (!mime || !meta.width || !meta.height) return null;
      return { format: meta.format, mime, width: meta.width, height: meta.height };
    } catch {
      return null;
    }
  },
  async resize(data, width) {
    const { data: out, info } = await sharp(data)
      .rotate()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, mime: 'image/webp', data: out };
  },
};

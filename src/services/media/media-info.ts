/** Turns stored media records into what rendering needs (public URLs, variants). */
import type { MediaInfo } from '../ports.js';
import type { MediaRecord } from '../repositories.js';

/** Public URL of a stored file; the HTTP layer serves /media/* from Storage. */
export function mediaUrl(storageKey: string): string {
  return `/media/${storageKey}`;
}

export function toMediaInfo(m: MediaRecord): MediaInfo {
  return {
    id: m.id,
    kind: m.kind,
    url: mediaUrl(m.storageKey),
    mime: m.mime,
    size: m.size,
    filename: m.filename,
    width: m.width,
    height: m.height,
    alt: m.alt,
    variants: m.variants.map((v) => ({ width: v.width, url: mediaUrl(v.key) })),
  };
}

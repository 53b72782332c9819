/** Test helpers: media items and a render context that knows them. */
import type { Root } from 'mdast';
import type { MediaInfo, RenderContext } from '../../services/ports.js';
import { collectMediaReferences, validateDocument } from './directives.js';
import { parseMarkdown } from './parse.js';
import { renderDocument } from './render.js';

/** A media item with sensible defaults for tests. */
export function buildMedia(overrides: Partial<MediaInfo> & Pick<MediaInfo, 'id'>): MediaInfo {
  return {
    kind: 'image',
    url: `/media/${overrides.id}/original.jpg`,
    mime: 'image/jpeg',
    size: 123_456,
    filename: 'photo.jpg',
    width: 2000,
    height: 1333,
    alt: '',
    variants: [
      { width: 480, url: `/media/${overrides.id}/480.jpg` },
      { width: 960, url: `/media/${overrides.id}/960.jpg` },
    ],
    ...overrides,
  };
}

/** A render context over the given media items; anything else is unknown. */
export function contextWith(...items: MediaInfo[]): RenderContext {
  const byId = new Map(items.map((item) => [item.id, item]));
  return { media: (id) => byId.get(id) };
}

/** The playbook PDF used across tests. */
export const playbook = buildMedia({
  id: 'pdf1',
  kind: 'document',
  url: '/media/pdf1/playbook.pdf',
  mime: 'application/pdf',
  size: 2_400_000,
  filename: 'playbook.pdf',
  width: null,
  height: null,
  variants: [],
});

/** A photo with two resized variants. */
export const photo = buildMedia({ id: 'img1' });

/**
 * The format's parts called in this thread — no worker, no time budget — for tests about what
 * the content means and how it renders (the worker path has its own tests in limits.test.ts).
 */
export const syncFormat = {
  parse: (markdown: string): Root => parseMarkdown(markdown),
  validate: validateDocument,
  mediaReferences: collectMediaReferences,
  render: renderDocument,
};

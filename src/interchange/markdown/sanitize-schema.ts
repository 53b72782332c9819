/**
 * The sanitizer policy: GitHub's (`defaultSchema` of hast-util-sanitize, ids prefixed with
 * `user-content-`), extended only by what our own directive output needs.
 */
import { defaultSchema } from 'rehype-sanitize';
import type { Options as Schema } from 'rehype-sanitize';

type Definitions = NonNullable<NonNullable<Schema['attributes']>[string]>;

const base = defaultSchema.attributes ?? {};

/** The default definitions for a tag with its `className` rule widened by `classes`. */
function withClasses(tagName: string, classes: string[], extra: Definitions = []): Definitions {
  const existing = base[tagName] ?? [];
  const allowed = [...classes];
  const kept: Definitions = [];
  for (const definition of existing) {
    if (Array.isArray(definition) && definition[0] === 'className') {
      for (const value of definition.slice(1)) if (typeof value === 'string') allowed.push(value);
    } else {
      kept.push(definition);
    }
  }
  return [...kept, ['className', ...allowed], ...extra];
}

/** The schema passed to rehype-sanitize for every rendered document. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  attributes: {
    ...base,
    a: withClasses(
      'a',
      ['embed-play'],
      [['download', true], 'type', ['rel', 'noopener', 'noreferrer']],
    ),
    div: withClasses('div', ['embed-placeholder']),
    figure: withClasses(
      'figure',
      ['embed', 'embed-video'],
      [['dataEmbedProvider', 'youtube', 'vimeo', 'file'], 'dataEmbedSrc', 'dataEmbedTitle'],
    ),
    img: [...(base.img ?? []), 'srcSet', 'sizes', ['loading', 'lazy'], ['decoding', 'async']],
    p: withClasses('p', [
      'embed-title',
      'embed-meta',
      'embed-notice',
      'attachment',
      'attachment-missing',
      'directive-problem',
    ]),
    span: withClasses('span', ['attachment-meta', 'media-missing']),
  },
};

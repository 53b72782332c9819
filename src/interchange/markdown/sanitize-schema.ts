/**
 * The sanitizer policy: GitHub's (`defaultSchema` of hast-util-sanitize, ids prefixed with
 * `user-content-`), extended only by what our own directive output needs and by the marks of a
 * rendered translation: `lang` and `dir` (already allowed on every element by the default) and
 * the class `translation-outdated` on the blocks that hold units.
 */
import { defaultSchema } from 'rehype-sanitize';
import type { Options as Schema } from 'rehype-sanitize';
import { OUTDATED_CLASS } from '../../domain/units/index.js';

type Definitions = NonNullable<NonNullable<Schema['attributes']>[string]>;

const base = defaultSchema.attributes ?? {};

const OUTDATED = OUTDATED_CLASS;

/** Blocks that hold a unit and may carry its marks. */
const UNIT_BLOCKS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
  'blockquote',
  'figcaption',
];

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

/** The marks of the interface texts our directives render (render-video.ts `l10n`). */
const L10N: Definitions = ['dataL10n', 'dataL10nArgs'];

/** The schema passed to rehype-sanitize for every rendered document. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  attributes: {
    ...base,
    ...Object.fromEntries(UNIT_BLOCKS.map((tag) => [tag, withClasses(tag, [OUTDATED])])),
    a: withClasses(
      'a',
      ['embed-play'],
      [['download', true], 'type', ['rel', 'noopener', 'noreferrer'], ...L10N],
    ),
    div: withClasses('div', ['embed-placeholder']),
    figure: withClasses(
      'figure',
      ['embed', 'embed-video', OUTDATED],
      [['dataEmbedProvider', 'youtube', 'vimeo', 'file'], 'dataEmbedSrc', 'dataEmbedTitle'],
    ),
    img: [...(base.img ?? []), 'srcSet', 'sizes', ['loading', 'lazy'], ['decoding', 'async']],
    p: withClasses(
      'p',
      [
        'embed-title',
        'embed-meta',
        'embed-notice',
        'attachment',
        'attachment-missing',
        'directive-problem',
        OUTDATED,
      ],
      L10N,
    ),
    span: withClasses('span', ['attachment-meta', 'media-missing'], L10N),
  },
};

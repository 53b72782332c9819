/**
 * Polyphony's content format: GFM Markdown plus `::video`, `::attachment` and `:::figure`
 * directives, stored as mdast and rendered to sanitized HTML. See README.md beside this file.
 */
import type { ContentFormat } from '../../services/ports.js';
import { collectMediaReferences, validateDocument } from './directives.js';
import { parseMarkdown } from './parse.js';
import { renderDocument } from './render.js';

/** The `ContentFormat` port implemented with unified (remark + rehype-sanitize). */
export const markdownFormat: ContentFormat = {
  parse: parseMarkdown,
  validate: validateDocument,
  mediaReferences: collectMediaReferences,
  render: renderDocument,
};

export { formatTime, parseStartTime, parseUrlTime } from './time.js';
export {
  identifyVideo,
  videoEmbed,
  type VideoEmbed,
  type VideoProvider,
  type VideoRef,
} from './video.js';
export { fileTypeLabel, humanSize } from './media.js';

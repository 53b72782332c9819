/**
 * Polyphony's content format: GFM Markdown plus `::video`, `::attachment` and `:::figure`
 * directives, stored as mdast and rendered to sanitized HTML. Parsing, and rendering large
 * documents, run in a worker pool within limits of size, depth and time. See README.md beside
 * this file.
 */
import type { Root } from 'mdast';
import type { ContentFormat, MediaInfo, RenderContext } from '../../services/ports.js';
import { collectMediaReferences, validateDocument } from './directives.js';
import {
  checkSource,
  checkTree,
  DEFAULT_CONTENT_LIMITS,
  limitError,
  measureTree,
  type ContentLimits,
} from './limits.js';
import { FormatPool } from './pool.js';
import { renderDocument } from './render.js';
import { stringifyMarkdown } from './stringify.js';
import { isRoot } from './tree.js';

/** The content format plus the worker threads it owns, which `close()` stops. */
export interface MarkdownFormat extends ContentFormat {
  readonly limits: Readonly<ContentLimits>;
  /** Stops the worker threads; the format stays usable (they start again when needed). */
  close(): Promise<void>;
}

function mediaOf(root: Root, context: RenderContext): Record<string, MediaInfo> {
  const media: Record<string, MediaInfo> = {};
  for (const id of collectMediaReferences(root)) {
    const info = context.media(id);
    if (info !== undefined) media[id] = info;
  }
  return media;
}

/**
 * The `ContentFormat` port implemented with unified (remark + rehype-sanitize), with the given
 * limits (DEFAULT_CONTENT_LIMITS for the rest). `parse` and `render` throw DomainError
 * `payload_too_large` or `too_complex` naming the limit, or `rate_limited` when the pool is
 * full.
 */
export function createMarkdownFormat(options: Partial<ContentLimits> = {}): MarkdownFormat {
  const limits: ContentLimits = { ...DEFAULT_CONTENT_LIMITS, ...options };
  const pool = new FormatPool(limits);
  return {
    limits,
    async parse(markdown) {
      // The cheap checks run here too, so a refused text never waits for a thread.
      const problem = checkSource(markdown, limits);
      if (problem) throw limitError(problem);
      return pool.parse(markdown);
    },
    validate: validateDocument,
    toMarkdown: stringifyMarkdown,
    mediaReferences: collectMediaReferences,
    async render(root, context) {
      if (!isRoot(root)) return '';
      const measure = measureTree(root);
      const problem = checkTree(measure, limits);
      if (problem) throw limitError(problem);
      if (measure.nodes <= limits.inlineRenderNodes) return renderDocument(root, context);
      return pool.render(root, mediaOf(root, context));
    },
    // Always in the worker: it runs only on publishing, where a thread hop is no cost to see.
    analyzeForSearch: (text) => pool.analyzeForSearch(text),
    close: () => pool.close(),
  };
}

/** The content format with the default limits; its threads start on first use. */
export const markdownFormat: MarkdownFormat = createMarkdownFormat();

export { DEFAULT_CONTENT_LIMITS, type ContentLimits } from './limits.js';
export { formatTime, parseStartTime, parseUrlTime } from './time.js';
export {
  identifyVideo,
  videoEmbed,
  type VideoEmbed,
  type VideoProvider,
  type VideoRef,
} from './video.js';
export { fileTypeLabel, humanSize } from './media.js';

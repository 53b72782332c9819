/**
 * What the WordPress import needs from the outside world: the export file, read as a stream
 * as often as the import needs a pass over it, and the conversion of WordPress content to the
 * stored document. Implemented in src/interchange/wxr (readWxr, convertWordPressContent).
 */
import type { WxrHandler, WxrItem, WxrSummary } from './wxr-records.js';

/** The language and translation group an item declares (Polylang terms or WPML meta). */
export interface ItemLanguage {
  /** The language slug or code as WordPress wrote it (`en`, `pt-br`, `es`). */
  language: string;
  /** The group the item's translations share (`pll:…`, `wpml:77`); null when none. */
  group: string | null;
  /** WPML: the language it was translated from; null for an original or when not said. */
  sourceLanguage: string | null;
}

/** Something the converter could not represent: kept as sanitized HTML and reported. */
export interface KeptContent {
  kind: string;
  html: string;
  detail?: string;
}

export interface WordPressFile {
  /** Reads the file from its start, calling `handler` in file order. Throws on broken XML. */
  read(handler: WxrHandler): Promise<WxrSummary>;
  /** The language an item declares, null when it declares none. */
  languageOf(item: WxrItem): ItemLanguage | null;
  /**
   * An item's HTML (classic or block markup) as Markdown; `resolveMedia` gives the media id
   * of an attachment URL or id. Throws when the text is over the converter's limits.
   */
  convert(
    html: string,
    resolveMedia: (url: string, wpId?: number) => { id: string; alt?: string } | null,
  ): { markdown: string; kept: KeptContent[] };
}

/** A directory holding a copy of `wp-content/uploads`, read by relative path. */
export interface UploadsDirectory {
  /** The file at `relativePath` (e.g. `2024/03/kiosk.jpg`); null when it is not there. */
  read(relativePath: string): Promise<Buffer | null>;
}

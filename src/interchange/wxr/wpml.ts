/**
 * WPML's translation data as its "WPML Export and Import" add-on writes it into a WXR export:
 * three `wp:postmeta` keys per post.
 */
import type { WxrItem } from './types.js';

export interface WpmlInfo {
  /** The post's language code (`_wpml_import_language_code`). */
  language: string;
  /** The language it was translated from; null for the original. */
  sourceLanguage: string | null;
  /** The translation group shared by a post and its translations; null when absent. */
  group: string | null;
}

/** The item's WPML language, source language and group, or null when it has no language. */
export function wpmlInfo(item: Pick<WxrItem, 'meta'>): WpmlInfo | null {
  const get = (key: string) => {
    const value = item.meta.find((m) => m.key === key)?.value.trim() ?? '';
    return value === '' ? null : value;
  };
  const language = get('_wpml_import_language_code');
  if (language === null) return null;
  return {
    language,
    sourceLanguage: get('_wpml_import_source_language_code'),
    group: get('_wpml_import_translation_group'),
  };
}

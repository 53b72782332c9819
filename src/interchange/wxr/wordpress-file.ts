/**
 * The import's view of a WordPress export on disk (the WordPressFile port): every `read` opens
 * the file again and streams it through readWxr, so a pass never holds the file in memory.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type {
  ItemLanguage,
  UploadsDirectory,
  WordPressFile,
} from '../../services/import/wordpress-file.js';
import { convertWordPressContent } from './html-to-markdown.js';
import { polylangGroupSlug, polylangLanguage } from './polylang.js';
import { readWxr } from './read-wxr.js';
import type { WxrItem } from './types.js';
import { wpmlInfo } from './wpml.js';

/** The export at `file`. */
export function wordPressFile(file: string): WordPressFile {
  return {
    read: (handler) => readWxr(createReadStream(file, { highWaterMark: 256 * 1024 }), handler),
    languageOf,
    convert: (html, resolveMedia) => convertWordPressContent(html, { resolveMedia }),
  };
}

/** Polylang's `language` / `post_translations` terms first, then WPML's import meta. */
export function languageOf(item: WxrItem): ItemLanguage | null {
  const polylang = polylangLanguage(item);
  if (polylang) {
    const group = polylangGroupSlug(item);
    return { language: polylang, group: group ? `pll:${group}` : null, sourceLanguage: null };
  }
  const wpml = wpmlInfo(item);
  if (wpml) {
    return {
      language: wpml.language,
      group: wpml.group ? `wpml:${wpml.group}` : null,
      sourceLanguage: wpml.sourceLanguage,
    };
  }
  return null;
}

/** A copy of `wp-content/uploads` at `dir`; paths that leave it read as missing. */
export function uploadsDirectory(dir: string): UploadsDirectory {
  const root = path.resolve(dir);
  return {
    async read(relativePath) {
      const wanted = path.resolve(root, relativePath);
      if (!wanted.startsWith(root + path.sep)) return null;
      try {
        // A symbolic link inside the copy must not lead out of it either.
        const real = await realpath(wanted);
        if (!real.startsWith((await realpath(root)) + path.sep)) return null;
        return await readFile(real);
      } catch {
        return null;
      }
    },
  };
}

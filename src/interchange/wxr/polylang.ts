/**
 * Polylang's translation data as a WXR export carries it: `language` terms (slug = language
 * code, description = a PHP-serialized array with the `locale`), and `post_translations` terms
 * whose description is a PHP-serialized array of language slug → post id. Serialized text comes
 * from the file, so it is parsed defensively: any surprise gives null, never an exception.
 */
import { unserialize } from 'php-serialize';
import type { WxrItem } from './types.js';

/** Limits on a serialized description. */
export const POLYLANG_LIMITS = { maxChars: 64 * 1024, maxEntries: 200 } as const;

const LANGUAGE_SLUG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;

/** The declared entry count of a top-level `a:N:{` array, or null. */
function declaredEntries(text: string): number | null {
  const match = /^a:(\d{1,6}):\{/.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** `unserialize` with no classes allowed (strict, empty prototype-free scope); null on failure. */
function safeUnserialize(text: string): unknown {
  if (text.length > POLYLANG_LIMITS.maxChars) return null;
  const trimmed = text.trim();
  const count = declaredEntries(trimmed);
  if (count === null || count > POLYLANG_LIMITS.maxEntries) return null;
  try {
    const scope = Object.create(null) as Record<string, unknown>;
    return unserialize(trimmed, scope, { strict: true }) as unknown;
  } catch {
    return null;
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A `post_translations` term description (`a:3:{s:2:"en";i:12;s:2:"es";i:14;…}`) as language
 * slug → post id; null for anything else (bad or hostile input, over 64 KB, over 200 entries,
 * a value that is not a positive integer). Never throws.
 */
export function parsePolylangGroup(description: string): Map<string, number> | null {
  const value = safeUnserialize(description);
  if (!isPlainRecord(value)) return null;
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.length > POLYLANG_LIMITS.maxEntries) return null;
  const group = new Map<string, number>();
  for (const [slug, id] of entries) {
    if (!LANGUAGE_SLUG.test(slug)) return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return null;
    group.set(slug, id);
  }
  return group;
}

/**
 * A `language` term description (`a:3:{s:6:"locale";s:5:"es_ES";s:3:"rtl";i:0;…}`) as its
 * locale and direction; null when unreadable. Never throws.
 */
export function parsePolylangLanguage(
  description: string,
): { locale: string; rtl: boolean } | null {
  const value = safeUnserialize(description);
  if (!isPlainRecord(value)) return null;
  const locale = value.locale;
  if (typeof locale !== 'string' || !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(locale))
    return null;
  return { locale, rtl: value.rtl === 1 || value.rtl === true || value.rtl === '1' };
}

function termOf(item: Pick<WxrItem, 'terms'>, domain: string): string | null {
  const term = item.terms.find((t) => t.domain === domain && t.nicename !== '');
  return term === undefined ? null : term.nicename;
}

/** The item's Polylang language slug (`<category domain="language" nicename="es">`), or null. */
export function polylangLanguage(item: Pick<WxrItem, 'terms'>): string | null {
  return termOf(item, 'language');
}

/** The slug of the item's `post_translations` group (`pll_…`), or null. */
export function polylangGroupSlug(item: Pick<WxrItem, 'terms'>): string | null {
  return termOf(item, 'post_translations');
}

/**
 * BCP 47 language tags: validation, canonical form, direction and display names.
 * Uses the runtime's ICU (Intl) rather than hand-written tables.
 */
import { invalid } from './errors.js';

/** Returns the canonical form of a BCP 47 tag (`EN-us` → `en-US`), or null if invalid. */
export function canonicalLanguageTag(tag: string): string | null {
  return canonicalOf(tag);
}

/** Canonical tag, or throws ValidationError on `field`. */
export function requireLanguageTag(tag: string, field = 'language'): string {
  const canonical = canonicalLanguageTag(tag);
  if (!canonical)
    invalid(field, `"${tag}" is not a valid BCP 47 language tag (for example en, es, sr-Latn, sw)`);
  return canonical;
}

const rtlScripts = new Set([
  'Arab',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
]);

/**
 * Intl lookups are pure but costly to set up (ICU data), and pages ask for the same few
 * languages on every request: answers are memoized per input (a bounded set of tags).
 */
export function memoByTag<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size < 10_000) cache.set(key, value);
    }
    return value;
  };
}

const canonicalOf = memoByTag((tag): string | null => {
  const trimmed = tag.trim();
  if (trimmed === '' || trimmed.length > 64) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(trimmed);
    return canonical ?? null;
  } catch {
    return null;
  }
});

const directionOf = memoByTag((tag): 'ltr' | 'rtl' => {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return locale.script && rtlScripts.has(locale.script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
});

/** Text direction of a language, from its (likely) script. */
export function languageDirection(tag: string): 'ltr' | 'rtl' {
  return directionOf(tag);
}

const nameOf = memoByTag((pair) => {
  const [tag = '', inLanguage = ''] = pair.split('\u0000');
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
});

/** The language's own name for itself (autonym), e.g. `es` → `español`. */
export function languageAutonym(tag: string): string {
  return nameOf(`${tag}\u0000${tag}`);
}

/** The name of `tag` in the interface language `inLanguage`. */
export function languageName(tag: string, inLanguage: string): string {
  return nameOf(`${tag}\u0000${inLanguage}`);
}

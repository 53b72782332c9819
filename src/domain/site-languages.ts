/**
 * The site's reader languages: the list the environment seeds the database with on first start
 * (canonical, unique tags), and the defaults a language added by an administrator gets.
 */
import { canonicalLanguageTag } from './language.js';

/** Throws naming the bad tag; the default language is always included (first if missing). */
export function parseSiteLanguages(
  list: string,
  defaultLanguage: string,
): { languages: string[]; defaultLanguage: string } {
  const def = canonicalLanguageTag(defaultLanguage);
  if (!def)
    throw new Error(`SITE_LANGUAGE: "${defaultLanguage}" is not a valid BCP 47 language tag`);
  const languages: string[] = [];
  for (const raw of list
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const tag = canonicalLanguageTag(raw);
    if (!tag) throw new Error(`SITE_LANGUAGES: "${raw}" is not a valid BCP 47 language tag`);
    if (!languages.includes(tag)) languages.push(tag);
  }
  if (!languages.includes(def)) languages.unshift(def);
  return { languages, defaultLanguage: def };
}

/**
 * The fallback chain a new site language gets: its parents (`pt-BR` → `pt`, `sr-Cyrl-RS` →
 * `sr-Cyrl`, `sr`), then the site's default language; never the tag itself.
 */
export function defaultFallbackChain(tag: string, defaultLanguage: string): string[] {
  const chain: string[] = [];
  const parts = tag.split('-');
  for (parts.pop(); parts.length > 0; parts.pop()) {
    const parent = canonicalLanguageTag(parts.join('-'));
    if (parent && parent !== tag && !chain.includes(parent)) chain.push(parent);
  }
  if (defaultLanguage !== tag && !chain.includes(defaultLanguage)) chain.push(defaultLanguage);
  return chain;
}

/**
 * A fallback chain as typed (`pt, en` — commas or spaces), canonical and without repeats or
 * the language itself; or `bad`: the first entry that is not BCP 47.
 */
export function parseFallbackChain(
  text: string,
  tag: string,
): { chain: string[] } | { bad: string } {
  const chain: string[] = [];
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    const canonical = canonicalLanguageTag(raw);
    if (!canonical) return { bad: raw };
    if (canonical !== tag && !chain.includes(canonical)) chain.push(canonical);
  }
  return { chain };
}

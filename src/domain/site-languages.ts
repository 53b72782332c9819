/** Parses the configured list of site languages into canonical, unique tags. */
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

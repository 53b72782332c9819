/**
 * Interface text. Every string the site chrome shows comes from ICU MessageFormat catalogs
 * (`messages/<area>.<lang>.json`, merged per language) formatted by intl-messageformat with
 * CLDR plural rules. A language without a complete catalog falls back key by key along its
 * tag (`es-AR` → `es`), then along the fallback chain the site gives it (`pt-BR` → `pt` →
 * `en`, set at /admin/languages), and finally to English.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { PrimitiveType } from 'intl-messageformat';
import { catalogs } from './catalogs.js';
import { hasOverrides, overrideOf, overridesVersion } from './overrides.js';
import { withLikelyScript } from './negotiate.js';
import { languageDirection, languageName as nameOf } from '../domain/language.js';

export type MessageValues = Record<string, PrimitiveType>;

export interface Translator {
  /** The language of the catalog actually used (e.g. `sr-Cyrl` for `sr-Cyrl-RS`, `en` for a language without a catalog). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** Formats message `key`; an unknown key is a programming error and throws. */
  t(key: string, values?: MessageValues): string;
  /** A language's name in the interface language (`es` → "Spanish" / "español" / "الإسبانية"). */
  languageName(tag: string): string;
  formatDate(iso: string, style?: 'long' | 'medium' | 'short'): string;
  formatNumber(value: number): string;
  /** "a, b and c" in the interface language. */
  formatList(items: readonly string[]): string;
  /** "October 2026" in the interface language. */
  formatMonth(year: number, month: number): string;
  formatPercent(fraction: number): string;
}

/** Languages with a complete interface catalog. */
export const interfaceLanguages = Object.keys(catalogs);

/**
 * The catalog languages for `tag`, best first: itself or a parent (`es-AR` → `es`), then the
 * same for the tag with its likely script (`sr`, `sr-RS` → `sr-Cyrl`); empty when none has one.
 */
function catalogsFor(tag: string): string[] {
  let scripted: readonly string[];
  try {
    scripted = withLikelyScript(Intl.getCanonicalLocales(tag)[0] ?? '');
  } catch {
    scripted = [];
  }
  const found: string[] = [];
  for (const candidateTag of [tag, ...scripted]) {
    const parts = candidateTag.split('-');
    for (; parts.length > 0; parts.pop()) {
      const candidate = parts.join('-');
      if ((catalogs[candidate] || hasOverrides(candidate)) && !found.includes(candidate))
        found.push(candidate);
    }
  }
  return found;
}

/**
 * The best catalog language for `tag`: itself or a parent (`es-AR` → `es`), then the same for
 * the tag with its likely script (`sr`, `sr-RS` → `sr-Cyrl`), else English.
 */
export function catalogLanguage(tag: string): string {
  return catalogsFor(tag)[0] ?? 'en';
}

/**
 * The catalogs a message for `tag` is looked up in, in order: those of the tag, then of each
 * language of its fallback chain, then English.
 */
export function catalogChain(tag: string, fallbacks: readonly string[] = []): string[] {
  const chain: string[] = [];
  for (const language of [tag, ...fallbacks])
    for (const lang of catalogsFor(language)) if (!chain.includes(lang)) chain.push(lang);
  if (!chain.includes('en')) chain.push('en');
  return chain;
}

const compiled = new Map<string, IntlMessageFormat>();
/** The overrides version `compiled` was filled under (see overrides.ts). */
let compiledVersion = overridesVersion();
const translators = new Map<string, Translator>();

/**
 * A (cached) translator for an interface language tag; `fallbacks` is the site's fallback
 * chain for it (`settings.languageFallbacks[tag]`), each message taken from the first catalog
 * of `catalogChain` that has it.
 */
export function translator(tag: string, fallbacks: readonly string[] = []): Translator {
  const chain = catalogChain(tag, fallbacks);
  const lang = chain[0] ?? 'en';
  const cacheKey = chain.join('|');
  const existing = translators.get(cacheKey);
  if (existing) return existing;
  const format = (key: string): IntlMessageFormat => {
    if (compiledVersion !== overridesVersion()) {
      // An approved volunteer's text changed: no compiled message may be stale.
      compiled.clear();
      compiledVersion = overridesVersion();
    }
    const id = `${cacheKey}\u0000${key}`;
    let message = compiled.get(id);
    if (!message) {
      // An approved volunteer's text (overrides.ts) before the shipped catalog, per language.
      const textOf = (l: string) => overrideOf(l, key) ?? catalogs[l]?.[key];
      const from = chain.find((l) => textOf(l) !== undefined);
      const source = from === undefined ? undefined : textOf(from);
      if (from === undefined || source === undefined)
        throw new Error(`Unknown interface message "${key}"`);
      message = new IntlMessageFormat(source, from);
      compiled.set(id, message);
    }
    return message;
  };
  const dates = new Map<string, Intl.DateTimeFormat>();
  const numbers = new Intl.NumberFormat(lang);
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  const months = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const percents = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const created: Translator = {
    lang,
    dir: languageDirection(lang),
    t: (key, values) => String(format(key).format(values)),
    languageName: (other) => nameOf(other, lang),
    formatDate: (iso, style = 'long') => {
      let f = dates.get(style);
      if (!f) {
        f = new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' });
        dates.set(style, f);
      }
      return f.format(new Date(iso));
    },
    formatNumber: (value) => numbers.format(value),
    formatList: (items) => list.format(items),
    formatMonth: (year, month) => months.format(new Date(Date.UTC(year, month - 1, 1))),
    formatPercent: (fraction) => percents.format(fraction),
  };
  translators.set(cacheKey, created);
  return created;
}

/**
 * Approved volunteers' texts of interface messages, laid over the shipped catalogs per
 * (language, key) without a restart: loaded from the database at start-up
 * (`loadInterfaceOverrides`, called by main.ts) and updated in place on each approval. The
 * translator consults it first; `overridesVersion` changes with every update so compiled
 * messages are never served stale. One overlay per process: another worker or instance
 * re-reads the approved texts when it hears of the change (follow-site-changes.service.ts).
 *
 * `interfaceCatalog` is this module and the shipped catalogs seen through the services'
 * InterfaceCatalog port (src/services/interface/catalog.port.ts): services may not import i18n.
 */
import { catalogs } from './catalogs.js';

const overlay = new Map<string, Map<string, string>>();
let version = 0;

/** The approved text of `key` in catalog language `lang`, if a volunteer's text is live. */
export function overrideOf(lang: string, key: string): string | undefined {
  return overlay.get(lang)?.get(key);
}

/** True when `lang` has at least one approved text (it then takes part in catalog chains). */
export function hasOverrides(lang: string): boolean {
  return (overlay.get(lang)?.size ?? 0) > 0;
}

/** Changes with every update of the overlay (compiled-message caches key on it). */
export function overridesVersion(): number {
  return version;
}

/** Makes `text` the live text of `key` in `lang` (null: the shipped catalog's again). */
export function setOverride(lang: string, key: string, text: string | null): void {
  let texts = overlay.get(lang);
  if (text === null) texts?.delete(key);
  else {
    if (!texts) overlay.set(lang, (texts = new Map<string, string>()));
    texts.set(key, text);
  }
  version++;
}

/**
 * Replaces the whole overlay (start-up, and when another process approved a text); false, and
 * nothing touched (compiled messages kept), when it already holds exactly `entries`.
 */
export function replaceOverrides(
  entries: readonly { language: string; key: string; text: string }[],
): boolean {
  const held = [...overlay.values()].reduce((sum, texts) => sum + texts.size, 0);
  if (
    held === entries.length &&
    entries.every(({ language, key, text }) => overlay.get(language)?.get(key) === text)
  )
    return false;
  overlay.clear();
  for (const { language, key, text } of entries) {
    let texts = overlay.get(language);
    if (!texts) overlay.set(language, (texts = new Map<string, string>()));
    texts.set(key, text);
  }
  version++;
  return true;
}

const english = catalogs.en ?? {};
const keys = Object.keys(english);

/** The shipped catalogs and this overlay, as the services' InterfaceCatalog port. */
export const interfaceCatalog = {
  keys: (): readonly string[] => keys,
  source: (key: string): string | undefined => english[key],
  shipped: (lang: string, key: string): string | undefined => catalogs[lang]?.[key],
  apply: setOverride,
  replaceAll: replaceOverrides,
};

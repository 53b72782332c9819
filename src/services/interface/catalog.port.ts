/**
 * The interface catalogs as the interface-translation services see them: the English messages
 * (the source of every translation), the shipped catalogs, and the live overlay of approved
 * texts. Implemented by src/i18n/overrides.ts (`interfaceCatalog`), wired by main.ts and the
 * routes: services may not import src/i18n.
 */
export interface InterfaceCatalog {
  /** Every message key, in the English catalog files' order. */
  keys(): readonly string[];
  /** The English message of `key`; undefined for a key that does not exist. */
  source(key: string): string | undefined;
  /** The shipped catalog's text of `key` in `language` (exactly that catalog), if any. */
  shipped(language: string, key: string): string | undefined;
  /** Makes an approved text live at once (null: back to the shipped catalog). */
  apply(language: string, key: string, text: string | null): void;
  /** Replaces every live approved text; false when they were exactly these already. */
  replaceAll(entries: readonly { language: string; key: string; text: string }[]): boolean;
}

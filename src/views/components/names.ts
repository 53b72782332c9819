/** Names from CLDR (Intl.DisplayNames) in the interface language. */

/** `KE` → "Kenya" / "Kenia" / "كينيا"; the code itself when unknown. */
export function regionName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

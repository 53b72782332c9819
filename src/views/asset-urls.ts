/**
 * The addresses pages give their stylesheets and scripts. The server registers, once at
 * start-up, each asset's fingerprinted address (`/assets/site.css` →
 * `/assets/site.Ab3dE5fG7h.css`, the hash of its bytes; src/http/plugins/assets.ts), which it
 * serves as immutable: a browser or CDN keeps it a year, and a new build links new addresses.
 * Until then (views rendered without a server) a path stays as it is, which is also served.
 *
 * One table for the process: the bytes behind an address are the same for every app it runs.
 */
const fingerprinted = new Map<string, string>();

/** The address to link for an asset's plain path, e.g. `assetUrl('/assets/site.css')`. */
export function assetUrl(path: string): string {
  return fingerprinted.get(path) ?? path;
}

/** Records plain path → fingerprinted address pairs (called by the assets plugin). */
export function registerAssetUrls(pairs: Iterable<readonly [string, string]>): void {
  for (const [path, address] of pairs) fingerprinted.set(path, address);
}

/**
 * Where an old address (a former WordPress site's permalink) now leads. Redirects are public
 * reads: anyone may follow one; they are written only by an import (no route writes them).
 */
import { redirectKey, redirectTarget } from '../../domain/redirect-key.js';
import type { ServiceDeps } from '../deps.js';

/**
 * The local path stored for `pathAndQuery` (a request's URL as sent, percent-escapes and
 * all), or null: no redirect, an address that cannot be a key, or a stored target that is
 * not a local path (checked again here, so no row can make an open redirect). Never throws
 * for bad input; a database failure propagates.
 */
export async function findRedirect(
  deps: Pick<ServiceDeps, 'store'>,
  pathAndQuery: string,
): Promise<string | null> {
  const key = redirectKey(pathAndQuery);
  if (key === null) return null;
  const row = await deps.store.redirects.find(key);
  return row ? redirectTarget(row.target) : null;
}

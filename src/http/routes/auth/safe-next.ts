/**
 * The place to return to after signing in (`next`), accepted only as a path on this site.
 * Browsers forgive a lot in a Location header: they drop tabs and line breaks ("/\t/evil"
 * becomes "//evil", another site), read "\" as "/", and resolve "/..//evil" to "//evil". So
 * the raw value is refused if it holds any of those, it is parsed as a URL against this
 * origin, and only a same-origin path comes back, percent-encoded (ASCII only: a Location
 * header with other characters is refused by Node, which used to be a 500).
 */

const ORIGIN = 'http://polyphony.invalid';

/** Control characters (C0, DEL, C1) and backslashes, anywhere in the raw value. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_RAW = /[\u0000-\u001f\u007f-\u009f\\]/u;

/** The same, percent-encoded (a later decoder must not turn them back into an escape). */
const FORBIDDEN_ENCODED = /%(?:[01][0-9a-f]|7f|5c)/i;

/** A same-origin path with its query and fragment, percent-encoded; `/` for anything else. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  if (FORBIDDEN_RAW.test(value) || FORBIDDEN_ENCODED.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/..//x" resolves to "//x", which a browser reads as another host.
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  if (!/^[\x21-\x7e]*$/.test(path)) return '/';
  return path;
}

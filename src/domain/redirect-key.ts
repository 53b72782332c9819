/**
 * Old addresses (a WordPress site's permalinks) and where they now lead: the one normal form
 * of an old address (`redirectKey`), used both when a redirect is stored and when a request
 * looks for one, and the rule for a redirect's target (`redirectTarget`: a path on this site,
 * never another origin — no open redirect).
 */

/** Longest old address or target considered (longer ones are never stored nor looked up). */
export const MAX_REDIRECT_LENGTH = 2_000;

/**
 * The WordPress query parameters that identify content (`/?p=123`, `/?page_id=7`,
 * `/?cat=4`, `/?tag=kenya`, `/?author=2`, `/?feed=rss2`, WPML's `?lang=es`); every other
 * parameter (`utm_source`, `replytocom`…) is dropped from a key.
 */
export const REDIRECT_QUERY_PARAMETERS: readonly string[] = [
  'author',
  'cat',
  'feed',
  'lang',
  'p',
  'page_id',
  'tag',
];

const kept = new Set(REDIRECT_QUERY_PARAMETERS);

// C0 controls and DEL: never part of an address we store (PostgreSQL refuses NUL in text).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * The normal form of an old address, or null when it cannot be one.
 *
 * Accepts a path with its query (`/2024/03/05/caf%C3%A9/?utm_source=x`), a query on the root
 * (`?p=123`) or a full URL (`https://old.example/blog/x/` → `/blog/x`). Percent-escapes are
 * decoded (an invalid escape, or one decoding to a control character → null) and the text put
 * in NFC; a literal `%`, `?` or `#` in the decoded path is escaped again, so a key is its own
 * key. Trailing slashes are dropped except the root's; nothing is lower-cased. Only the
 * parameters of `REDIRECT_QUERY_PARAMETERS` are kept, sorted by name then value
 * (`/?p=123`, `/blog?lang=es&p=4`). Longer than `MAX_REDIRECT_LENGTH` → null.
 */
export function redirectKey(pathAndQuery: string): string | null {
  if (pathAndQuery.length > MAX_REDIRECT_LENGTH) return null;
  let raw = pathAndQuery;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    if (!URL.canParse(raw)) return null;
    const url = new URL(raw);
    raw = `${url.pathname}${url.search}`;
  }
  const hash = raw.indexOf('#');
  if (hash >= 0) raw = raw.slice(0, hash);
  const mark = raw.indexOf('?');
  const rawPath = mark >= 0 ? raw.slice(0, mark) : raw;
  const rawQuery = mark >= 0 ? raw.slice(mark + 1) : '';
  const path = normalPath(rawPath === '' ? '/' : rawPath);
  const query = normalQuery(rawQuery);
  if (path === null || query === null) return null;
  return query ? `${path}?${query}` : path;
}

function normalPath(rawPath: string): string | null {
  if (!rawPath.startsWith('/')) return null;
  const decoded = decode(rawPath);
  if (decoded === null || CONTROL.test(decoded)) return null;
  const path = decoded
    .normalize('NFC')
    .replace(/[%?#]/g, (c) => encodeURIComponent(c))
    .replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

function normalQuery(rawQuery: string): string | null {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = decode((equals >= 0 ? part.slice(0, equals) : part).replace(/\+/g, ' '));
    const value = decode((equals >= 0 ? part.slice(equals + 1) : '').replace(/\+/g, ' '));
    if (name === null || value === null || CONTROL.test(name) || CONTROL.test(value)) return null;
    if (kept.has(name)) pairs.push([name, value.normalize('NFC')]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

/**
 * A redirect's target as it may be sent in `Location`, or null when it is not a path on this
 * site: it must start with one `/` (not `//host` nor `/\host`, which browsers read as another
 * origin), hold no backslash, space or control character (browsers drop tabs and newlines, so
 * `/\t/evil` would become `//evil`) and be at most `MAX_REDIRECT_LENGTH` long. Characters
 * outside ASCII are percent-encoded (UTF-8); existing escapes are kept as written.
 */
export function redirectTarget(target: string): string | null {
  if (target.length > MAX_REDIRECT_LENGTH) return null;
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  if (/[\\\s]/.test(target) || CONTROL.test(target)) return null;
  let encoded = '';
  for (const char of target) {
    if (char.charCodeAt(0) <= 0x7e) {
      encoded += char;
      continue;
    }
    try {
      encoded += encodeURIComponent(char);
    } catch {
      return null; // an unpaired surrogate
    }
  }
  return encoded.length > MAX_REDIRECT_LENGTH ? null : encoded;
}

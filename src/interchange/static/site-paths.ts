/**
 * Which addresses of the site a static export holds, and the file each one becomes. Pure: no
 * I/O. See README.md beside this file.
 */

/**
 * Paths only the live site answers: forms and actions, accounts, the translation tools, the
 * API and the operations endpoints. Links to them stay in the exported pages as they are
 * (root-relative), and the export never fetches them.
 */
export const LIVE_ONLY_PREFIXES = [
  '/account',
  '/admin',
  '/api',
  '/comments',
  '/editorial',
  '/glossary',
  '/healthz',
  '/language',
  '/metrics',
  '/notifications',
  '/password',
  '/readyz',
  '/signin',
  '/signout',
  '/signup',
  '/translate',
  '/unsubscribe',
  '/write',
] as const;

/**
 * True for a path (percent-encoded, no query) only the live site can answer: under one of
 * LIVE_ONLY_PREFIXES, the media library `/media` itself (its files `/media/…` are exported),
 * and a language's search `/{lang}/search`, whose answers depend on the query.
 */
export function isLiveOnly(path: string): boolean {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (trimmed === '/media') return true;
  if (LIVE_ONLY_PREFIXES.some((p) => trimmed === p || trimmed.startsWith(`${p}/`))) return true;
  const segments = trimmed.split('/');
  return segments.length === 3 && segments[2] === 'search';
}

/** True for an HTML content type (`text/html; charset=utf-8`). */
export function isHtml(contentType: string): boolean {
  return /^text\/html\s*(;|$)/i.test(contentType.trim());
}

/** One path segment as a file name: decoded, and never empty, `.`, `..` or holding a separator. */
function fileSegment(segment: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return null;
  }
  if (name === '' || name === '.' || name === '..') return null;
  if (/[/\\\0]/.test(name)) return null;
  // Linux allows 255 bytes per name; a longer slug cannot be a file.
  if (Buffer.byteLength(name, 'utf8') > 255) return null;
  return name;
}

/**
 * The file (relative, `/`-separated, decoded as a static server decodes the request) that
 * answers `path` (percent-encoded, no query or fragment): an HTML page is a directory's
 * `index.html` (`/en/2026/10/14/slug` → `en/2026/10/14/slug/index.html`, `/` → `index.html`)
 * unless its name ends in `.html`; anything else is the file the path names (`/en/feed.xml`).
 * Null when no file can answer it: a segment that is empty (`//`), `.` or `..` or decodes to a
 * separator, or a non-HTML answer at a directory path (`/x/`).
 */
export function filePathFor(path: string, contentType: string): string | null {
  if (!path.startsWith('/')) return null;
  const directory = path.endsWith('/');
  const raw = path.slice(1, directory ? -1 : undefined);
  const segments: string[] = [];
  if (raw !== '') {
    for (const segment of raw.split('/')) {
      const name = fileSegment(segment);
      if (name === null) return null;
      segments.push(name);
    }
  }
  if (isHtml(contentType)) {
    const last = segments.at(-1);
    if (!directory && last !== undefined && last.endsWith('.html')) return segments.join('/');
    return [...segments, 'index.html'].join('/');
  }
  if (directory || segments.length === 0) return null;
  return segments.join('/');
}

/**
 * A local path the export may put in a link: root-relative, never `//host` or `/\host` (which
 * browsers read as another site).
 */
export function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

/**
 * The page a language switch link leads to, for the export: `/language/{tag}?next={path}`
 * (which remembers the reader's choice in a cookie, then redirects) becomes `{path}`, since a
 * static host has no cookie to set. Null for any other link.
 */
export function languageSwitchTarget(url: URL): string | null {
  if (!/^\/language\/[^/]+\/?$/.test(url.pathname)) return null;
  const next = url.searchParams.get('next');
  return next !== null && isLocalPath(next) ? next : null;
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * The page written where the app answers with a redirect (`/` → `/en/`): a static host
 * cannot redirect by itself, so the file sends readers on with a refresh and a link.
 */
export function redirectPage(location: string): string {
  const href = escapeAttribute(location);
  return (
    `<!doctype html><html><head><meta charset="utf-8"/><title>${href}</title>` +
    `<meta name="robots" content="noindex"/><link rel="canonical" href="${href}"/>` +
    `<meta http-equiv="refresh" content="0; url=${href}"/></head>` +
    `<body><p><a href="${href}">${href}</a></p></body></html>`
  );
}

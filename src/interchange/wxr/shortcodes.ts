/**
 * A small, bounded tokenizer for WordPress shortcodes (`[name attr="v" attr='v' attr=v bare]`,
 * `[name …]content[/name]`, `[[escaped]]`). One pass over the text; closing tags are found
 * through an index built in one more pass, so no input makes it quadratic. Like WordPress,
 * shortcodes of one name do not nest.
 *
 * WordPress only expands registered shortcodes; we cannot know the source site's plugins, so a
 * bracketed word is read as a shortcode only when it is one we convert (`KNOWN_SHORTCODES`) or
 * looks like a plugin's: a name with `-` or `_`, attributes, or a closing tag. `[sic]` and `[1]`
 * stay text.
 */

export interface ShortcodeToken {
  type: 'shortcode';
  name: string;
  attrs: Record<string, string>;
  /** Positional attributes (`[embed 640]`, `[foo bar]`). */
  positional: string[];
  /** The enclosed content, or null for a self-closing shortcode. */
  content: string | null;
  /** The shortcode as written. */
  raw: string;
}

export type ShortcodeOrText = ShortcodeToken | { type: 'text'; value: string };

/** Shortcodes html-to-markdown.ts converts. */
export const KNOWN_SHORTCODES = new Set([
  'caption',
  'wp_caption',
  'embed',
  'video',
  'audio',
  'gallery',
]);

/** The longest opening tag read as a shortcode. */
const MAX_TAG = 4096;

const NAME = /[A-Za-z][\w-]{0,63}/y;
const ATTR =
  /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"\]]+)|"([^"]*)"|'([^']*)'|(\S+)/g;

/** The HTML entities WordPress writes into shortcode attributes and URLs. */
export function decodeBasicEntities(text: string): string {
  return text.replace(
    /&(?:amp|#0?38|quot|#0?34|#0?39|apos|lt|gt|#8217|#8216|#8220|#8221);/g,
    (e) => {
      switch (e) {
        case '&amp;':
        case '&#038;':
        case '&#38;':
          return '&';
        case '&quot;':
        case '&#034;':
        case '&#34;':
        case '&#8220;':
        case '&#8221;':
          return '"';
        case '&lt;':
          return '<';
        case '&gt;':
          return '>';
        default:
          return "'";
      }
    },
  );
}

function parseAttrs(text: string): { attrs: Record<string, string>; positional: string[] } {
  const attrs = Object.create(null) as Record<string, string>;
  const positional: string[] = [];
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(text); m !== null; m = ATTR.exec(text)) {
    const key = m[1] ?? m[3] ?? m[5];
    const value = m[2] ?? m[4] ?? m[6];
    if (key !== undefined && value !== undefined)
      attrs[key.toLowerCase()] = decodeBasicEntities(value);
    else {
      const bare = m[7] ?? m[8] ?? m[9];
      if (bare !== undefined && bare !== '/') positional.push(decodeBasicEntities(bare));
    }
  }
  return { attrs, positional };
}

/** The end (index of `]`) of an opening tag starting at `from`, honouring quotes; -1 if none. */
function tagEnd(text: string, from: number): number {
  let quote: string | null = null;
  const limit = Math.min(text.length, from + MAX_TAG);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
    else if (c === '[' || c === '\n') return -1;
  }
  return -1;
}

/** Positions of every `[/name]`, by lower-case name, in order. */
function closers(text: string): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const re = /\[\/([A-Za-z][\w-]{0,63})\]/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const name = (m[1] ?? '').toLowerCase();
    const list = map.get(name) ?? [];
    list.push(m.index);
    map.set(name, list);
  }
  return map;
}

/** The first position in the sorted `list` at or after `from`, consuming earlier ones. */
function nextCloser(list: number[] | undefined, from: number): number {
  if (list === undefined) return -1;
  while (list.length > 0 && (list[0] ?? 0) < from) list.shift();
  return list[0] ?? -1;
}

/** Splits `text` into text and shortcodes (see the file comment for what counts as one). */
export function tokenizeShortcodes(text: string): ShortcodeOrText[] {
  const out: ShortcodeOrText[] = [];
  const closing = closers(text);
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) out.push({ type: 'text', value: text.slice(textStart, end) });
  };
  let i = text.indexOf('[');
  while (i !== -1 && i < text.length) {
    // [[name]] is WordPress's escape: the inner [name] is text.
    if (text[i + 1] === '[') {
      const end = tagEnd(text, i + 2);
      if (end !== -1 && text[end + 1] === ']') {
        pushText(i);
        out.push({ type: 'text', value: text.slice(i + 1, end + 1) });
        textStart = end + 2;
        i = text.indexOf('[', textStart);
        continue;
      }
      i = text.indexOf('[', i + 1);
      continue;
    }
    NAME.lastIndex = i + 1;
    const nameMatch = NAME.exec(text);
    const name = nameMatch?.[0];
    const after = name === undefined ? '' : (text[i + 1 + name.length] ?? '');
    if (name === undefined || !/[\s\]/]/.test(after)) {
      i = text.indexOf('[', i + 1);
      continue;
    }
    const end = tagEnd(text, i + 1 + name.length);
    if (end === -1) {
      i = text.indexOf('[', i + 1);
      continue;
    }
    const lower = name.toLowerCase();
    let inner = text.slice(i + 1 + name.length, end);
    const selfClosing = inner.trimEnd().endsWith('/');
    if (selfClosing) inner = inner.trimEnd().slice(0, -1);
    const { attrs, positional } = parseAttrs(inner);
    const closeAt = selfClosing ? -1 : nextCloser(closing.get(lower), end + 1);
    const looksLikeOne =
      KNOWN_SHORTCODES.has(lower) ||
      /[-_]/.test(name) ||
      Object.keys(attrs).length > 0 ||
      closeAt !== -1;
    if (!looksLikeOne) {
      i = text.indexOf('[', i + 1);
      continue;
    }
    pushText(i);
    const stop = closeAt === -1 ? end + 1 : closeAt + name.length + 3;
    out.push({
      type: 'shortcode',
      name: lower,
      attrs,
      positional,
      content: closeAt === -1 ? null : text.slice(end + 1, closeAt),
      raw: text.slice(i, stop),
    });
    textStart = stop;
    i = text.indexOf('[', textStart);
  }
  pushText(text.length);
  return out;
}

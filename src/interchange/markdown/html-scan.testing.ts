/**
 * Test helper: reads the tags and attributes out of our rendered HTML. Text `<` is always
 * escaped by rehype-stringify, so every literal `<` starts a tag.
 */

/** One start tag with its (entity-decoded) attributes. */
export interface ScannedTag {
  name: string;
  attributes: Map<string, string>;
}

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** All start tags in `html`, in order. */
export function scanTags(html: string): ScannedTag[] {
  const tags: ScannedTag[] = [];
  let index = 0;
  while ((index = html.indexOf('<', index)) !== -1) {
    const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(index))?.[1];
    index += 1;
    if (name === undefined) continue;
    index += name.length;
    const attributes = new Map<string, string>();
    for (;;) {
      const rest = html.slice(index);
      const space = /^\s*/.exec(rest)?.[0].length ?? 0;
      index += space;
      if (html[index] === '>' || html.startsWith('/>', index) || index >= html.length) break;
      const attribute = /^([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/.exec(
        html.slice(index),
      );
      if (attribute === null) {
        index += 1;
        continue;
      }
      const [whole, key = '', raw] = attribute;
      const unquoted = raw === undefined ? '' : raw.replace(/^["']|["']$/g, '');
      attributes.set(key.toLowerCase(), decode(unquoted));
      index += whole.length;
    }
    tags.push({ name: name.toLowerCase(), attributes });
  }
  return tags;
}

const URL_ATTRIBUTES = [
  'href',
  'src',
  'srcset',
  'data-embed-src',
  'action',
  'formaction',
  'poster',
];

/**
 * Reasons `html` is unsafe: script-ish tags, event-handler attributes, and URL attributes whose
 * scheme is javascript:, vbscript: or data: (an https URL whose path merely contains the word
 * `javascript:` is harmless and allowed).
 */
export function unsafeParts(html: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(html)) found.push('<script');
  for (const tag of scanTags(html)) {
    if (['script', 'iframe', 'object', 'embed', 'style'].includes(tag.name))
      found.push(`<${tag.name}>`);
    for (const [key, value] of tag.attributes) {
      if (/^on/i.test(key)) found.push(`${tag.name}[${key}]`);
      // eslint-disable-next-line no-control-regex
      const compact = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (URL_ATTRIBUTES.includes(key) && /(?:^|,)(?:javascript|vbscript|data):/.test(compact)) {
        found.push(`${tag.name}[${key}=${value}]`);
      }
    }
  }
  return found;
}

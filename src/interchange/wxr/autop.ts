/**
 * WordPress's `wpautop` semantics for classic content, simplified: text separated by blank
 * lines becomes paragraphs, a single newline inside one becomes `<br>`. Content that already
 * has paragraphs (`<p>`) or block comments is left alone. A chunk that starts with a block tag
 * (`<h2>`, `<ul>`, `<table>`, …) is left as written — WordPress does the same, and so classic
 * posts that mix headings and bare text keep their paragraphs; `<pre>` keeps its newlines.
 */

const BLOCK =
  'address|article|aside|blockquote|details|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul|iframe|script|style|video|audio|object|embed|select|option|math|svg|noscript|hgroup|summary|caption|colgroup|col|legend|map|area|menu';
const STARTS_WITH_BLOCK = new RegExp(`^\\s*</?(?:${BLOCK})\\b`, 'i');
const ENDS_WITH_BLOCK = new RegExp(`</?(?:${BLOCK})\\b[^>]*>\\s*$`, 'i');

/** True when `html` is already split into paragraphs or blocks: autop is not applied. */
export function hasParagraphs(html: string): boolean {
  return /<p[\s>]/i.test(html) || /<!--\s+wp:/.test(html);
}

/** `html` with paragraphs and line breaks made explicit (see the file comment). */
export function wpautop(html: string): string {
  if (html.trim() === '' || hasParagraphs(html)) return html;
  // <pre> blocks are set aside so their blank lines and newlines stay as written.
  const pres: string[] = [];
  // (Content that itself holds the placeholder character is left as written.)
  if (html.includes('\uE000')) return html;
  let text = '';
  const opening = /<pre\b/gi;
  const closing = /<\/pre>/gi;
  let at = 0;
  for (let open = opening.exec(html); open !== null; open = opening.exec(html)) {
    closing.lastIndex = open.index;
    const close = closing.exec(html);
    if (close === null) break;
    const end = close.index + close[0].length;
    pres.push(html.slice(open.index, end));
    text += `${html.slice(at, open.index)}\uE000${pres.length - 1}\uE000`;
    at = end;
    opening.lastIndex = end;
  }
  text += html.slice(at);
  const chunks = text.split(/\n[ \t]*\n/);
  const out = chunks
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => {
      if (/^\uE000\d+\uE000$/.test(chunk) || STARTS_WITH_BLOCK.test(chunk)) return chunk;
      const lines = chunk.split('\n');
      const joined = lines
        .map((line, i) =>
          i === lines.length - 1 || ENDS_WITH_BLOCK.test(line.slice(-200)) ? line : `${line}<br />`,
        )
        .join('\n');
      return `<p>${joined}</p>`;
    })
    .join('\n\n');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => pres[Number(i)] ?? '');
}

/**
 * What the translator types: a unit's tagged string shown compactly in a textarea. Codes are
 * written `{1}…{/1}` (paired) and `{2/}` (standalone); everything else is literal text, so a
 * typed `<b>` or `&` is text, never markup. A literal `{1}` in the text is written `\{1}`
 * (backslashes before such a sequence are doubled), which makes the conversion exactly
 * reversible: fromShorthand(toShorthand(tagged)) === canonical tagged.
 *
 * In a right-to-left textarea `{/1}` would be reordered by the bidi algorithm and read as
 * `{1/}`; with `isolate` each code is wrapped in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL
 * ISOLATE (U+2066 … U+2069), invisible characters that fromShorthand drops again.
 */
import { escapeTagged, tokenizeTagged } from '../../domain/units/tagged.js';

/** `{1}`, `{/1}` or `{1/}`, possibly preceded by backslashes (captured). */
const CODE = /\u2066?(\\*)\{(\/?)(\d+)(\/?)\}\u2069?/g;
const LRI = '\u2066';
const PDI = '\u2069';

/** A code as typed, bidi-isolated for right-to-left text when asked. */
function code(text: string, isolate: boolean): string {
  return isolate ? `${LRI}${text}${PDI}` : text;
}

/** A code-like sequence in literal text gets one escaping backslash; preceding ones double. */
function escapeText(text: string): string {
  return text.replace(/(\\*)(\{\/?\d+\/?\})/g, (_whole, slashes: string, rest: string) => {
    return `${slashes}${slashes}\\${rest}`;
  });
}

/** A tagged string as the translator edits it. Never throws (stray `<` stays as typed). */
export function toShorthand(tagged: string, isolate = false): string {
  const open: string[] = [];
  let out = '';
  for (const token of tokenizeTagged(tagged)) {
    switch (token.type) {
      case 'text':
        out += escapeText(token.value);
        break;
      case 'open':
        open.push(token.id);
        out += code(`{${token.id}}`, isolate);
        break;
      case 'close': {
        const id = token.id ?? open.at(-1) ?? '';
        const at = open.lastIndexOf(id);
        if (at !== -1) open.length = at;
        out += code(`{/${id}}`, isolate);
        break;
      }
      case 'ph':
        out += code(`{${token.id}/}`, isolate);
        break;
      case 'bad':
        out += escapeText(token.raw);
        break;
    }
  }
  return out;
}

/** The translator's text as a tagged string: codes become tags, other text is escaped. */
export function fromShorthand(text: string): string {
  const open: string[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    const [whole, slashes = '', close = '', id = '', selfClose = ''] = match;
    out += escapeTagged(text.slice(last, match.index));
    last = match.index + whole.length;
    const halved = '\\'.repeat(Math.floor(slashes.length / 2));
    if (slashes.length % 2 === 1 || (close !== '' && selfClose !== '')) {
      // Literal text: the escaping backslash goes; everything else stays as typed.
      const lead = whole.startsWith(LRI) ? LRI : '';
      const trail = whole.endsWith(PDI) ? PDI : '';
      const braces = whole.slice(lead.length + slashes.length, whole.length - trail.length);
      out += escapeTagged(lead + halved + braces + trail);
      continue;
    }
    out += escapeTagged(halved);
    if (close !== '') {
      // Canonical `</pc>` when it closes the innermost open code; otherwise keep the id so
      // the checks can say which code is closed out of order.
      if (open.at(-1) === id) {
        open.pop();
        out += '</pc>';
      } else {
        out += `</pc id="${id}">`;
      }
    } else if (selfClose !== '') {
      out += `<ph id="${id}"/>`;
    } else {
      open.push(id);
      out += `<pc id="${id}">`;
    }
  }
  out += escapeTagged(text.slice(last));
  return out;
}

/**
 * Messages from the checks mention tags as `<pc id="1">…</pc>` / `<ph id="2"/>`; the translator
 * types the shorthand, so show that instead.
 */
export function shorthandMessage(message: string): string {
  return message
    .replace(/<pc id="(\d+)">…<\/pc>/g, '{$1}…{/$1}')
    .replace(/<ph id="(\d+)"\/>/g, '{$1/}');
}

export interface Edit {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * Inserts code `id` at the selection: a paired code wraps the selected text (an empty selection
 * leaves the caret between `{1}` and `{/1}`); a standalone code goes at the caret, replacing
 * nothing (the selection collapses after it).
 */
export function insertCode(edit: Edit, id: string, kind: 'pc' | 'ph', isolate = false): Edit {
  const start = Math.min(edit.selectionStart, edit.selectionEnd);
  const end = Math.max(edit.selectionStart, edit.selectionEnd);
  const before = edit.value.slice(0, start);
  const selected = edit.value.slice(start, end);
  const after = edit.value.slice(end);
  if (kind === 'ph') {
    const single = code(`{${id}/}`, isolate);
    const value = edit.value.slice(0, end) + single + after;
    return { value, selectionStart: end + single.length, selectionEnd: end + single.length };
  }
  const openTag = code(`{${id}}`, isolate);
  const closeTag = code(`{/${id}}`, isolate);
  const value = before + openTag + selected + closeTag + after;
  if (selected === '') {
    const caret = start + openTag.length;
    return { value, selectionStart: caret, selectionEnd: caret };
  }
  const caret = start + openTag.length + selected.length + closeTag.length;
  return { value, selectionStart: caret, selectionEnd: caret };
}

/** A part of a tagged string as the source column shows it: text or a numbered chip. */
export type SourcePart =
  { type: 'text'; text: string } | { type: 'chip'; id: string; edge: 'open' | 'close' | 'single' };

/** Splits a tagged string into text and chips for display (never throws). */
export function sourceParts(tagged: string): SourcePart[] {
  const open: string[] = [];
  const parts: SourcePart[] = [];
  for (const token of tokenizeTagged(tagged)) {
    if (token.type === 'text') parts.push({ type: 'text', text: token.value });
    else if (token.type === 'bad') parts.push({ type: 'text', text: token.raw });
    else if (token.type === 'open') {
      open.push(token.id);
      parts.push({ type: 'chip', id: token.id, edge: 'open' });
    } else if (token.type === 'close') {
      const id = token.id ?? open.at(-1) ?? '?';
      const at = open.lastIndexOf(id);
      if (at !== -1) open.length = at;
      parts.push({ type: 'chip', id, edge: 'close' });
    } else parts.push({ type: 'chip', id: token.id, edge: 'single' });
  }
  return parts;
}

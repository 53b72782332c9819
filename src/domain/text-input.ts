/**
 * Text that can be stored and shown the same on every engine: no NUL character (PostgreSQL
 * refuses it in `text`, SQLite keeps it, browsers drop it) and no unpaired UTF-16 surrogate
 * (not Unicode at all: UTF-8 encoders write U+FFFD instead, so what is stored differs from
 * what was sent). Astral characters (emoji, 𝕏, CJK Extension B) are pairs and are fine.
 */
import type { FieldProblem } from './errors.js';

/** The message for a NUL character in a field. */
export const NUL_MESSAGE = 'contains a NUL character';

/** The message for an unpaired surrogate, naming its code unit (`U+D800`). */
export function surrogateMessage(unit: number): string {
  const hex = unit.toString(16).toUpperCase().padStart(4, '0');
  return `contains an unpaired surrogate (U+${hex}) — the text is not valid Unicode`;
}

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
// No `u` flag: the pattern must see UTF-16 code units, not code points.
// eslint-disable-next-line no-control-regex
const badText = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with `text` (the first problem), or null when it can be stored as is. */
export function textProblem(text: string): string | null {
  const found = badText.exec(text);
  if (!found) return null;
  const unit = found[0].charCodeAt(0);
  return unit === 0 ? NUL_MESSAGE : surrogateMessage(unit);
}

/** Enough to tell someone what to fix; a hostile body with a million bad strings stops here. */
const MAX_PROBLEMS = 20;

/** A place in the walked value: its key and its parent, so paths are built only when needed. */
interface Place {
  key: string;
  parent: Place | null;
}

/**
 * Every string (and object key) inside `value` that is not storable text, named by its path
 * (`title`, `tags.2`, `units.u1.text`), as FieldProblems. Walks plain objects and arrays
 * without recursion, and builds a path only for a problem, so a deeply nested body costs
 * linear time and no stack; other objects (Buffers, streams, dates) are skipped. `root` names
 * a bare string (or prefixes every path).
 */
export function textProblems(value: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const top: Place | null = root === '' ? null : { key: root, parent: null };
  // Children are pushed last-first, so they pop (and are reported) in document order.
  const stack: { value: unknown; place: Place | null; badKey?: string }[] = [{ value, place: top }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const item = stack.pop();
    if (!item) break;
    const { value: current, place, badKey } = item;
    if (badKey !== undefined) {
      problems.push({ field: pathOf(place), message: `name ${badKey}` });
    } else if (typeof current === 'string') {
      const message = textProblem(current);
      if (message) problems.push({ field: pathOf(place), message });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1)
        stack.push({ value: current[i] as unknown, place: { key: String(i), parent: place } });
    } else if (isPlainObject(current)) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const entry = entries[i];
        if (!entry) continue;
        const [key, child] = entry;
        const keyMessage = textProblem(key);
        if (keyMessage)
          stack.push({
            value: null,
            place: { key: visible(key), parent: place },
            badKey: keyMessage,
          });
        else stack.push({ value: child, place: { key, parent: place } });
      }
    }
  }
  return problems;
}

/** The dotted path of a place; past 16 levels only the innermost 15, after `…`. */
function pathOf(place: Place | null): string {
  const keys: string[] = [];
  let depth = 0;
  for (let at = place; at; at = at.parent) {
    if (keys.length < 16) keys.push(at.key);
    depth += 1;
  }
  if (keys.length === 0) return 'input';
  if (depth > 16) keys.splice(15, 1, '…');
  return keys.reverse().join('.');
}

/**
 * A record of parsed input: `{}`, `Object.create(null)` (querystring) or the "null object"
 * pattern routers use for params (a prototype that itself has no prototype). Not a Buffer,
 * a Date, a stream or any other class instance.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    proto === null ||
    proto === Object.prototype ||
    (typeof proto === 'object' && Object.getPrototypeOf(proto) === null)
  );
}

/** A key that is itself bad text, made printable for the message (`ti\u0000tle` → `ti?tle`). */
function visible(key: string): string {
  return key.replace(new RegExp(badText.source, 'g'), '?');
}

/**
 * The blocking checks on saving a translator's text: every code of the source present exactly
 * once, paired codes properly paired and nested, no raw markup, no unknown codes, not empty.
 */
import { DomainError } from '../errors.js';
import { isLinkType } from './codes.js';
import {
  badTokenMessage,
  measureTagged,
  plainText,
  taggedLimitProblem,
  tokenizeTagged,
} from './tagged.js';
import type { CodeInfo, SourceUnit, TargetProblem } from './types.js';

const NOUNS: Record<string, string> = {
  bold: 'bold text',
  italic: 'italic text',
  strikethrough: 'struck-through text',
  'line break': 'line break',
  link: 'link',
  code: 'inline code',
  image: 'image',
  footnote: 'footnote reference',
  text: 'directive',
  html: 'raw HTML',
};

/** `the link "https://example.org" (code 1)`, from the chip label the source gave the code. */
export function describeCode(id: string, info: CodeInfo | undefined): string {
  if (info === undefined) return `code ${id}`;
  const match = /^(link) → (.*)$|^(code|image|footnote|text|html): (.*)$/s.exec(info.label);
  const head = match?.[1] ?? match?.[3];
  const detail = match?.[2] ?? match?.[4];
  if (head !== undefined && detail !== undefined) {
    return `the ${NOUNS[head] ?? head} "${detail}" (code ${id})`;
  }
  return `the ${NOUNS[info.label] ?? info.label} (code ${id})`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isLink(info: CodeInfo | undefined): boolean {
  if (info === undefined) return false;
  return info.type === undefined ? info.label.startsWith('link → ') : isLinkType(info.type);
}

/**
 * Blocking checks of a translator's text against its source unit. Returns every problem found
 * (none means the text can be saved). Messages name the code, e.g.
 * `The link "https://example.org" (code 1) is missing`.
 * @throws DomainError `too_complex` (field `text`) before reading a text over TAGGED_LIMITS —
 *   more tags than the source could need, or codes nested too deep — so the checks stay linear.
 */
export function checkTarget(source: SourceUnit, target: string): TargetProblem[] {
  const limit = taggedLimitProblem(target, measureTagged(source.text).tags);
  if (limit !== undefined) {
    throw new DomainError('too_complex', `text: ${limit}`, [{ field: 'text', message: limit }]);
  }
  const problems: TargetProblem[] = [];
  const codes = source.codes;
  const known = (id: string): CodeInfo | undefined =>
    Object.hasOwn(codes, id) ? codes[id] : undefined;
  const name = (id: string): string => describeCode(id, known(id));

  if (plainText(target).trim() === '' && plainText(source.text).trim() !== '') {
    return [{ code: 'empty', message: 'The translation is empty' }];
  }

  const counts = new Map<string, number>();
  const count = (id: string): void => {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  const stack: string[] = [];

  for (const token of tokenizeTagged(target)) {
    switch (token.type) {
      case 'text':
        break;
      case 'bad':
        problems.push({ code: token.reason, message: badTokenMessage(token) });
        break;
      case 'ph': {
        count(token.id);
        if (known(token.id)?.kind === 'pc') {
          problems.push({
            code: 'malformed',
            codeId: token.id,
            message: `${sentence(name(token.id))} wraps text: write <pc id="${token.id}">…</pc>`,
          });
        }
        break;
      }
      case 'open': {
        count(token.id);
        const info = known(token.id);
        if (info?.kind === 'ph') {
          problems.push({
            code: 'malformed',
            codeId: token.id,
            message: `${sentence(name(token.id))} stands alone: write <ph id="${token.id}"/>`,
          });
        }
        const outerLink = isLink(info) ? stack.find((id) => isLink(known(id))) : undefined;
        if (outerLink !== undefined) {
          problems.push({
            code: 'bad_nesting',
            codeId: token.id,
            message: `${sentence(name(token.id))} cannot be inside ${name(outerLink)}`,
          });
        }
        stack.push(token.id);
        break;
      }
      case 'close': {
        const top = stack.at(-1);
        if (top === undefined) {
          const named =
            token.id === undefined ? 'A closing </pc>' : `The closing tag of ${name(token.id)}`;
          problems.push({
            code: 'bad_nesting',
            codeId: token.id,
            message: `${named} has no opening tag`,
          });
        } else if (token.id !== undefined && token.id !== top) {
          problems.push({
            code: 'bad_nesting',
            codeId: token.id,
            message: `${sentence(name(token.id))} is closed while ${name(top)} inside it is still open`,
          });
          const at = stack.lastIndexOf(token.id);
          stack.length = at === -1 ? stack.length - 1 : at;
        } else {
          stack.pop();
        }
        break;
      }
    }
  }
  for (const id of stack) {
    problems.push({
      code: 'bad_nesting',
      codeId: id,
      message: `${sentence(name(id))} is never closed`,
    });
  }

  for (const id of Object.keys(codes)) {
    const seen = counts.get(id) ?? 0;
    if (seen === 0) {
      problems.push({
        code: 'missing_code',
        codeId: id,
        message: `${sentence(name(id))} is missing`,
      });
    } else if (seen > 1) {
      problems.push({
        code: 'duplicate_code',
        codeId: id,
        message: `${sentence(name(id))} is used ${seen} times; it must appear once`,
      });
    }
  }
  for (const id of counts.keys()) {
    if (known(id) === undefined) {
      problems.push({
        code: 'unknown_code',
        codeId: id,
        message: `Code ${id} is not in the source; use only the source's codes`,
      });
    }
  }
  return problems;
}

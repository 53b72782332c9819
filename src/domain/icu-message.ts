/**
 * Checking an interface message (ICU MessageFormat) written by a volunteer against the English
 * message it translates: it must parse, keep every placeholder and tag of the source and add
 * none, name every CLDR plural category of its own language in each plural (Arabic's six,
 * Swahili's one/other, Japanese's other; exact `=0` selectors are extra and allowed), and give
 * every plural and select an `other`. The parse is bounded: texts over MAX_MESSAGE_LENGTH
 * characters, or nested deeper than MAX_MESSAGE_DEPTH, are refused before and after parsing.
 * The shipped catalogs are held to the same rules (src/i18n/catalogs.test.ts).
 */
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { ValidationError } from './errors.js';

/** The longest interface message a volunteer may propose, in UTF-16 code units. */
export const MAX_MESSAGE_LENGTH = 2_000;
/** How deep plurals, selects and tags may nest inside each other. */
export const MAX_MESSAGE_DEPTH = 8;

/** One problem with a message, with what a reader needs to fix it. */
export type IcuProblem =
  | { code: 'empty' }
  | { code: 'too_long'; max: number }
  | { code: 'too_deep'; max: number }
  | { code: 'syntax'; detail: string }
  | { code: 'placeholder_missing'; name: string }
  | { code: 'placeholder_unknown'; name: string }
  | { code: 'tag_missing'; name: string }
  | { code: 'tag_unknown'; name: string }
  | { code: 'plural_category_missing'; name: string; category: string }
  | { code: 'other_missing'; name: string }
  /** Not a parse problem: the text is already the current one (the services' check). */
  | { code: 'unchanged' };

/** The problem in English ("The placeholder {count} is missing"); pages translate by code. */
export function icuProblemText(problem: IcuProblem): string {
  switch (problem.code) {
    case 'empty':
      return 'The text is empty';
    case 'too_long':
      return `The text is longer than ${problem.max} characters`;
    case 'too_deep':
      return `The text nests plurals, selects or tags deeper than ${problem.max} levels`;
    case 'syntax':
      return `The text is not valid ICU MessageFormat (${problem.detail})`;
    case 'placeholder_missing':
      return `The placeholder {${problem.name}} is missing`;
    case 'placeholder_unknown':
      return `The placeholder {${problem.name}} is not in the English text`;
    case 'tag_missing':
      return `The tag <${problem.name}> is missing`;
    case 'tag_unknown':
      return `The tag <${problem.name}> is not in the English text`;
    case 'plural_category_missing':
      return `The plural of {${problem.name}} lacks the category ${problem.category}`;
    case 'other_missing':
      return `The choice of {${problem.name}} lacks the category other`;
    case 'unchanged':
      return 'The text is the same as the current one';
  }
}

/** A plural (or selectordinal) argument of a message. */
export interface PluralArgument {
  name: string;
  /** A selectordinal: its categories come from the ordinal rules. */
  ordinal: boolean;
  /** Its selectors as written: CLDR categories and exact ones (`=0`). */
  options: string[];
}

/** What a message uses: placeholder names, tag names, plurals and selects, at any depth. */
export interface MessageShape {
  placeholders: Set<string>;
  tags: Set<string>;
  plurals: PluralArgument[];
  /** Select arguments with their options. */
  selects: { name: string; options: string[] }[];
  /** How deep plurals, selects and tags nest (1: none). */
  depth: number;
}

/**
 * Brace nesting of the raw text, counted without parsing (apostrophe-quoted braces count too,
 * which only errs on the side of refusing), so a pathological text never reaches the parser.
 */
function braceDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const char of text) {
    if (char === '{') max = Math.max(max, ++depth);
    else if (char === '}') depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Walks the elements without recursion; the shape of the message. */
export function messageShape(elements: MessageFormatElement[]): MessageShape {
  const shape: MessageShape = {
    placeholders: new Set(),
    tags: new Set(),
    plurals: [],
    selects: [],
    depth: 1,
  };
  const stack: { elements: MessageFormatElement[]; depth: number }[] = [{ elements, depth: 1 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    shape.depth = Math.max(shape.depth, item.depth);
    for (const el of item.elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if (el.type === TYPE.tag) {
        shape.tags.add(el.value);
        stack.push({ elements: el.children, depth: item.depth + 1 });
        continue;
      }
      shape.placeholders.add(el.value);
      if (el.type === TYPE.plural) {
        shape.plurals.push({
          name: el.value,
          ordinal: el.pluralType === 'ordinal',
          options: Object.keys(el.options),
        });
      } else if (el.type === TYPE.select) {
        shape.selects.push({ name: el.value, options: Object.keys(el.options) });
      }
      if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const option of Object.values(el.options))
          stack.push({ elements: option.value, depth: item.depth + 1 });
    }
  }
  return shape;
}

/** The CLDR categories a cardinal (or ordinal) plural must name in `lang`. */
export function pluralCategoriesOf(lang: string, ordinal = false): string[] {
  return [
    ...new Intl.PluralRules(lang, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions()
      .pluralCategories,
  ];
}

/**
 * Parses `text` as a message of `lang` within the bounds; the shape, or the problem that
 * stopped it (empty, too long, too deep, not valid ICU).
 */
export function parseMessage(
  text: string,
  lang: string,
): { shape: MessageShape; problem?: undefined } | { shape?: undefined; problem: IcuProblem } {
  if (text.trim() === '') return { problem: { code: 'empty' } };
  if (text.length > MAX_MESSAGE_LENGTH)
    return { problem: { code: 'too_long', max: MAX_MESSAGE_LENGTH } };
  // A plural or select costs two braces per level ({n, plural, one {…}}).
  if (braceDepth(text) > 2 * MAX_MESSAGE_DEPTH)
    return { problem: { code: 'too_deep', max: MAX_MESSAGE_DEPTH } };
  let elements: MessageFormatElement[];
  try {
    elements = parse(text, { requiresOtherClause: false, locale: new Intl.Locale(lang) });
  } catch (error) {
    return {
      problem: { code: 'syntax', detail: error instanceof Error ? error.message : String(error) },
    };
  }
  const shape = messageShape(elements);
  if (shape.depth > MAX_MESSAGE_DEPTH)
    return { problem: { code: 'too_deep', max: MAX_MESSAGE_DEPTH } };
  return { shape };
}

/**
 * The plural and choice problems of a message in `lang` on its own: each plural lacking one
 * of the language's CLDR categories (or `other`), each select lacking `other`.
 */
export function categoryProblems(shape: MessageShape, lang: string): IcuProblem[] {
  const problems: IcuProblem[] = [];
  for (const plural of shape.plurals) {
    const required = pluralCategoriesOf(lang, plural.ordinal);
    if (!required.includes('other')) required.push('other');
    for (const category of required)
      if (!plural.options.includes(category))
        problems.push({ code: 'plural_category_missing', name: plural.name, category });
  }
  for (const select of shape.selects)
    if (!select.options.includes('other'))
      problems.push({ code: 'other_missing', name: select.name });
  return problems;
}

/**
 * Every problem of `target` (in `lang`) as a translation of the English `source`; empty when
 * it may be used. A source that does not parse is a programming error and throws.
 */
export function translationProblems(source: string, target: string, lang: string): IcuProblem[] {
  const parsedSource = parseMessage(source, 'en');
  if (!parsedSource.shape)
    throw new Error(`The English message does not parse: ${icuProblemText(parsedSource.problem)}`);
  const parsed = parseMessage(target, lang);
  if (!parsed.shape) return [parsed.problem];
  const expected = parsedSource.shape;
  const actual = parsed.shape;
  const problems: IcuProblem[] = [];
  for (const name of expected.placeholders)
    if (!actual.placeholders.has(name)) problems.push({ code: 'placeholder_missing', name });
  for (const name of actual.placeholders)
    if (!expected.placeholders.has(name)) problems.push({ code: 'placeholder_unknown', name });
  for (const name of expected.tags)
    if (!actual.tags.has(name)) problems.push({ code: 'tag_missing', name });
  for (const name of actual.tags)
    if (!expected.tags.has(name)) problems.push({ code: 'tag_unknown', name });
  problems.push(...categoryProblems(actual, lang));
  return problems;
}

/**
 * The life of a volunteer's interface text: pending until a reviewer approves or rejects it;
 * an approved text becomes superseded when another is approved for the same message.
 */
export const INTERFACE_TEXT_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;
export type InterfaceTextStatus = (typeof INTERFACE_TEXT_STATUSES)[number];

export function isInterfaceTextStatus(value: string): value is InterfaceTextStatus {
  return (INTERFACE_TEXT_STATUSES as readonly string[]).includes(value);
}

/**
 * Where a message appears, from its key: the area (`reader`) and the path inside it
 * (`reader.home.title` → `['home']`; the last part names the text itself).
 */
export function messageContext(key: string): { area: string; path: string[] } {
  const parts = key.split('.');
  return { area: parts[0] ?? key, path: parts.slice(1, -1) };
}

/** A proposed interface text was refused; `icuProblems` name each problem (pages translate them). */
export class MessageProblemsError extends ValidationError {
  constructor(readonly icuProblems: IcuProblem[]) {
    super(icuProblems.map((problem) => ({ field: 'text', message: icuProblemText(problem) })));
    this.name = 'MessageProblemsError';
  }
}

/** How a language's interface messages can be filtered (`proposed`: with a pending text). */
export const INTERFACE_FILTERS = [
  'all',
  'untranslated',
  'proposed',
  'approved',
  'shipped',
] as const;
export type InterfaceFilter = (typeof INTERFACE_FILTERS)[number];

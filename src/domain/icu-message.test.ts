/**
 * A volunteer's interface message against its English source: placeholders and tags kept and
 * none added, every CLDR plural category of the target language (six for Arabic, one/other for
 * Swahili, only other for Japanese; `=0` extra and allowed), `other` in every select, and the
 * parse bounded in length and depth — each refusal naming its problem.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_DEPTH,
  MAX_MESSAGE_LENGTH,
  icuProblemText,
  parseMessage,
  pluralCategoriesOf,
  translationProblems,
} from './icu-message.js';
import type { IcuProblem } from './icu-message.js';

const COUNT = '{count, plural, =0 {No posts} one {# post} other {# posts}}';

describe('translationProblems', () => {
  const cases: [string, string, string, string, IcuProblem[]][] = [
    ['plain text', 'Latest posts', 'sw', 'Makala mapya', []],
    ['a placeholder kept', 'Posts by {name}', 'sw', 'Makala za {name}', []],
    [
      'a placeholder dropped',
      'Posts by {name}',
      'sw',
      'Makala za mwandishi',
      [{ code: 'placeholder_missing', name: 'name' }],
    ],
    [
      'a placeholder added',
      'Latest posts',
      'de',
      'Neueste {count}',
      [{ code: 'placeholder_unknown', name: 'count' }],
    ],
    [
      'a placeholder renamed',
      'Posts by {name}',
      'fr',
      'Articles de {nom}',
      [
        { code: 'placeholder_missing', name: 'name' },
        { code: 'placeholder_unknown', name: 'nom' },
      ],
    ],
    ['Swahili one/other', COUNT, 'sw', '{count, plural, one {makala #} other {makala #}}', []],
    [
      'Swahili without one',
      COUNT,
      'sw',
      '{count, plural, other {makala #}}',
      [{ code: 'plural_category_missing', name: 'count', category: 'one' }],
    ],
    ['Japanese needs only other', COUNT, 'ja', '{count, plural, other {#件の投稿}}', []],
    ['Japanese with an exact =0', COUNT, 'ja', '{count, plural, =0 {投稿なし} other {#件}}', []],
    [
      'Arabic lacking few and many',
      COUNT,
      'ar',
      '{count, plural, zero {لا مقالات} one {مقالة} two {مقالتان} other {# مقالة}}',
      [
        { code: 'plural_category_missing', name: 'count', category: 'few' },
        { code: 'plural_category_missing', name: 'count', category: 'many' },
      ],
    ],
    [
      'Arabic with all six',
      COUNT,
      'ar',
      '{count, plural, zero {لا مقالات} one {مقالة} two {مقالتان} few {# مقالات} many {# مقالة} other {# مقالة}}',
      [],
    ],
    [
      'a plural nested in a select, checked too',
      '{kind, select, post {{count, plural, one {# post} other {# posts}}} other {{count} items}}',
      'sw',
      '{kind, select, post {{count, plural, other {makala #}}} other {vitu {count}}}',
      [{ code: 'plural_category_missing', name: 'count', category: 'one' }],
    ],
    [
      'a select without other',
      '{kind, select, post {Post} other {Page}}',
      'de',
      '{kind, select, post {Beitrag}}',
      [{ code: 'other_missing', name: 'kind' }],
    ],
    ['tags kept', 'Read <b>this</b> first', 'de', 'Lies <b>das</b> zuerst', []],
    [
      'a tag dropped',
      'Read <b>this</b> first',
      'de',
      'Lies das zuerst',
      [{ code: 'tag_missing', name: 'b' }],
    ],
    [
      'a tag added',
      'Read this first',
      'de',
      'Lies <i>das</i> zuerst',
      [{ code: 'tag_unknown', name: 'i' }],
    ],
    ['empty', 'Latest posts', 'sw', '   ', [{ code: 'empty' }]],
    [
      'unbalanced braces',
      'Posts by {name}',
      'sw',
      'Makala za {name',
      [{ code: 'syntax', detail: 'EXPECT_ARGUMENT_CLOSING_BRACE' }],
    ],
  ];

  it.each(cases)('%s', (_label, source, lang, target, expected) => {
    expect(translationProblems(source, target, lang)).toEqual(expected);
  });

  it('refuses a text over the length limit before parsing it', () => {
    const long = 'a'.repeat(MAX_MESSAGE_LENGTH + 1);
    expect(translationProblems('Latest posts', long, 'sw')).toEqual([
      { code: 'too_long', max: MAX_MESSAGE_LENGTH },
    ]);
    expect(parseMessage('a'.repeat(MAX_MESSAGE_LENGTH), 'sw').shape).toBeDefined();
  });

  it('refuses nesting deeper than the limit, by braces before parsing and by tags after', () => {
    let deep = 'x';
    for (let i = 0; i < MAX_MESSAGE_DEPTH + 1; i++) deep = `{n, select, other {${deep}}}`;
    expect(parseMessage(deep, 'en').problem).toEqual({ code: 'too_deep', max: MAX_MESSAGE_DEPTH });
    let tags = 'x';
    for (let i = 0; i < MAX_MESSAGE_DEPTH; i++) tags = `<b>${tags}</b>`;
    expect(parseMessage(tags, 'en').problem).toEqual({ code: 'too_deep', max: MAX_MESSAGE_DEPTH });
    let fine = 'x';
    for (let i = 0; i < MAX_MESSAGE_DEPTH - 1; i++) fine = `{n, select, other {${fine}}}`;
    expect(parseMessage(fine, 'en').shape?.depth).toBe(MAX_MESSAGE_DEPTH);
  });

  it('names each problem in words', () => {
    expect(icuProblemText({ code: 'placeholder_missing', name: 'count' })).toBe(
      'The placeholder {count} is missing',
    );
    expect(
      icuProblemText({ code: 'plural_category_missing', name: 'count', category: 'few' }),
    ).toBe('The plural of {count} lacks the category few');
  });

  it('knows the CLDR categories of the catalog languages', () => {
    expect(pluralCategoriesOf('ar').sort()).toEqual(
      ['few', 'many', 'one', 'other', 'two', 'zero'].sort(),
    );
    expect(pluralCategoriesOf('sw').sort()).toEqual(['one', 'other']);
    expect(pluralCategoriesOf('ja')).toEqual(['other']);
    expect(pluralCategoriesOf('sr-Cyrl').sort()).toEqual(['few', 'one', 'other']);
  });
});

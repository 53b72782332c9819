/**
 * User names: the look-alike key (UTS #39 skeleton, case-insensitive) catches the confusables
 * of the issue and leaves names in other scripts alone; invisible characters are refused with
 * a message naming the field.
 */
import { describe, expect, it } from 'vitest';
import { skeleton, usernameKey, usernameProblems, usernameSkeleton } from './user.js';

describe('usernameSkeleton', () => {
  it.each([
    ['Cyrillic а', 'ana', '\u0430na'],
    ['Greek ο', 'boris', 'b\u03BFris'],
    ['combining grapheme joiner U+034F', 'ana', 'a\u034Fna'],
    ['Hangul filler U+3164', 'ana', 'a\u3164na'],
    ['variation selector U+FE0F', 'ana', 'ana\uFE0F'],
    ['Mongolian free variation selector U+180B', 'ana', 'a\u180Bna'],
    ['Greek capitals', 'Ana', '\u0391\u039D\u0391'],
    ['"rn" for "m"', 'maria', 'rnaria'],
    ['capital I for l', 'paypal', 'PayPaI'],
    ['full-width letters', 'ana', 'Ａｎａ'],
    ['Cyrillic capitals', 'AHA', '\u0410\u041D\u0410'],
  ])('%s looks like the original', (_label, original, lookalike) => {
    expect(usernameSkeleton(lookalike)).toBe(usernameSkeleton(original));
  });

  it('keeps names in other scripts distinct from Latin ones', () => {
    const names = ['Ana', 'Ана', 'Јована', 'Jovana', 'محمد', '田中', 'Милица', 'Milica'];
    expect(new Set(names.map(usernameSkeleton)).size).toBe(names.length);
  });

  it('is the UTS #39 skeleton: idempotent, NFD, without default-ignorables', () => {
    for (const s of ['Ｐаураl', 'e\u0301', 'a\u200Db', 'ﬁ']) {
      expect(skeleton(skeleton(s))).toBe(skeleton(s));
      expect(skeleton(s)).toBe(skeleton(s).normalize('NFD'));
    }
    expect(skeleton('a\u200Db')).toBe('ab');
    expect(skeleton('\u00E9')).toBe(skeleton('e\u0301'));
  });

  it('differs from the sign-in key, which only folds case and compatibility forms', () => {
    expect(usernameKey('\u0430na')).not.toBe(usernameKey('ana'));
    expect(usernameKey('ANA')).toBe(usernameKey('ana'));
  });
});

describe('usernameProblems', () => {
  it.each(['a\u034Fna', 'a\u3164na', 'ana\uFE0F', 'a\u180Bna', 'an\u200Da', 'an\u00ADa'])(
    'refuses invisible characters, naming the field (%j)',
    (name) => {
      const problems = usernameProblems(name);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.field).toBe('username');
      expect(problems[0]?.message).toMatch(/invisible characters \(U\+[0-9A-F]{4} is one\)/);
    },
  );

  it('accepts names in any script', () => {
    for (const name of ['Јована', 'محمد', '田中', 'Милица', 'ana.petrović', 'José_Luis'])
      expect(usernameProblems(name)).toEqual([]);
  });
});

/**
 * The interface catalogs are complete and well-formed in every language: the same keys
 * everywhere (for every area, including ones added later), every message parses in its own
 * language, translations keep the English placeholders, and every plural names all the CLDR
 * categories of its language (Arabic's six, Serbian's one/few/other, French's many…).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogs } from './catalogs.js';
import { translator } from './translator.js';

const REQUIRED = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl', 'fr'];
const ARABIC_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The CLDR categories a cardinal or ordinal plural must name in `lang`. */
function categoriesOf(lang: string, ordinal: boolean): string[] {
  return new Intl.PluralRules(lang, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions()
    .pluralCategories;
}

/** Every plural of `lang`'s catalog missing one of its CLDR categories, as `key {arg}: cats`. */
function missingCategories(lang: string): { key: string; value: string; missing: string[] }[] {
  const found: { key: string; value: string; missing: string[] }[] = [];
  for (const [key, source] of Object.entries(catalogs[lang] ?? {})) {
    for (const plural of pluralsOf(parse(source, lang))) {
      const missing = categoriesOf(lang, plural.ordinal).filter((c) => !plural.options.includes(c));
      if (missing.length > 0) found.push({ key, value: plural.value, missing });
    }
  }
  return found;
}

const english = catalogs.en ?? {};

/** Parses `source` for `lang`; the AST of the message. */
function parse(source: string, lang: string): MessageFormatElement[] {
  return new IntlMessageFormat(source, lang).getAst();
}

/** Every argument name used in a message, at any depth (inside plural/select branches too). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

interface PluralElement {
  value: string;
  /** A selectordinal (its categories come from the ordinal rules). */
  ordinal: boolean;
  options: string[];
}

/** The plural and selectordinal elements of a message, at any depth. */
function pluralsOf(elements: MessageFormatElement[]): PluralElement[] {
  const found: PluralElement[] = [];
  for (const el of elements) {
    if (el.type === TYPE.plural) {
      found.push({
        value: el.value,
        ordinal: el.pluralType === 'ordinal',
        options: Object.keys(el.options),
      });
      for (const option of Object.values(el.options)) found.push(...pluralsOf(option.value));
    } else if (el.type === TYPE.select) {
      for (const option of Object.values(el.options)) found.push(...pluralsOf(option.value));
    } else if (el.type === TYPE.tag) {
      found.push(...pluralsOf(el.children));
    }
  }
  return found;
}

describe('interface catalogs', () => {
  it('exist for English, Spanish, Arabic, Swahili, German, Serbian (Cyrillic) and French', () => {
    for (const lang of REQUIRED)
      expect(Object.keys(catalogs[lang] ?? {}).length).toBeGreaterThan(0);
  });

  it.each(REQUIRED.filter((l) => l !== 'en'))('%s has exactly the English keys', (lang) => {
    const keys = new Set(Object.keys(catalogs[lang] ?? {}));
    const missing = Object.keys(english).filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !(k in english));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('every message parses in its own language', () => {
    const failures: string[] = [];
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const [key, source] of Object.entries(catalog)) {
        try {
          parse(source, lang);
        } catch (error) {
          failures.push(`${lang} ${key}: ${String(error)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('translations use the same placeholders as English', () => {
    const failures: string[] = [];
    for (const [lang, catalog] of Object.entries(catalogs)) {
      if (lang === 'en') continue;
      for (const [key, source] of Object.entries(catalog)) {
        const original = english[key];
        if (original === undefined) continue; // reported by the key test
        const expected = argumentsOf(parse(original, 'en'));
        const actual = argumentsOf(parse(source, lang));
        const missing = [...expected].filter((name) => !actual.has(name));
        const unknown = [...actual].filter((name) => !expected.has(name));
        if (missing.length > 0 || unknown.length > 0)
          failures.push(
            `${lang} ${key}: missing {${missing.join('} {')}} unknown {${unknown.join('} {')}}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('Arabic plurals name all six CLDR categories', () => {
    expect([...categoriesOf('ar', false)].sort()).toEqual([...ARABIC_CATEGORIES].sort());
    const failures: string[] = [];
    for (const [key, source] of Object.entries(catalogs.ar ?? {})) {
      for (const plural of pluralsOf(parse(source, 'ar'))) {
        if (plural.ordinal) continue;
        const missing = ARABIC_CATEGORIES.filter((c) => !plural.options.includes(c));
        if (missing.length > 0)
          failures.push(`${key} {${plural.value}}: missing ${missing.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(REQUIRED)('%s plurals name every CLDR category of the language', (lang) => {
    const failures = missingCategories(lang).map(
      ({ key, value, missing }) => `${key} {${value}}: missing ${missing.join(', ')}`,
    );
    expect(failures).toEqual([]);
  });

  it('serves the new languages from their own catalogs, also for regional tags', () => {
    for (const lang of ['sw', 'de', 'sr-Cyrl', 'fr']) expect(translator(lang).lang).toBe(lang);
    expect(translator('sr-Cyrl-RS').lang).toBe('sr-Cyrl');
    expect(translator('fr-CA').lang).toBe('fr');
    expect(translator('de').t('common.nav.signIn')).toBe('Anmelden');
    expect(translator('sw').t('common.nav.signIn')).toBe('Ingia');
    expect(translator('sr-Cyrl').t('common.nav.signIn')).toBe('Пријава');
    expect(translator('fr').t('common.nav.signIn')).toBe('Se connecter');
  });

  it('formats Serbian counts with one, few and other', () => {
    const sr = translator('sr-Cyrl');
    expect(sr.t('admin.orgs.members', { count: 1 })).toBe('1 члан');
    expect(sr.t('admin.orgs.members', { count: 3 })).toBe('3 члана');
    expect(sr.t('admin.orgs.members', { count: 5 })).toBe('5 чланова');
    expect(sr.t('admin.orgs.members', { count: 12 })).toBe('12 чланова'); // 12–14 are other
    expect(sr.t('admin.orgs.members', { count: 21 })).toBe('21 члан'); // 21 is one
    expect(sr.t('admin.orgs.members', { count: 22 })).toBe('22 члана');
  });

  it('formats Swahili counts after the noun, singular only for one', () => {
    const sw = translator('sw');
    expect(sw.t('write.revisions.count', { count: 1 })).toBe('toleo 1');
    expect(sw.t('write.revisions.count', { count: 3 })).toBe('matoleo 3');
  });

  it('formats French counts with 0 and 1 singular', () => {
    const fr = translator('fr');
    expect(fr.t('write.revisions.count', { count: 0 })).toBe('0 révision');
    expect(fr.t('write.revisions.count', { count: 1 })).toBe('1 révision');
    expect(fr.t('write.revisions.count', { count: 2 })).toBe('2 révisions');
    expect(fr.t('write.revisions.count', { count: 1_000_000 })).toBe(
      '1\u202f000\u202f000 révisions',
    );
  });

  it('formats Arabic counts with CLDR plural categories (few, many, other)', () => {
    const ar = translator('ar');
    const three = ar.t('write.revisions.count', { count: 3 });
    const eleven = ar.t('write.revisions.count', { count: 11 });
    const hundred = ar.t('write.revisions.count', { count: 100 });
    expect(new Set([three, eleven, hundred]).size).toBe(3);
    expect(three).toContain('مراجعات'); // few: plural noun
    expect(eleven).toContain('مراجعة'); // many: singular accusative noun
    expect(ar.t('write.revisions.count', { count: 2 })).toBe('مراجعتان'); // two: the dual
    expect(ar.t('write.revisions.count', { count: 1 })).toBe('مراجعة واحدة');
  });

  it('keeps the English texts that pages and tests rely on', () => {
    const en = translator('en');
    expect(en.t('write.notice.saved', { revision: 1 })).toBe('Saved as revision 1.');
    expect(en.t('write.revisions.count', { count: 1 })).toBe('1 revision');
    expect(en.t('write.revisions.count', { count: 12 })).toBe('12 revisions');
    expect(translator('es').t('admin.orgs.members', { count: 1 })).toBe('1 miembro');
  });
});

/**
 * The interface catalogs are complete and well-formed in every language: the same keys
 * everywhere (for every area, including ones added later), every message parses in its own
 * language, translations keep the English placeholders, and every plural names all the CLDR
 * categories of its language (Arabic's six, Serbian's one/few/other, French's many…).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import {
  categoryProblems,
  icuProblemText,
  parseMessage,
  pluralCategoriesOf,
  translationProblems,
} from '../domain/icu-message.js';
import type { MessageShape } from '../domain/icu-message.js';
import { catalogs } from './catalogs.js';
import { translator } from './translator.js';

const REQUIRED = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl', 'fr'];
const ARABIC_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

const english = catalogs.en ?? {};

/** Parses `source` for `lang` with the bounds volunteers' texts get; the shape of the message. */
function shapeOf(source: string, lang: string): MessageShape {
  const parsed = parseMessage(source, lang);
  if (!parsed.shape) throw new Error(icuProblemText(parsed.problem));
  return parsed.shape;
}

/** Every plural of `lang`'s catalog missing one of its CLDR categories (the domain's rule). */
function missingCategories(lang: string): { key: string; problem: string }[] {
  const found: { key: string; problem: string }[] = [];
  for (const [key, source] of Object.entries(catalogs[lang] ?? {}))
    for (const problem of categoryProblems(shapeOf(source, lang), lang))
      found.push({ key, problem: icuProblemText(problem) });
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
          new IntlMessageFormat(source, lang).getAst();
          shapeOf(source, lang);
        } catch (error) {
          failures.push(`${lang} ${key}: ${String(error)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("translations keep the English placeholders and tags, as volunteers' texts must", () => {
    const failures: string[] = [];
    for (const [lang, catalog] of Object.entries(catalogs)) {
      if (lang === 'en') continue;
      for (const [key, source] of Object.entries(catalog)) {
        const original = english[key];
        if (original === undefined) continue; // reported by the key test
        for (const problem of translationProblems(original, source, lang))
          failures.push(`${lang} ${key}: ${icuProblemText(problem)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('Arabic plurals name all six CLDR categories', () => {
    expect(pluralCategoriesOf('ar').sort()).toEqual([...ARABIC_CATEGORIES].sort());
    const failures: string[] = [];
    for (const [key, source] of Object.entries(catalogs.ar ?? {})) {
      for (const plural of shapeOf(source, 'ar').plurals) {
        if (plural.ordinal) continue;
        const missing = ARABIC_CATEGORIES.filter((c) => !plural.options.includes(c));
        if (missing.length > 0)
          failures.push(`${key} {${plural.name}}: missing ${missing.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(REQUIRED)('%s plurals name every CLDR category of the language', (lang) => {
    const failures = missingCategories(lang).map(({ key, problem }) => `${key}: ${problem}`);
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

import { describe, expect, it } from 'vitest';
import { negotiateLanguage, withLikelyScript } from './negotiate.js';
import { catalogLanguage } from './translator.js';

const site = ['en', 'es', 'ar', 'pt', 'sr-Cyrl'];

describe('negotiateLanguage', () => {
  it('prefers the remembered choice over Accept-Language', () => {
    expect(negotiateLanguage({ remembered: 'en', acceptLanguage: 'es' }, site, 'en')).toBe('en');
  });
  it('ignores a remembered language the site no longer offers', () => {
    expect(negotiateLanguage({ remembered: 'fr', acceptLanguage: 'es' }, site, 'en')).toBe('es');
  });
  it('honours q-values, not header order', () => {
    expect(negotiateLanguage({ acceptLanguage: 'de;q=0.9, ar;q=0.95, es;q=0.5' }, site, 'en')).toBe(
      'ar',
    );
  });
  it('falls back from a regional tag to its language', () => {
    expect(negotiateLanguage({ acceptLanguage: 'pt-BR,pt;q=0.8' }, site, 'en')).toBe('pt');
    expect(negotiateLanguage({ acceptLanguage: 'es-AR' }, site, 'en')).toBe('es');
  });
  it('skips languages the site does not have', () => {
    expect(negotiateLanguage({ acceptLanguage: 'fr-FR, fr;q=0.9, es;q=0.3' }, site, 'en')).toBe(
      'es',
    );
  });
  it('uses the site default for nothing usable', () => {
    expect(negotiateLanguage({ acceptLanguage: 'tlh, *' }, site, 'en')).toBe('en');
    expect(negotiateLanguage({ acceptLanguage: '!!garbage' }, site, 'en')).toBe('en');
    expect(negotiateLanguage({}, site, 'ar')).toBe('ar');
  });
  it('reaches a script variant through the likely script (CLDR likely subtags)', () => {
    expect(negotiateLanguage({ acceptLanguage: 'sr' }, site, 'en')).toBe('sr-Cyrl');
    expect(negotiateLanguage({ acceptLanguage: 'sr-RS, en;q=0.5' }, site, 'en')).toBe('sr-Cyrl');
    expect(negotiateLanguage({ acceptLanguage: 'sr-ME' }, site, 'en')).toBe('en'); // Latin there
    expect(negotiateLanguage({ acceptLanguage: 'sr-Latn' }, site, 'en')).toBe('en');
    expect(negotiateLanguage({ acceptLanguage: 'zh-TW' }, ['en', 'zh-Hant'], 'en')).toBe('zh-Hant');
    expect(negotiateLanguage({ acceptLanguage: 'zh-CN' }, ['en', 'zh-Hant'], 'en')).toBe('en');
  });
});

describe('withLikelyScript', () => {
  it('adds the likely script to a tag without one', () => {
    expect(withLikelyScript('sr-RS')).toEqual(['sr-RS', 'sr-Cyrl-RS', 'sr-Cyrl']);
    expect(withLikelyScript('sr')).toEqual(['sr', 'sr-Cyrl']);
    expect(withLikelyScript('sr-Latn')).toEqual(['sr-Latn']);
    expect(withLikelyScript('')).toEqual([]);
  });
});

describe('catalogLanguage', () => {
  it('finds the Cyrillic Serbian catalog for sr and sr-RS, and parents for regions', () => {
    expect(catalogLanguage('sr')).toBe('sr-Cyrl');
    expect(catalogLanguage('sr-RS')).toBe('sr-Cyrl');
    expect(catalogLanguage('es-AR')).toBe('es');
    expect(catalogLanguage('sr-Latn')).toBe('en');
    expect(catalogLanguage('tlh')).toBe('en');
  });
});

import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from './negotiate.js';

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
});

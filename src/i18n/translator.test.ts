/**
 * Interface text falls back key by key: along the tag (`es-AR` → `es`), then along the site's
 * fallback chain for the language (`pt-BR` → `pt` → `es` when an administrator says so), and
 * finally to English; the translator reports the first catalog of that chain as its language.
 */
import { describe, expect, it } from 'vitest';
import { catalogChain, catalogLanguage, translator } from './translator.js';

describe('catalog fallback chains', () => {
  it('walks the tag, then the fallback chain, then English', () => {
    expect(catalogChain('pt-BR')).toEqual(['en']);
    expect(catalogChain('pt-BR', ['pt', 'en'])).toEqual(['en']);
    expect(catalogChain('gsw', ['de'])).toEqual(['de', 'en']);
    expect(catalogChain('es-AR')).toEqual(['es', 'en']);
    expect(catalogChain('sr-RS', ['en'])).toEqual(['sr-Cyrl', 'en']);
    expect(catalogLanguage('yo')).toBe('en');
  });

  it('formats each message from the first catalog of the chain that has it', () => {
    const swissGerman = translator('gsw', ['de']);
    expect(swissGerman.lang).toBe('de');
    expect(swissGerman.t('common.nav.signIn')).toBe('Anmelden');
    expect(translator('gsw').t('common.nav.signIn')).toBe('Sign in');
    expect(translator('pt-BR', ['pt', 'es']).t('common.nav.signIn')).toBe(
      translator('es').t('common.nav.signIn'),
    );
    // One translator per chain, reused.
    expect(translator('gsw', ['de'])).toBe(swissGerman);
  });
});

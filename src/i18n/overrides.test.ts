/**
 * Approved volunteers' texts override the shipped catalog per (language, key) at once: the
 * translator's compiled-message cache never serves the text it had before; other languages
 * keep theirs; a language without a catalog gets its approved texts (English for the rest);
 * replacing the overlay (start-up) drops what is no longer approved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { interfaceCatalog, overridesVersion, replaceOverrides, setOverride } from './overrides.js';
import { translator } from './translator.js';

describe('interface overrides', () => {
  afterEach(() => replaceOverrides([]));

  it('replaces a shipped text at once, and gives it back', () => {
    const sw = translator('sw');
    expect(sw.t('reader.home.title')).toBe('Machapisho ya hivi karibuni');
    setOverride('sw', 'reader.home.title', 'Makala mapya kabisa');
    expect(sw.t('reader.home.title')).toBe('Makala mapya kabisa');
    expect(translator('sw').t('reader.home.title')).toBe('Makala mapya kabisa');
    expect(translator('de').t('reader.home.title')).not.toBe('Makala mapya kabisa');
    setOverride('sw', 'reader.home.title', null);
    expect(sw.t('reader.home.title')).toBe('Machapisho ya hivi karibuni');
  });

  it('formats an approved plural with the language’s rules', () => {
    setOverride(
      'sw',
      'reader.listing.count',
      '{count, plural, one {makala # tu} other {makala #}}',
    );
    expect(translator('sw').t('reader.listing.count', { count: 1 })).toBe('makala 1 tu');
    expect(translator('sw').t('reader.listing.count', { count: 4 })).toBe('makala 4');
  });

  it('lets a language without a catalog show its approved texts', () => {
    expect(translator('pt').t('reader.home.title')).toBe('Latest posts');
    setOverride('pt', 'reader.home.title', 'Últimas publicações');
    expect(translator('pt').t('reader.home.title')).toBe('Últimas publicações');
    expect(translator('pt').t('common.nav.home')).toBe('Home');
  });

  it('start-up replaces the whole overlay', () => {
    setOverride('sw', 'common.nav.home', 'Nyumbani kwetu');
    const entries = [{ language: 'sw', key: 'common.nav.signIn', text: 'Ingia sasa' }];
    expect(interfaceCatalog.replaceAll(entries)).toBe(true);
    expect(translator('sw').t('common.nav.home')).toBe('Mwanzo');
    expect(translator('sw').t('common.nav.signIn')).toBe('Ingia sasa');
  });

  it('a replacement with exactly the texts it holds changes nothing, not even the version', () => {
    const entries = [{ language: 'sw', key: 'common.nav.signIn', text: 'Ingia sasa' }];
    interfaceCatalog.replaceAll(entries);
    const version = overridesVersion();
    expect(interfaceCatalog.replaceAll([...entries])).toBe(false);
    expect(overridesVersion()).toBe(version);
    expect(
      interfaceCatalog.replaceAll([
        { language: 'sw', key: 'common.nav.signIn', text: 'Ingia tena' },
      ]),
    ).toBe(true);
    expect(overridesVersion()).toBe(version + 1);
    expect(interfaceCatalog.replaceAll([])).toBe(true);
    expect(interfaceCatalog.replaceAll([])).toBe(false);
  });
});

/**
 * The checks' messages: the English catalog (src/i18n/messages/checks.en.json) is exactly
 * the English text the domain formats each finding with, and every finding a check emits
 * formats in English, Spanish and Arabic with its own params (no placeholder left over).
 */
import { describe, expect, it } from 'vitest';
import {
  CHECK_MESSAGES,
  CHECK_SERVICE_MESSAGES,
  checkQuality,
  messageKey,
} from '../../src/domain/checks/index.js';
import type { CheckId, Finding } from '../../src/domain/checks/index.js';
import { catalogs } from '../../src/i18n/catalogs.js';
import { translator } from '../../src/i18n/translator.js';

/** Texts that make every check speak at least once. */
function everyFinding(): Finding[] {
  const run = (source: string, target: string, targetLanguage: string, extra = {}) =>
    checkQuality({
      source,
      target,
      codes: {},
      sourceLanguage: 'en',
      targetLanguage,
      glossary: [],
      ...extra,
    });
  const long = 'All human beings are born free and equal in dignity and rights, they say.';
  const hit = {
    termId: 't',
    term: 'rights',
    start: 0,
    end: 6,
    translation: 'Rechte',
    doNotTranslate: false,
    forbidden: ['Anspruch'],
  };
  const keep = {
    termId: 'k',
    term: 'Polyphony',
    start: 7,
    end: 16,
    translation: null,
    doNotTranslate: true,
    forbidden: [],
  };
  return [
    ...run(
      'Bring 3 cups to https://x.org or a@b.org (now)',
      ' bringt  4 the the Anspruch. ',
      'de',
      {
        glossary: [hit, keep],
      },
    ),
    ...run('Is it ready?', 'Está listo!', 'es'),
    ...run('Done:', 'Fertig.', 'de'),
    ...run('Done', 'Fertig.', 'de'),
    ...run('Done.', 'Fertig', 'de'),
    ...run('Water (cold).', 'Wasser (kalt.', 'de'),
    ...run(long, 'Alle.', 'de'),
    ...run(
      'Short source text here',
      'Alle Menschen sind frei und gleich an Würde und Rechten geboren, und so weiter und so fort, immer weiter.',
      'de',
    ),
    ...run(long, long, 'de'),
    ...run(
      'Read <pc id="1">this</pc> and <pc id="2">that</pc>',
      'Lies <pc id="1"></pc> und <pc id="2"></pc>',
      'de',
      {
        codes: {
          '1': { kind: 'pc', type: 'link', label: 'link → https://x.org' },
          '2': { kind: 'pc', type: 'strong', label: 'bold' },
        },
      },
    ),
    ...run('The meeting is here.', '会議は ここです。', 'ja', {
      machine: { text: '会議は ここです。', engine: 'apertium' },
    }),
  ];
}

describe('check messages', () => {
  it('the English catalog is the domain’s English text, key for key', () => {
    const english = catalogs.en ?? {};
    const fromCatalog = Object.fromEntries(
      Object.entries(english).filter(([key]) => key.startsWith('checks.')),
    );
    const fromDomain: Record<string, string> = { ...CHECK_SERVICE_MESSAGES };
    for (const [check, text] of Object.entries(CHECK_MESSAGES))
      fromDomain[messageKey(check as CheckId)] = text;
    expect(fromCatalog).toEqual(fromDomain);
  });

  it('every check emits, and formats in English, Spanish and Arabic', () => {
    const found = everyFinding();
    const emitted = new Set(found.map((f) => f.check));
    expect(Object.keys(CHECK_MESSAGES).filter((c) => !emitted.has(c as CheckId))).toEqual([]);
    for (const f of found) {
      expect(translator('en').t(f.key, f.params)).toBe(f.message);
      for (const lang of ['es', 'ar']) {
        const text = translator(lang).t(f.key, f.params);
        expect(text, `${lang} ${f.key}`).not.toMatch(/[{}]/);
        expect(text, `${lang} ${f.key}`).not.toBe(f.message);
      }
    }
  });

  it('formats the publish block for the lead with Arabic plurals', () => {
    const values = (count: number) => ({ percent: 97, limit: 95, count, units: '1, 2, 3' });
    const ar = translator('ar');
    expect(ar.t('checks.machine.publishBlocked', values(1))).toContain('هذا المقطع'); // one
    expect(ar.t('checks.machine.publishBlocked', values(2))).toContain('هذين المقطعين'); // two
    expect(ar.t('checks.machine.publishBlocked', values(3))).toContain('المقاطع الـ3'); // few
    expect(translator('en').t('checks.machine.publishBlocked', values(2))).toBe(
      '97% of this translation is machine translation left unmodified; the site allows at most 95%. Revise these 2 segments first: 1, 2, 3',
    );
  });
});

/**
 * Glossary matching: whole words (Intl.Segmenter), case folding in the source language,
 * case-sensitive terms, stems (English plurals and inflections), multi-word and hyphenated
 * terms, German compounds left alone, Arabic article and prepositions through the Arabic stemmer, Japanese
 * and Thai by dictionary words, overlaps and offsets into the plain text.
 */
import { describe, expect, it } from 'vitest';
import { sourceLookupKeys, termKeys } from './analyze.js';
import { matchTerms } from './match.js';
import type { MatchableTerm } from './vocabulary.js';

let next = 0;
function term(text: string, overrides: Partial<MatchableTerm> = {}): MatchableTerm {
  next += 1;
  return {
    id: `t${next}`,
    term: text,
    translation: `${text} (tr)`,
    definition: '',
    partOfSpeech: 'noun',
    note: '',
    caseSensitive: false,
    doNotTranslate: false,
    forbidden: [],
    ...overrides,
  };
}

/** The matched source text of each hit. */
function found(text: string, language: string, terms: MatchableTerm[]): string[] {
  return matchTerms(text, language, terms).map((h) => text.slice(h.start, h.end));
}

describe('matchTerms in English', () => {
  it('finds whole words only, case folded', () => {
    const t = [term('playbook')];
    expect(found('The Playbook, our playbook and PLAYBOOK.', 'en', t)).toEqual([
      'Playbook',
      'playbook',
      'PLAYBOOK',
    ]);
    expect(found('A playbooklet and a bookplay.', 'en', t)).toEqual([]);
  });

  it('finds plural and inflected forms through the stemmer', () => {
    expect(found('Two buddies and one buddy', 'en', [term('buddy')])).toEqual(['buddies', 'buddy']);
    expect(found('She organized it; they are organizing more.', 'en', [term('organize')])).toEqual([
      'organized',
      'organizing',
    ]);
    expect(found('Our playbooks are shared.', 'en', [term('playbook')])).toEqual(['playbooks']);
  });

  it('matches multi-word terms word by word, with any white space between them', () => {
    const t = [term('remote buddy')];
    expect(found('Every event had a remote  buddies\nand a Remote\u00a0Buddy.', 'en', t)).toEqual([
      'remote  buddies',
      'Remote\u00a0Buddy',
    ]);
    // Punctuation between the words is not white space: no match.
    expect(found('remote, buddy', 'en', t)).toEqual([]);
  });

  it('matches hyphenated terms and their plurals, not their parts', () => {
    const t = [term('edit-a-thon')];
    expect(found('Our edit-a-thons and an Edit‑a‑thon; edit a thon.', 'en', t)).toEqual([
      'edit-a-thons',
      'Edit‑a‑thon',
    ]);
    expect(found('I edit a page.', 'en', [term('edit-a-thon')])).toEqual([]);
  });

  it('respects case-sensitive terms, inflections included', () => {
    const polish = term('Polish', { caseSensitive: true, partOfSpeech: 'adjective' });
    expect(found('Polish editors polish their texts.', 'en', [polish])).toEqual(['Polish']);
    const api = term('API', { caseSensitive: true });
    expect(found('Two APIs, one API, and an api.', 'en', [api])).toEqual(['APIs', 'API']);
  });

  it('keeps the punctuation that belongs to a term (C++, .NET)', () => {
    expect(found('C++ and C are languages.', 'en', [term('C++')])).toEqual(['C++']);
    expect(found('We use .NET and the net.', 'en', [term('.NET')])).toEqual(['.NET']);
  });

  it('prefers the leftmost, then the longest term; keeps terms on exactly the same words', () => {
    const remoteBuddy = term('remote buddy');
    const buddy = term('buddy');
    const buddyVerb = term('buddy', { partOfSpeech: 'verb' });
    const hits = matchTerms('A remote buddy, a buddy.', 'en', [buddy, remoteBuddy, buddyVerb]);
    expect(hits.map((h) => [h.start, h.end, h.termId])).toEqual([
      [2, 14, remoteBuddy.id],
      [18, 23, buddy.id],
      [18, 23, buddyVerb.id],
    ]);
  });

  it('reports the term with its translation and flags, offsets in UTF-16 units', () => {
    const wikimedia = term('Wikimedia', {
      translation: null,
      doNotTranslate: true,
      forbidden: ['Wikimedía'],
      definition: 'The movement',
      partOfSpeech: 'properNoun',
      note: 'Never translated',
    });
    const text = '🎉 Wikimedia!';
    expect(matchTerms(text, 'en', [wikimedia])).toEqual([
      {
        termId: wikimedia.id,
        term: 'Wikimedia',
        start: 3,
        end: 12,
        translation: null,
        doNotTranslate: true,
        forbidden: ['Wikimedía'],
        definition: 'The movement',
        partOfSpeech: 'properNoun',
        note: 'Never translated',
      },
    ]);
  });
});

describe('matchTerms in other languages', () => {
  it('leaves German compounds alone but finds inflected forms', () => {
    const t = [term('Leitfaden')];
    expect(found('Der Leitfadenentwurf und die Leitfäden, ein Leitfaden.', 'de', t)).toEqual([
      'Leitfäden',
      'Leitfaden',
    ]);
  });

  it('finds Arabic terms with the article or a preposition attached (the Arabic stemmer)', () => {
    const t = [term('مكتبة')];
    expect(found('زرنا المكتبة الوطنية ثم مكتبة الحي، ونلتقي بالمكتبة.', 'ar', t)).toEqual([
      'المكتبة',
      'مكتبة',
      'بالمكتبة',
    ]);
    expect(found('نحب الكتب', 'ar', t)).toEqual([]);
  });

  it('finds Japanese terms by dictionary words, not inside longer words', () => {
    expect(found('翻訳メモリを使ってください。', 'ja', [term('翻訳メモリ')])).toEqual([
      '翻訳メモリ',
    ]);
    expect(found('メモリとメモ。', 'ja', [term('メモ')])).toEqual(['メモ']);
    expect(matchTerms('メモリとメモ。', 'ja', [term('メモ')])[0]?.start).toBe(4);
  });

  it('finds Thai terms by word', () => {
    expect(found('หน่วยความจำการแปลดีมาก', 'th', [term('การแปล')])).toEqual(['การแปล']);
  });

  it('folds case in the source language (Turkish dotted İ)', () => {
    expect(found('İstanbul ve istanbul', 'tr', [term('istanbul')])).toEqual([
      'İstanbul',
      'istanbul',
    ]);
  });

  it('matches exact word forms where the language has no stemmer', () => {
    expect(found('Mhariri na wahariri', 'sw', [term('mhariri')])).toEqual(['Mhariri']);
  });
});

describe('keys', () => {
  it('keys a term by its folded form and its first word’s stem', () => {
    expect(termKeys('Remote  Buddies', 'compañero remoto', 'en', 'es')).toEqual({
      termKey: 'remote buddies',
      lookupKey: 'remot',
      searchKey: 'remote buddies\ncompañero remoto',
    });
    expect(termKeys('…', null, 'en', 'es')).toBeNull();
  });

  it('a source’s keys include every term that can match in it', () => {
    const cases: [string, string, string][] = [
      ['en', 'Two remote buddies', 'remote buddy'],
      ['en', 'edit-a-thons', 'edit-a-thon'],
      ['ar', 'زرنا المكتبة', 'مكتبة'],
      ['ja', '翻訳メモリを使って', '翻訳メモリ'],
      ['de', 'die Leitfäden', 'Leitfaden'],
    ];
    for (const [language, text, t] of cases) {
      const key = termKeys(t, 'x', language, 'es')?.lookupKey;
      expect(sourceLookupKeys(text, language), `${language} ${t}`).toContain(key);
    }
  });
});

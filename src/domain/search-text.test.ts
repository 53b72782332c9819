import { describe, expect, it } from 'vitest';
import { searchSnippet } from './search-snippet.js';
import {
  foldAccents,
  indexedWords,
  matchesTerm,
  MAX_SEARCH_TERMS,
  searchTerms,
  searchWords,
} from './search-text.js';

describe('foldAccents', () => {
  it('drops the accents of Latin, Greek and Cyrillic letters and keeps case', () => {
    expect(foldAccents('Maratón')).toBe('Maraton');
    expect(foldAccents('ÉCOLE où Ça')).toBe('ECOLE ou Ca');
    expect(foldAccents('Ñandú, São Paulo, Łódź, Dvořák')).toBe('Nandu, Sao Paulo, Łodz, Dvorak');
    expect(foldAccents('ἀθῆναι Αθήνα')).toBe('αθηναι Αθηνα');
    expect(foldAccents('Ёлка ёж')).toBe('Елка еж');
  });

  it('treats decomposed and composed text alike and returns NFC', () => {
    const decomposed = 'mar\u0061to\u0301n';
    expect(foldAccents(decomposed)).toBe('maraton');
    expect(foldAccents('e\u0301\u0302')).toBe('e');
    const kept = foldAccents('日本語 ﬁ');
    expect(kept).toBe('日本語 ﬁ');
    expect(kept.normalize('NFC')).toBe(kept);
  });

  it('keeps the breve of Cyrillic й and ў: they are letters, not accented и and у', () => {
    expect(foldAccents('йод Йемен ўсё')).toBe('йод Йемен ўсе');
  });

  it('keeps marks that are vowels or parts of letters in other scripts', () => {
    for (const text of [
      'الْمَكْتَبَةَ كتاباً', // Arabic harakat and tanwin
      'שָׁלוֹם', // Hebrew points
      'हिन्दी किताबें', // Devanagari vowel signs and virama
      'தமிழ்', // Tamil
      'ภาษาไทย น้ำ', // Thai vowels and tone marks
      'ক্ষমা', // Bengali
    ])
      expect(foldAccents(text), text).toBe(text.normalize('NFC'));
  });

  it('only folds marks that follow a letter of a folding script', () => {
    // A Latin accent after an Arabic letter stays; an accent after a Latin letter goes.
    expect(foldAccents('ب\u0301 a\u0301')).toBe('ب\u0301 a');
  });
});

describe('searchWords and searchTerms', () => {
  it('keys a word by its stems before and after folding', () => {
    const [word] = searchWords('Investigaciones', 'es');
    expect(word).toMatchObject({ start: 0, end: 15, folded: 'investigaciones' });
    expect(word!.keys).toEqual(['investig']);
    const [accented] = searchWords('investigación', 'es');
    expect(accented!.keys).toEqual(['investig', 'investigacion']);
    expect(searchWords('Playbooks', 'en')[0]!.keys).toEqual(['playbook']);
    // No stemmer: the folded word.
    expect(searchWords('Kūrinys', 'xx')[0]!.keys).toEqual(['kurinys']);
  });

  it('segments every script by words and leaves out punctuation', () => {
    expect(searchWords('"Hola", dijo — ¿qué?', 'es').map((w) => w.folded)).toEqual([
      'hola',
      'dijo',
      'que',
    ]);
    expect(searchWords('ภาษาไทยง่าย', 'th').map((w) => w.folded)).toEqual(['ภาษา', 'ไทย', 'ง่าย']);
    expect(searchWords('* - ( ) _ 🙂', 'en')).toEqual([]);
  });

  it('lower-cases in the text’s language', () => {
    expect(searchWords('İSTANBUL', 'tr')[0]!.folded).toBe('istanbul');
  });

  it('accepts an unknown or malformed language tag', () => {
    expect(searchWords('Día', 'not a tag!').map((w) => w.folded)).toEqual(['dia']);
  });

  it('caps the number of query terms', () => {
    const many = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
    expect(searchTerms(many, 'en')).toHaveLength(MAX_SEARCH_TERMS);
  });

  it('indexes each word as its folded form and its keys', () => {
    expect(indexedWords('Las bibliotecas del maratón', 'es')).toBe(
      'las bibliotecas bibliotec del maraton',
    );
  });

  it('matches by folded form, shared key or, for the last word, prefix', () => {
    const [biblioteca] = searchWords('biblioteca', 'es');
    const [bibliotecas] = searchTerms('bibliotecas', 'es');
    const [bibl] = searchTerms('bibl', 'es');
    const [maraton] = searchTerms('maraton', 'es');
    expect(matchesTerm(biblioteca!, bibliotecas!)).toBe(true);
    expect(matchesTerm(biblioteca!, bibl!)).toBe(false);
    expect(matchesTerm(biblioteca!, bibl!, true)).toBe(true);
    expect(matchesTerm(searchWords('Maratón', 'es')[0]!, maraton!)).toBe(true);
    expect(matchesTerm(biblioteca!, maraton!, true)).toBe(false);
  });
});

describe('searchSnippet', () => {
  const snippet = (text: string, query: string, words = 24, prefixLast = false) =>
    searchSnippet(text, 'es', searchTerms(query, 'es'), { words, prefixLast });
  const marked = (parts: ReturnType<typeof snippet>) =>
    parts.filter((p) => p.marked).map((p) => p.text);
  const joined = (parts: ReturnType<typeof snippet>) => parts.map((p) => p.text).join('');

  it('shows the text as written and marks the words that matched', () => {
    const parts = snippet('Corrimos el Maratón y dos maratones más.', 'maraton');
    expect(joined(parts)).toBe('Corrimos el Maratón y dos maratones más.');
    expect(marked(parts)).toEqual(['Maratón', 'maratones']);
    expect(parts[0]).toEqual({ text: 'Corrimos el ', marked: false });
  });

  it('marks prefixes of the last word only when asked to', () => {
    expect(marked(snippet('La investigación sigue.', 'invest'))).toEqual([]);
    expect(marked(snippet('La investigación sigue.', 'invest', 24, true))).toEqual([
      'investigación',
    ]);
  });

  it('cuts a window around the matches, with ellipses where text was left out', () => {
    const words = Array.from({ length: 100 }, (_, i) => `p${i}`);
    words[50] = 'biblioteca';
    const parts = snippet(words.join(' '), 'bibliotecas', 8);
    expect(joined(parts)).toBe('…p48 p49 biblioteca p51 p52 p53 p54 p55…');
    expect(marked(parts)).toEqual(['biblioteca']);
  });

  it('prefers the window with the most distinct words of the query', () => {
    const words = Array.from({ length: 60 }, (_, i) => `p${i}`);
    words[5] = 'agua';
    words[40] = 'agua';
    words[42] = 'río';
    const parts = snippet(words.join(' '), 'agua rio', 6);
    expect(marked(parts)).toEqual(['agua', 'río']);
    expect(joined(parts).startsWith('…p39 agua')).toBe(true);
  });

  it('shows the beginning, unmarked, when no word matches, and nothing for no words', () => {
    const parts = snippet('Uno dos tres cuatro cinco.', 'seis', 3);
    expect(parts).toEqual([{ text: 'Uno dos tres…', marked: false }]);
    expect(snippet('', 'seis')).toEqual([]);
    expect(snippet('— … —', 'seis')).toEqual([]);
  });
});

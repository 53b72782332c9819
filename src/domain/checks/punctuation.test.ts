import { describe, expect, it } from 'vitest';
import { findingsOf } from './cases.testing.js';
import type { CheckCase } from './cases.testing.js';
import { endOf } from './punctuation.js';

const rows: CheckCase[] = [
  // English targets (from Spanish, Japanese and Arabic sources).
  {
    name: 'en from es ¿…?',
    source: '¿Dónde es la reunión?',
    sourceLanguage: 'es',
    target: 'Where is the meeting?',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en from ja 。',
    source: '会議は東京です。',
    sourceLanguage: 'ja',
    target: 'The meeting is in Tokyo.',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en from ar ؟',
    source: 'أين الاجتماع؟',
    sourceLanguage: 'ar',
    target: 'Where is the meeting?',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en full stop dropped',
    source: 'Bring water.',
    sourceLanguage: 'de',
    target: 'Bring water',
    targetLanguage: 'en',
    expected: ['punctuation.endMissing'],
  },
  {
    name: 'en full stop added to a heading',
    source: 'Tagesordnung',
    sourceLanguage: 'de',
    target: 'Agenda.',
    targetLanguage: 'en',
    expected: ['punctuation.endExtra'],
  },
  {
    name: 'en question became a statement',
    source: 'Kommst du?',
    sourceLanguage: 'de',
    target: 'You are coming.',
    targetLanguage: 'en',
    expected: ['punctuation.endDifferent'],
  },
  {
    name: 'en closing quote after the stop',
    source: 'Er sagte: „Ja.“',
    sourceLanguage: 'de',
    target: 'He said: “Yes.”',
    targetLanguage: 'en',
    expected: [],
  },
  {
    name: 'en ellipsis … for ...',
    source: 'Und dann...',
    sourceLanguage: 'de',
    target: 'And then…',
    targetLanguage: 'en',
    expected: [],
  },
  // German.
  {
    name: 'de same marks',
    source: 'Is it ready?',
    target: 'Ist es fertig?',
    targetLanguage: 'de',
    expected: [],
  },
  {
    name: 'de colon dropped',
    source: 'Bring the following:',
    target: 'Bringt Folgendes mit',
    targetLanguage: 'de',
    expected: ['punctuation.endMissing'],
  },
  {
    name: 'de exclamation for a stop',
    source: 'Welcome.',
    target: 'Willkommen!',
    targetLanguage: 'de',
    expected: ['punctuation.endDifferent'],
  },
  {
    name: 'de stop inside a link code',
    source: '<pc id="1">Read more.</pc>',
    target: '<pc id="1">Weiterlesen.</pc>',
    targetLanguage: 'de',
    expected: [],
  },
  // Arabic.
  {
    name: 'ar ؟ for ?',
    source: 'Is it ready?',
    target: 'هل هو جاهز؟',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar . for .',
    source: 'It is ready.',
    target: 'إنه جاهز.',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar ؛ for ;',
    source: 'First this;',
    target: 'هذا أولًا؛',
    targetLanguage: 'ar',
    expected: [],
  },
  {
    name: 'ar question mark dropped',
    source: 'Is it ready?',
    target: 'هل هو جاهز',
    targetLanguage: 'ar',
    expected: ['punctuation.endMissing'],
  },
  {
    name: 'ur ۔ for .',
    source: 'It is ready.',
    target: 'یہ تیار ہے۔',
    targetLanguage: 'ur',
    expected: [],
  },
  // Japanese and Chinese.
  {
    name: 'ja 。 for .',
    source: 'The meeting is in Tokyo.',
    target: '会議は東京です。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja ？ for ?',
    source: 'Where is it?',
    target: 'どこですか？',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja ！ for !',
    source: 'Welcome!',
    target: 'ようこそ！',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja 。 after 」',
    source: 'He said "yes".',
    target: '彼は「はい」と言った。',
    targetLanguage: 'ja',
    expected: [],
  },
  {
    name: 'ja 。 dropped',
    source: 'The meeting is in Tokyo.',
    target: '会議は東京です',
    targetLanguage: 'ja',
    expected: ['punctuation.endMissing'],
  },
  { name: 'zh ： for :', source: 'Bring:', target: '请带：', targetLanguage: 'zh', expected: [] },
  // Other scripts.
  {
    name: 'el ; is a question mark',
    source: 'Is it ready?',
    target: 'Είναι έτοιμο;',
    targetLanguage: 'el',
    expected: [],
  },
  {
    name: 'el ; (U+037E) is a question mark',
    source: 'Is it ready?',
    target: 'Είναι έτοιμο\u037E',
    targetLanguage: 'el',
    expected: [],
  },
  {
    name: 'hi । for .',
    source: 'It is ready.',
    target: 'यह तैयार है।',
    targetLanguage: 'hi',
    expected: [],
  },
  {
    name: 'hy ։ for .',
    source: 'It is ready.',
    target: 'Այն պատրաստ է։',
    targetLanguage: 'hy',
    expected: [],
  },
  {
    name: 'hy ՞ on the word, ։ at the end, for ?',
    source: 'Is it ready?',
    target: 'Պատրա՞ստ է։',
    targetLanguage: 'hy',
    expected: [],
  },
  {
    name: 'th no stop for .',
    source: 'The meeting is in Bangkok.',
    target: 'การประชุมอยู่ที่กรุงเทพฯ',
    targetLanguage: 'th',
    expected: [],
  },
  {
    name: 'am ። for .',
    source: 'It is ready.',
    target: 'ዝግጁ ነው።',
    targetLanguage: 'am',
    expected: [],
  },
  // Spanish opens questions and exclamations.
  {
    name: 'es ¿…? passes',
    source: 'Where is the meeting?',
    target: '¿Dónde es la reunión?',
    targetLanguage: 'es',
    expected: [],
  },
  {
    name: 'es ¿ mid-sentence passes',
    source: 'If you come, will you bring water?',
    target: 'Si vienes, ¿traerás agua?',
    targetLanguage: 'es',
    expected: [],
  },
  {
    name: 'es ¡…! passes',
    source: 'Welcome!',
    target: '¡Bienvenidos!',
    targetLanguage: 'es',
    expected: [],
  },
  {
    name: 'es ¿ missing',
    source: 'Where is the meeting?',
    target: 'Dónde es la reunión?',
    targetLanguage: 'es',
    expected: ['punctuation.openingMissing'],
  },
  {
    name: 'es ¡ missing in the second sentence',
    source: 'Hi. Welcome!',
    target: '¡Hola! Bienvenidos!',
    targetLanguage: 'es',
    expected: ['punctuation.openingMissing'],
  },
];

describe('end punctuation', () => {
  it.each(rows)('$name', (row) => {
    expect(findingsOf(row, 'punctuation').map((f) => f.check)).toEqual(row.expected);
  });

  it('names the marks', () => {
    const [found] = findingsOf(
      {
        name: '',
        source: 'Is it ready?',
        target: 'Es ist fertig.',
        targetLanguage: 'de',
        expected: [],
      },
      'punctuation',
    );
    expect(found?.params).toEqual({ source: '?', target: '.' });
    expect(found?.message).toBe('The source ends with “?” but the translation with “.”');
  });

  it.each([
    ['Done.', 'en', 'stop'],
    ['Wait...', 'en', 'ellipsis'],
    ['終わり。', 'ja', 'stop'],
    ['なぜ？', 'ja', 'question'],
    ['لماذا؟', 'ar', 'question'],
    ['Γιατί;', 'el', 'question'],
    ['First;', 'en', 'semicolon'],
    ['Title', 'en', 'none'],
  ])('%s (%s) ends with a %s', (text, language, kind) => {
    expect(endOf(text, language).kind).toBe(kind);
  });
});

import { describe, expect, it } from 'vitest';
import { sentencePairs, splitSentences } from './sentences.js';

describe('sentences', () => {
  it('splits tagged text into well-formed sentences', () => {
    expect(splitSentences('One is <pc id="1">here</pc>. Two? Three!', 'en')).toEqual([
      'One is <pc id="1">here</pc>.',
      'Two?',
      'Three!',
    ]);
  });
  it('refuses a split that cuts a code in two', () => {
    expect(splitSentences('One <pc id="1">here. Two</pc> there.', 'en')).toBeNull();
  });
  it('pairs sentences only when both sides have the same number, more than one', () => {
    expect(sentencePairs('Hi. Bye.', 'en', 'Hola. Adiós.', 'es')).toEqual([
      { source: 'Hi.', target: 'Hola.' },
      { source: 'Bye.', target: 'Adiós.' },
    ]);
    expect(sentencePairs('Hi. Bye.', 'en', 'Hola y adiós.', 'es')).toBeNull();
    expect(sentencePairs('Hi.', 'en', 'Hola.', 'es')).toBeNull();
  });
  it('splits scripts with their own full stops', () => {
    expect(sentencePairs('Hello. Goodbye.', 'en', '你好。再见。', 'zh')).toHaveLength(2);
    expect(splitSentences('مرحبا؟ وداعا.', 'ar')).toHaveLength(2);
  });
});

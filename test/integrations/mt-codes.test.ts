/**
 * Inline codes through an HTML-translating engine (units): the HTML sent for a tagged unit,
 * reading an answer back by id with a real parser (moved, lost, doubled, invented elements,
 * escapes), code placement as the save checks it, and Apertium's language codes and the
 * Serbian Cyrillic → Latin conversion.
 */
import { describe, expect, it } from 'vitest';
import {
  apertiumSource,
  apertiumTargets,
  needsLatinSerbian,
  serbianLatin,
} from '../../src/integrations/mt/apertium-languages.js';
import {
  htmlToTagged,
  matchOuterWhitespace,
  taggedToHtml,
} from '../../src/integrations/mt/html-codes.js';
import type { CodeInfo } from '../../src/domain/units/types.js';
import { placeCodes } from '../../src/services/mt/place-codes.js';

const codes: Record<string, CodeInfo> = {
  '1': { kind: 'pc', type: 'link', label: 'link → https://example.org' },
  '2': { kind: 'pc', type: 'strong', label: 'bold' },
  '3': { kind: 'ph', type: 'break', label: 'line break' },
  '4': { kind: 'pc', type: 'emphasis', label: 'italic' },
};
const source =
  'Read <pc id="1">our <pc id="2">guide</pc></pc> &amp; <ph id="3"/>call <pc id="4">us</pc> &lt;3';

describe('tagged → HTML for an engine', () => {
  it('writes each code as an element carrying its id, and escapes the text', () => {
    expect(taggedToHtml(source, codes)).toBe(
      'Read <a id="1">our <b id="2">guide</b></a> &amp; <img id="3">call <i id="4">us</i> &lt;3',
    );
  });

  it('uses span for unknown codes and for a link inside a link, and the label when type is missing', () => {
    const old: Record<string, CodeInfo> = {
      '1': { kind: 'pc', label: 'link → https://a' },
      '2': { kind: 'pc', label: 'link → https://b' },
      '5': { kind: 'pc', type: 'textDirective', label: 'text: x' },
    };
    expect(taggedToHtml('<pc id="1">a <pc id="2">b</pc></pc> <pc id="5">c</pc>', old)).toBe(
      '<a id="1">a <span id="2">b</span></a> <span id="5">c</span>',
    );
  });

  it('maps text (a script conversion) and can double-escape "<" for LibreTranslate', () => {
    expect(
      taggedToHtml('Ћао &lt; <pc id="2">свете</pc>', codes, {
        mapText: serbianLatin,
        lessThan: '&amp;lt;',
      }),
    ).toBe('Ćao &amp;lt; <b id="2">svete</b>');
  });
});

describe('an engine answer → tagged', () => {
  it('rebuilds codes by id wherever the engine moved them', () => {
    const answer = htmlToTagged(
      'Lee <a id="1">nuestra <b id="2">guía</b></a> &amp; <img id="3">llama<i id="4">nos</i> &lt;3',
      codes,
    );
    expect(answer).toEqual({
      text: 'Lee <pc id="1">nuestra <pc id="2">guía</pc></pc> &amp; <ph id="3"/>llama<pc id="4">nos</pc> &lt;3',
      foreignMarkup: false,
    });
    expect(placeCodes(source, codes, answer.text)).toEqual({
      text: answer.text,
      codesPlaced: true,
    });
  });

  it('reads entities and raw characters as a browser would (parse5)', () => {
    expect(htmlToTagged('Tom &amp; Jerry &lt;3 &eacute; &#169; a < b', {}).text).toBe(
      'Tom &amp; Jerry &lt;3 é © a &lt; b',
    );
  });

  it('drops elements the engine invented but keeps their text', () => {
    const answer = htmlToTagged('<p>Lee <font color="red">la</font> <b id="2">guía</b></p>', codes);
    expect(answer).toEqual({ text: 'Lee la <pc id="2">guía</pc>', foreignMarkup: true });
  });

  it('closes what the engine left open and ignores stray closing tags', () => {
    expect(htmlToTagged('</b>Lee <b id="2">la guía', codes).text).toBe(
      'Lee <pc id="2">la guía</pc>',
    );
  });

  it('walks deeply nested answers without recursion', () => {
    const deep = `${'<span>'.repeat(5000)}hola${'</span>'.repeat(5000)}`;
    expect(htmlToTagged(deep, {}).text).toBe('hola');
  });

  it('keeps the source outer whitespace (Apertium leaves a space for a dropped pronoun)', () => {
    expect(matchOuterWhitespace('I bought it', ' Lo compré ')).toBe('Lo compré');
    expect(matchOuterWhitespace(' x\n', 'y')).toBe(' y\n');
    // A dropped word's double space goes, unless the source had one.
    expect(matchOuterWhitespace('before you come', 'antes de que  vienes')).toBe(
      'antes de que vienes',
    );
    expect(matchOuterWhitespace('a  b', 'c  d')).toBe('c  d');
  });
});

describe('code placement, as a save checks it', () => {
  const two: Record<string, CodeInfo> = {
    '1': { kind: 'pc', type: 'link', label: 'link → https://example.org' },
    '2': { kind: 'pc', type: 'strong', label: 'bold' },
  };
  const src = 'Read <pc id="1">the guide</pc> and <pc id="2">call us</pc>.';

  const links: Record<string, CodeInfo> = {
    '1': { kind: 'pc', type: 'link', label: 'link → https://example.org' },
    '2': { kind: 'pc', type: 'link', label: 'link → https://example.com' },
  };

  it.each([
    ['a lost code', two, 'Lee la guía y <pc id="2">llámanos</pc>.'],
    [
      'a doubled code',
      two,
      'Lee <pc id="1">la guía</pc> <pc id="1">y</pc> <pc id="2">llámanos</pc>.',
    ],
    ['a link inside a link', links, 'Lee <pc id="1">la <pc id="2">guía</pc></pc>.'],
  ])('falls back to plain text on %s', (_, unitCodes, answer) => {
    const placed = placeCodes(src, unitCodes, answer);
    expect(placed?.codesPlaced).toBe(false);
    expect(placed?.text).not.toContain('<pc');
    expect(placed?.text).toContain('Lee');
  });

  it('says nothing is lost when the unit has no codes', () => {
    expect(placeCodes('Hello', {}, 'Hola')).toEqual({ text: 'Hola', codesPlaced: true });
  });

  it('gives no suggestion for an empty answer', () => {
    expect(placeCodes(src, two, '<pc id="1"></pc><pc id="2"> </pc>')).toBeNull();
  });
});

describe("Apertium's language codes", () => {
  it.each([
    ['en', 'eng'],
    ['es-AR', 'spa'],
    ['ca', 'cat'],
    ['sr', 'hbs'],
    ['sr-Cyrl', 'hbs'],
    ['sr-Latn', 'hbs'],
    ['hr', 'hbs'],
    ['bs', 'hbs'],
    ['sw', null],
  ])('source %s → %s', (tag, code) => {
    expect(apertiumSource(tag)).toBe(code);
  });

  it.each([
    ['es', ['spa']],
    ['en-US', ['eng_US', 'eng']],
    ['ca-ES-valencia', ['cat_valencia', 'cat_ES', 'cat']],
    ['hr', ['hbs_HR', 'hbs']],
    ['bs', ['hbs_BS', 'hbs']],
    ['sr-Latn', ['hbs_SR', 'hbs']],
    ['sr-Cyrl', []],
    ['sr', []],
    ['sw', []],
  ])('target %s → %j', (tag, expected) => {
    expect(apertiumTargets(tag)).toEqual(expected);
  });

  it('converts Serbian Cyrillic to Latin, digraphs by the case around them', () => {
    expect(needsLatinSerbian('sr-Cyrl')).toBe(true);
    expect(needsLatinSerbian('en')).toBe(false);
    expect(serbianLatin('Љубљана, Њујорк, Џон, ЉУБЉАНА, ђак, ћуп, чаша, шума, жена')).toBe(
      'Ljubljana, Njujork, Džon, LJUBLJANA, đak, ćup, čaša, šuma, žena',
    );
    expect(serbianLatin('Latinica ostaje, 123 & <x>')).toBe('Latinica ostaje, 123 & <x>');
  });
});

/**
 * Acceptance 4 (issue 8), the pure half: glossary CSV and TBX-Basic read into terms and
 * written back identical in content (byte for byte against the golden files); a malformed
 * CSV row and a malformed TBX entry are reported by line while every other row is read;
 * TBX v2 (martif) files are read too; the readers refuse entity declarations (XXE, billion
 * laughs), XML that is not well-formed (naming the line), files over the limits, text that
 * is not UTF-8 and a bad CSV header; the exported TBX is well-formed.
 *
 * No TBX-Basic schema (the RELAX NG/Schematron of the TBX-Basic dialect) is available
 * offline here, so the export is checked for well-formedness, its root and namespace, and
 * by reading it back — not validated against the dialect's schema.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  glossaryFormatOf,
  glossaryToCsv,
  glossaryToTbx,
  parseGlossaryCsv,
  parseGlossaryFile,
  parseGlossaryTbx,
  TBX_NAMESPACE,
} from '../../src/interchange/glossary/index.js';
import type { ParsedGlossaryFile } from '../../src/services/glossary/glossary-file.js';
import { validTerm } from '../../src/services/glossary/term-input.js';
import type { GlossaryTermRecord } from '../../src/services/repositories.js';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/glossary', name));
const pair = { sourceLanguage: 'en', targetLanguage: 'es' };

/** Rows → records the way the import builds them (validated, keyed), in term order. */
function records(parsed: ParsedGlossaryFile): GlossaryTermRecord[] {
  return parsed.rows
    .map((row, i) => ({
      id: `t${i}`,
      ...pair,
      ...validTerm(pair, row.entry),
      createdBy: null,
      createdAt: '',
      updatedBy: null,
      updatedAt: '',
    }))
    .sort((a, b) => (a.termKey < b.termKey ? -1 : a.termKey > b.termKey ? 1 : 0));
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('glossary CSV', () => {
  it('round-trips: CSV → terms → CSV is the same file', () => {
    const golden = fixture('en-es.csv');
    const parsed = parseGlossaryCsv(golden, pair);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.entry.term])).toEqual([
      [2, 'edit-a-thon'],
      [4, 'playbook'],
      [5, 'remote buddy'],
      [6, 'Wikimedia'],
    ]);
    const terms = records(parsed);
    expect(terms.find((t) => t.term === 'edit-a-thon')?.forbidden).toEqual([
      'maratón de edición',
      'editathon',
    ]);
    expect(terms.find((t) => t.term === 'Wikimedia')).toMatchObject({
      translation: null,
      doNotTranslate: true,
      caseSensitive: true,
      partOfSpeech: 'properNoun',
    });
    expect(glossaryToCsv(terms)).toBe(golden.toString('utf8'));
  });

  it('reports each malformed row by the line it starts on and reads every other row', () => {
    const parsed = parseGlossaryCsv(fixture('malformed.csv'), pair);
    expect(parsed.rows.map((r) => [r.line, r.entry.term])).toEqual([
      [2, 'edit-a-thon'],
      [3, 'playbook'],
      [6, 'Wikimedia'],
      [7, 'mentor'],
      [8, 'host'],
      [10, 'organizer'],
      [12, 'Edit-a-thon'],
      [14, 'venue'],
    ]);
    expect(parsed.rows[1]?.entry.definition).toBe('The shared guide\nfor organizers');
    expect(parsed.problems).toEqual([
      { line: 5, message: 'the row has 9 fields; the header names 8' },
      { line: 9, field: 'case_sensitive', message: '"maybe" is not true or false' },
      { line: 13, message: 'a quoted field continues after its closing quote' },
    ]);
  });

  it('starts reading again after a stray quote, so the rows after it are not lost', () => {
    const text =
      'term,translation\n"never closed,a\nafter,después\nx"y,z\nlast,último\n"a"b,c\nend,fin\n';
    const parsed = parseGlossaryCsv(bytes(text), pair);
    expect(parsed.rows.map((r) => [r.line, r.entry.term, r.entry.translation])).toEqual([
      [3, 'after', 'después'],
      [5, 'last', 'último'],
      [7, 'end', 'fin'],
    ]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 4, 6]);
  });

  it('checks the language columns against the glossary’s pair', () => {
    const text = 'source_language,target_language,term,translation\nen,es,a,b\nen,de,c,d\n';
    const parsed = parseGlossaryCsv(bytes(text), pair);
    expect(parsed.rows.map((r) => r.entry.term)).toEqual(['a']);
    expect(parsed.problems).toEqual([
      { line: 3, field: 'target_language', message: '"de" is not this glossary\'s language (es)' },
    ]);
  });

  it('refuses a bad header, an empty file, text that is not UTF-8 and files over the limits', () => {
    const refused = (data: Uint8Array, limits = {}) => {
      try {
        parseGlossaryCsv(data, pair, limits);
        return 'accepted';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    expect(refused(bytes('term,transaltion\na,b\n'))).toMatch(
      /line 1: unknown column "transaltion"/,
    );
    expect(refused(bytes('translation,note\na,b\n'))).toMatch(/no "term" column/);
    expect(refused(bytes('term,term\na,b\n'))).toMatch(/column "term" twice/);
    expect(refused(bytes(''))).toMatch(/empty/);
    expect(refused(new Uint8Array([0x74, 0x65, 0xff, 0x0a]))).toMatch(/not UTF-8/);
    expect(refused(bytes('term\na\nb\nc\n'), { maxRows: 2 })).toMatch(/at most 2 rows/);
    expect(refused(bytes('term\nabc\n'), { maxBytes: 5 })).toMatch(/at most/);
    expect(refused(bytes('term\na\nb\n'), { maxRows: 2 })).toBe('accepted');
  });
});

describe('glossary TBX-Basic', () => {
  it('round-trips: TBX → terms → TBX is the same file', () => {
    const golden = fixture('en-es.tbx');
    const parsed = parseGlossaryTbx(golden, pair);
    expect(parsed.problems).toEqual([]);
    expect(glossaryToTbx(pair, records(parsed))).toBe(golden.toString('utf8'));
  });

  it('holds the same content as the CSV golden file (CSV → terms → TBX)', () => {
    const fromCsv = records(parseGlossaryCsv(fixture('en-es.csv'), pair));
    expect(glossaryToTbx(pair, fromCsv)).toBe(fixture('en-es.tbx').toString('utf8'));
  });

  it('writes well-formed TBX v3 with the TBX-Basic dialect and namespace', () => {
    const tbx = glossaryToTbx(pair, records(parseGlossaryCsv(fixture('en-es.csv'), pair)));
    expect(XMLValidator.validate(tbx)).toBe(true);
    const doc: unknown = new XMLParser({ ignoreAttributes: false }).parse(tbx);
    expect(doc).toMatchObject({
      tbx: { '@_type': 'TBX-Basic', '@_style': 'dca', '@_xmlns': TBX_NAMESPACE },
    });
    // Text that looks like markup is escaped, not written as markup.
    expect(tbx).toContain('The movement &lt;and&gt; its foundation.');
  });

  it('reports each malformed entry by its line and reads the others', () => {
    const parsed = parseGlossaryTbx(fixture('malformed.tbx'), pair);
    expect(parsed.rows.map((r) => [r.line, r.entry.term, r.entry.translation])).toEqual([
      [12, 'edit-a-thon', 'editatón'],
      // en-US and es-ES sections belong to en and es.
      [37, 'remote buddy', 'compañero a distancia'],
      // Read, and refused by the import (no translation, unknown part of speech).
      [51, 'mentor', ''],
      [59, 'host', 'anfitrión'],
      [72, 'venue', 'sede'],
    ]);
    expect(parsed.problems).toEqual([
      { line: 25, field: 'term', message: 'the entry has no term in en' },
    ]);
  });

  it('reads TBX v2 (martif, tig and ntig, synonyms, character references)', () => {
    const parsed = parseGlossaryTbx(fixture('tbx-v2.tbx'), pair);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.entry)).toEqual([
      {
        term: 'playbook',
        translation: 'manual',
        partOfSpeech: 'noun',
        definition: 'The shared guide for organizers.',
        note: '',
        caseSensitive: false,
        doNotTranslate: false,
        forbidden: ['libro de jugadas'],
      },
      expect.objectContaining({ term: 'handbook', translation: 'manual' }),
      expect.objectContaining({
        term: 'Wikipedia & friends',
        translation: 'Wikipedia y compañía',
        partOfSpeech: 'properNoun',
      }),
    ]);
  });

  it('refuses entity declarations (billion laughs, XXE) before parsing, naming the line', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE tbx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<tbx><text><body/></text></tbx>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>`;
    expect(() => parseGlossaryTbx(bytes(laughs), pair)).toThrow(
      /line 3: entity declarations are not accepted/,
    );
    expect(() => parseGlossaryTbx(bytes(xxe), pair)).toThrow(/entity declarations/);
  });

  it('refuses XML that is not well-formed, naming the line, and files that are not TBX', () => {
    const broken = '<tbx>\n<text>\n<body>\n<conceptEntry>\n</body>\n</text>\n</tbx>';
    expect(() => parseGlossaryTbx(bytes(broken), pair)).toThrow(/line 5: not well-formed XML/);
    expect(() => parseGlossaryTbx(bytes('<html><body/></html>'), pair)).toThrow(/not a TBX file/);
    const entry =
      '<conceptEntry><langSec xml:lang="en"><termSec><term>a</term></termSec></langSec></conceptEntry>';
    const many = `<tbx><text><body>${entry.repeat(3)}</body></text></tbx>`;
    expect(() => parseGlossaryTbx(bytes(many), pair, { maxRows: 2 })).toThrow(/at most 2 entries/);
  });
});

describe('glossary file formats', () => {
  it('tells the format by the name, else by the first character', () => {
    expect(glossaryFormatOf('terms.CSV', bytes('<x'))).toBe('csv');
    expect(glossaryFormatOf('terms.tbx', bytes('term'))).toBe('tbx');
    expect(glossaryFormatOf('terms.xml', bytes('term'))).toBe('tbx');
    expect(glossaryFormatOf('terms', bytes('\uFEFF  <?xml'))).toBe('tbx');
    expect(glossaryFormatOf('terms', bytes('term,translation'))).toBe('csv');
    expect(parseGlossaryFile('csv', fixture('en-es.csv'), pair).rows).toHaveLength(4);
  });
});

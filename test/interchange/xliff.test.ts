import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { poToTagged, readPo, taggedToPo, writePo } from '../../src/interchange/xliff/po.js';
import { validateXliff2 } from '../../src/interchange/xliff/validate.js';
import {
  decodeUnitId,
  encodeUnitId,
  readXliff2,
  writeXliff2,
  type Xliff2ExportDoc,
} from '../../src/interchange/xliff/xliff2.js';

/** The reference schemas, outside the repository (../shared from the repo root). */
const SHARED_SCHEMAS = path.resolve(process.cwd(), '../shared/schemas/xliff-2');

const doc: Xliff2ExportDoc = {
  postId: '42',
  srcLang: 'en',
  trgLang: 'fr',
  units: [
    {
      unitId: 'title',
      kind: 'title',
      source: 'Tom &amp; Jerry &lt;3',
      codes: {},
      target: 'Tom &amp; Jerry &lt;3 "fr"',
      state: 'reviewed',
      version: 3,
      sourceRevision: 5,
    },
    {
      unitId: 'b.0',
      kind: 'paragraph',
      source: 'Join <pc id="1">the <pc id="2">big</pc> session</pc> at <ph id="3"/>.',
      codes: {
        '1': { kind: 'pc', type: 'link', label: 'link → https://example.org/?a=1&b=2' },
        '2': { kind: 'pc', type: 'strong', label: 'bold' },
        '3': { kind: 'ph', type: 'inlineCode', label: 'code: <npm test>' },
      },
      target: 'Rejoignez <pc id="1">la <pc id="2">grande</pc> séance</pc> à <ph id="3"/>.',
      state: 'translated',
      version: 1,
      sourceRevision: 5,
    },
    {
      unitId: 'b.7@alt',
      kind: 'alt',
      source: '  spaced  ',
      codes: {},
      target: null,
      state: 'untranslated',
      version: 0,
      sourceRevision: 5,
    },
    {
      unitId: 'b.8',
      kind: 'paragraph',
      source: 'New text',
      codes: {},
      target: 'Ancien texte',
      state: 'outdated',
      version: 2,
      sourceRevision: 5,
      previousSource: 'Old <pc id="1">text</pc>',
    },
    {
      unitId: 'b.9',
      kind: 'heading',
      source: 'Draft me',
      codes: {},
      target: 'Brouillon',
      state: 'draft',
      version: 4,
      sourceRevision: 4,
    },
  ],
};

/** A minimal valid document around the given units (for the invalid-file cases). */
function wrap(units: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:pp="urn:polyphony:xliff" version="2.0" srcLang="en" trgLang="fr">',
    '<file id="f1" original="42">',
    units,
    '</file>',
    '</xliff>',
  ].join('\n');
}

const unit = (id: string, body: string, data = '<data id="d1">bold</data>') =>
  `<unit id="${id}" pp:version="1" pp:sourceRevision="1"><originalData>${data}</originalData>` +
  `<segment state="translated"><source>${body}</source><target>${body}</target></segment></unit>`;

describe('XLIFF 2.0', () => {
  it('round-trips targets, states, versions and codes', () => {
    const xml = writeXliff2(doc);
    const read = readXliff2(xml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.doc).toEqual({
      postId: '42',
      srcLang: 'en',
      trgLang: 'fr',
      units: [
        {
          unitId: 'title',
          target: 'Tom &amp; Jerry &lt;3 "fr"',
          state: 'reviewed',
          version: 3,
          sourceRevision: 5,
        },
        {
          unitId: 'b.0',
          target: 'Rejoignez <pc id="1">la <pc id="2">grande</pc> séance</pc> à <ph id="3"/>.',
          state: 'translated',
          version: 1,
          sourceRevision: 5,
        },
        { unitId: 'b.7@alt', target: null, state: 'untranslated', version: 0, sourceRevision: 5 },
        { unitId: 'b.8', target: 'Ancien texte', state: 'outdated', version: 2, sourceRevision: 5 },
        { unitId: 'b.9', target: 'Brouillon', state: 'draft', version: 4, sourceRevision: 4 },
      ],
    });
  });

  it('writes codes, notes and states as mapped in the README', () => {
    const xml = writeXliff2(doc);
    expect(xml).toContain(
      '<pc id="1" dataRefStart="d1" dataRefEnd="d1">the <pc id="2" dataRefStart="d2" dataRefEnd="d2">big</pc> session</pc> at <ph id="3" dataRef="d3"/>',
    );
    expect(xml).toContain('<data id="d3">code: &lt;npm test&gt;</data>');
    expect(xml).toContain('<note category="pp:kind">paragraph</note>');
    expect(xml).toContain(
      '<note category="pp:previousSource">Old &lt;pc id=&quot;1&quot;&gt;text&lt;/pc&gt;</note>',
    );
    expect(xml).toContain('<unit id="b.7_40_alt"');
    expect(xml).toContain('pp:version="3" pp:sourceRevision="5"');
    expect(xml.match(/<segment state="initial">/g)).toHaveLength(2);
    expect(xml.match(/<segment state="translated">/g)).toHaveLength(2);
    expect(xml.match(/<segment state="reviewed">/g)).toHaveLength(1);
  });

  it('encodes unit ids as NMTOKENs reversibly', () => {
    for (const id of ['b.7@alt', 'a_b', '_x_', 'é/ü', 'title'])
      expect(decodeUnitId(encodeUnitId(id))).toBe(id);
    expect(encodeUnitId('b.7@alt')).toMatch(/^[\w.:-]+$/);
  });

  it('exports a file the OASIS XSD (../shared/schemas/xliff-2) accepts', async () => {
    const xml = writeXliff2(doc);
    expect(await validateXliff2(xml, { schemaDir: SHARED_SCHEMAS })).toEqual([]);
    expect(await validateXliff2(xml)).toEqual([]);
  });

  it('writes characters XML cannot hold as <cp> and reads them back', async () => {
    const odd: Xliff2ExportDoc = {
      ...doc,
      units: [
        {
          unitId: 'u1',
          kind: 'paragraph',
          source: 'bell \u0007 here',
          codes: {},
          target: 'cloche \u0007 \uFFFF ici',
          state: 'translated',
          version: 1,
          sourceRevision: 1,
        },
      ],
    };
    const xml = writeXliff2(odd);
    expect(xml).toContain('cloche <cp hex="0007"/> <cp hex="FFFF"/> ici');
    expect(await validateXliff2(xml, { schemaDir: SHARED_SCHEMAS })).toEqual([]);
    const read = readXliff2(xml);
    expect(read.ok && read.doc.units[0]!.target).toBe('cloche \u0007 \uFFFF ici');
  });

  it('reports XSD errors with their location', async () => {
    const xml = writeXliff2(doc).replace('<unit id="b.0"', '<unit foo="x" id="b.0"');
    const errors = await validateXliff2(xml, { schemaDir: SHARED_SCHEMAS });
    expect(errors).toHaveLength(1);
    const line = xml.split('\n').findIndex((text) => text.includes('foo="x"')) + 1;
    expect(errors[0]).toMatchObject({ line, column: 5, element: 'unit' });
    expect(errors[0]!.message).toContain("'foo'");
  });

  it('refuses malformed XML with a location', async () => {
    const xml = wrap(unit('u1', 'Hi')).replace('</file>', '</fil>');
    const read = readXliff2(xml);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors[0]).toMatchObject({ line: 5 });
    expect(read.errors[0]!.message).toMatch(/Malformed XML/);
    expect(await validateXliff2(xml)).toEqual(read.errors);
  });

  it('refuses a pc without its pair', async () => {
    const body = '<pc id="1" dataRefStart="d1" dataRefEnd="d1">bold';
    const xml = wrap(unit('u1', body));
    const errors = await validateXliff2(xml);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ line: 4 });
    expect(errors[0]!.column).toBeGreaterThan(1);
    expect(errors[0]!.message).toMatch(/Malformed XML/);
  });

  it('refuses a duplicate unit id', async () => {
    const xml = wrap([unit('u1', 'Hi'), unit('u1', 'Ho')].join('\n'));
    const errors = await validateXliff2(xml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 5, element: 'unit' });
    expect(errors[0]!.message).toBe('Unit id "u1" is used twice in the file');
    expect(readXliff2(xml).ok).toBe(false);
  });

  it('refuses a duplicate code id within a unit', async () => {
    const body = '<ph id="1" dataRef="d1"/> and <ph id="1" dataRef="d1"/>';
    const errors = await validateXliff2(wrap(unit('u1', body)));
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/Code id "1" is used twice in the source/),
      expect.stringMatching(/Code id "1" is used twice in the target/),
    ]);
    expect(errors[0]).toMatchObject({ line: 4, element: 'ph' });
  });

  it('refuses an unknown dataRef', async () => {
    const body = 'A <ph id="1" dataRef="d9"/>';
    const errors = await validateXliff2(wrap(unit('u1', body)));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ line: 4, element: 'ph' });
    expect(errors[0]!.message).toMatch(/dataRef "d9" names no <data>/);
  });

  it('refuses a DOCTYPE (and so entities)', async () => {
    const xml = wrap(unit('u1', 'Hi &xxe;')).replace(
      '<xliff ',
      '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff ',
    );
    const errors = await validateXliff2(xml);
    expect(errors).toEqual([expect.objectContaining({ line: 2, element: '!DOCTYPE' })]);
  });

  it('refuses a file over 10 MB and nesting over 64', () => {
    const big = readXliff2(wrap(unit('u1', 'x'.repeat(10 * 1024 * 1024))));
    expect(big.ok === false && big.errors[0]!.message).toMatch(/10 MB/);
    const deep = readXliff2(
      wrap(
        unit(
          'u1',
          Array.from({ length: 70 }, (_, i) => `<pc id="${i}">`).join('') +
            'x' +
            '</pc>'.repeat(70),
        ),
      ),
    );
    expect(deep.ok === false && deep.errors[0]!.message).toMatch(/nested deeper than 64/);
  });
});

describe('gettext PO', () => {
  it('round-trips targets, states and versions', () => {
    const read = readPo(writePo(doc));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.doc.postId).toBe('42');
    expect(read.doc.trgLang).toBe('fr');
    expect(read.doc.units).toEqual(
      doc.units.map((unit) => ({
        unitId: unit.unitId,
        target: unit.target,
        // PO has no review state: a reviewed unit reads back as translated.
        state: unit.state === 'reviewed' ? 'translated' : unit.state,
        version: unit.version,
        sourceRevision: unit.sourceRevision,
      })),
    );
  });

  it('writes placeholders, fuzzy, previous msgid and the version comment', () => {
    const po = writePo(doc);
    expect(po).toContain('msgctxt "b.0"');
    expect(po).toContain('msgid "Join <1>the <2>big</2> session</1> at <3/>."');
    expect(po).toContain('#. pp-version: 3');
    expect(po).toContain('#, fuzzy\n#| msgid "Old <1>text</1>"\nmsgctxt "b.8"');
    expect(po).toContain('#, fuzzy\nmsgctxt "b.9"');
    expect(po).toContain('msgid "Tom &amp; Jerry &lt;3"');
  });

  it('converts placeholders both ways', () => {
    const tagged = 'A <pc id="1">b <ph id="2"/> c</pc> &lt;1&gt; &amp;';
    expect(taggedToPo(tagged)).toBe('A <1>b <2/> c</1> &lt;1&gt; &amp;');
    expect(poToTagged(taggedToPo(tagged))).toBe(tagged);
  });

  const msgfmt = '/usr/bin/msgfmt';
  const haveMsgfmt = existsSync(msgfmt);
  if (!haveMsgfmt && process.env.CI !== 'true')
    console.warn(`SKIPPED: ${msgfmt} is missing, the PO export is not checked with msgfmt`);
  it.skipIf(!haveMsgfmt && process.env.CI !== 'true')(
    'exports a PO file msgfmt --check accepts',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'pp-po-'));
      try {
        const file = path.join(dir, 'post.po');
        writeFileSync(file, writePo(doc));
        const result = spawnSync(msgfmt, ['--check', '-o', '/dev/null', file], {
          encoding: 'utf8',
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('refuses a malformed PO file with the line', () => {
    const read = readPo('msgid ""\nmsgstr ""\n\nmsgctxt "u1"\nmsgid "a\nmsgstr ""\n');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors[0]!.line).toBeGreaterThan(1);
    expect(read.errors[0]!.message).toMatch(/End-of-line within string/);
  });

  it('refuses a unit without its version comment, with the line', () => {
    const po = writePo(doc).replace('#. pp-version: 1\n', '');
    const read = readPo(po);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const line = po.split('\n').findIndex((text) => text === 'msgctxt "b.0"') + 1;
    expect(read.errors).toEqual([
      {
        line,
        column: 1,
        element: 'msgctxt',
        message: 'Unit "b.0" has no "#. pp-version: N" comment',
      },
    ]);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import { writePo } from '../../src/interchange/xliff/po.js';
import {
  parseTranslationFile,
  translationFormatOf,
} from '../../src/interchange/xliff/read-file.js';
import { readXliff12, writeXliff12, XLIFF12_NS } from '../../src/interchange/xliff/xliff12.js';
import {
  writeXliff2,
  type Xliff2ExportDoc,
  type XliffError,
} from '../../src/interchange/xliff/xliff2.js';

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
      target: 'Tom &amp; Jerry &lt;3 "fr" \'apos\' ]]&gt;',
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
        '2': { kind: 'pc', type: 'strong', label: 'bold "x"' },
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
    {
      unitId: 'b.10_x/é ü"<',
      kind: 'paragraph',
      source: 'bell \u0007 and\r\nlines\tand tab',
      codes: {},
      target: 'cloche \u0007 \uFFFF \uD800 ici\r\nlignes\tet tab  ',
      state: 'translated',
      version: 7,
      sourceRevision: 6,
    },
  ],
};

/** What reading back an export must give: the targets, states and versions, unit by unit. */
const expected = doc.units.map((unit) => ({
  unitId: unit.unitId,
  target: unit.target,
  state: unit.state,
  version: unit.version,
  sourceRevision: unit.sourceRevision,
}));

const FILE = 'original="42" source-language="en" target-language="fr" datatype="plaintext"';

/** A minimal document around the given trans-units, which start on line 5. */
function wrap(units: string, file = FILE): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff version="1.2" xmlns="${XLIFF12_NS}" xmlns:pp="urn:polyphony:xliff">`,
    `<file ${file}>`,
    '<body>',
    units,
    '</body>',
    '</file>',
    '</xliff>',
  ].join('\n');
}

const tu = (id: string, target: string, attrs = 'state="translated"', unitAttrs = '') =>
  `<trans-unit id="${id}" pp:version="1" pp:sourceRevision="2"${unitAttrs}>` +
  `<source>Hi <g id="1">you</g></source><target ${attrs}>${target}</target></trans-unit>`;

function errorsOf(xml: string): XliffError[] {
  const read = readXliff12(xml);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.errors;
}

/** 1-based line and column just after `needle` (saxes reports the end of a start tag). */
function after(xml: string, needle: string, from = 0) {
  const index = xml.indexOf(needle, from);
  if (index === -1) throw new Error(`${needle} not in the document`);
  const before = xml.slice(0, index + needle.length);
  const line = before.split('\n').length;
  return { line, column: index + needle.length - before.lastIndexOf('\n') };
}

describe('XLIFF 1.2 writer and reader', () => {
  it('round-trips targets, states, versions, codes, escapes, controls and odd unit ids', () => {
    const read = readXliff12(writeXliff12(doc));
    expect(read).toEqual({
      ok: true,
      doc: { postId: '42', srcLang: 'en', trgLang: 'fr', units: expected },
    });
  });

  it('writes the document shape, codes, notes and states as mapped in the README', () => {
    const xml = writeXliff12(doc);
    expect(xml).toContain(
      `<xliff version="1.2" xmlns="${XLIFF12_NS}" xmlns:pp="urn:polyphony:xliff">`,
    );
    expect(xml).toContain(
      '<file original="42" source-language="en" target-language="fr" datatype="plaintext">',
    );
    expect(xml).toContain(
      '<trans-unit id="title" resname="title" approved="yes" xml:space="preserve" pp:version="3" pp:sourceRevision="5" pp:state="reviewed">',
    );
    expect(xml).toContain('<trans-unit id="b.7_40_alt" resname="b.7@alt" xml:space="preserve"');
    expect(xml).toContain('resname="b.10_x/é ü&quot;&lt;"');
    expect(xml).toContain(
      '<source>Join <g id="1" ctype="link" pp:label="link → https://example.org/?a=1&amp;b=2">the ' +
        '<g id="2" ctype="bold" pp:label="bold &quot;x&quot;">big</g> session</g> at ' +
        '<x id="3" ctype="x-inlineCode" pp:label="code: &lt;npm test&gt;"/>.</source>',
    );
    expect(xml).toContain('<source>  spaced  </source>\n        <note from="pp:kind">alt</note>');
    expect(xml).toContain(
      'cloche <x id="pp-cp1" ctype="x-pp-char" pp:hex="0007"/> <x id="pp-cp2" ctype="x-pp-char" pp:hex="FFFF"/> <x id="pp-cp3" ctype="x-pp-char" pp:hex="D800"/> ici&#13;\nlignes\tet tab  </target>',
    );
    expect(xml).toContain('<note from="pp:outdated">');
    expect(xml).toContain(
      '<note from="pp:previousSource">Old &lt;pc id=&quot;1&quot;&gt;text&lt;/pc&gt;</note>',
    );
    const states = [...xml.matchAll(/<target state="([^"]+)"/g)].map((match) => match[1]);
    expect(states).toEqual([
      'signed-off',
      'translated',
      'needs-review-translation',
      'needs-translation',
      'translated',
    ]);
    expect(xml.match(/<target/g)).toHaveLength(5); // none for the untranslated unit
    expect(xml.match(/approved=/g)).toHaveLength(1);
  });

  const xmllint = '/usr/bin/xmllint';
  it.skipIf(!existsSync(xmllint))('exports well-formed XML (xmllint --noout)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pp-xliff12-'));
    try {
      const file = path.join(dir, 'post.xlf');
      writeFileSync(file, writeXliff12(doc));
      const result = spawnSync(xmllint, ['--noout', '--nonet', file], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads every XLIFF 1.2 state the way the README table says', () => {
    const cases: Array<[string, string, string]> = [
      // [target attributes, trans-unit attributes, Polyphony state]
      ['state="new"', '', 'draft'],
      ['state="needs-translation"', '', 'draft'],
      ['state="needs-adaptation"', '', 'draft'],
      ['state="needs-l10n"', '', 'draft'],
      ['state="x-custom"', '', 'draft'],
      ['state="needs-translation"', ' pp:state="outdated"', 'draft'],
      ['state="needs-review-translation"', '', 'translated'],
      ['state="needs-review-translation"', ' pp:state="outdated"', 'outdated'],
      ['state="needs-review-adaptation"', '', 'translated'],
      ['state="needs-review-l10n"', '', 'translated'],
      ['state="translated"', '', 'translated'],
      ['state="translated"', ' pp:state="outdated"', 'translated'],
      ['', '', 'translated'],
      ['state="signed-off"', '', 'reviewed'],
      ['state="final"', '', 'reviewed'],
      ['state="final"', ' approved="no"', 'translated'],
      ['state="needs-translation"', ' approved="yes"', 'reviewed'],
      ['', ' approved="yes"', 'reviewed'],
    ];
    for (const [attrs, unitAttrs, state] of cases) {
      const read = readXliff12(wrap(tu('u1', 'Salut', attrs, unitAttrs)));
      expect({ attrs, unitAttrs, state: read.ok ? read.doc.units[0]!.state : read.errors }).toEqual(
        { attrs, unitAttrs, state },
      );
    }
    const empty = readXliff12(wrap(tu('u1', '', 'state="final"', ' approved="yes"')));
    expect(empty.ok && empty.doc.units[0]).toMatchObject({ target: '', state: 'untranslated' });
  });

  it('reads what CAT tools add: groups, header, alt-trans, CDATA, foreign extensions', () => {
    const unit =
      '<group id="g1"><group id="g2">' +
      '<trans-unit id="b.1_40_x" pp:version="4" pp:sourceRevision="5" xmlns:t="urn:tool">' +
      '<source>Hi <g id="1">you</g></source><seg-source><mrk mtype="seg" mid="0">Hi</mrk></seg-source>' +
      '<target state="translated" t:score="1"><![CDATA[Salut <b> & ]]><g id="1" t:x="y">toi</g></target>' +
      '<t:meta><target>not this one</target></t:meta>' +
      '<alt-trans><source>Hi</source><target><bpt id="1">x</bpt>Bonjour</target></alt-trans>' +
      '<note from="pp:kind">paragraph</note></trans-unit></group></group>';
    const xml = wrap(unit).replace('<body>', '<header><note>exported</note></header>\n<body>');
    expect(readXliff12(xml)).toEqual({
      ok: true,
      doc: {
        postId: '42',
        srcLang: 'en',
        trgLang: 'fr',
        units: [
          {
            unitId: 'b.1@x',
            target: 'Salut &lt;b&gt; &amp; <pc id="1">toi</pc>',
            state: 'translated',
            version: 4,
            sourceRevision: 5,
          },
        ],
      },
    });
  });
});

describe('XLIFF 1.2 refusals, each located', () => {
  it('refuses malformed XML', () => {
    const xml = wrap(tu('u1', 'Salut')).replace('</file>', '</fil>');
    const errors = errorsOf(xml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 7, column: 7 });
    expect(errors[0]!.message).toMatch(/^Malformed XML: unexpected close tag/);
  });

  it('refuses a <g> that is not closed', () => {
    const xml = wrap(tu('u1', '<g id="1">toi'));
    const errors = errorsOf(xml);
    expect(errors).toHaveLength(1);
    // Located where the parser notices: the </target> that closes over the open <g>.
    expect(errors[0]).toMatchObject({ ...after(xml, 'toi</target>'), element: 'target' });
    expect(errors[0]!.message).toMatch(/^Malformed XML/);
  });

  it('refuses a duplicate trans-unit id', () => {
    const xml = wrap([tu('u1', 'Salut'), tu('u1', 'Coucou')].join('\n'));
    expect(errorsOf(xml)).toEqual([
      {
        ...after(
          xml,
          '<trans-unit id="u1" pp:version="1" pp:sourceRevision="2">',
          xml.lastIndexOf('<trans-unit'),
        ),
        element: 'trans-unit',
        message: 'Trans-unit id "u1" is used twice in the file',
      },
    ]);
    expect(after(xml, '<trans-unit id="u1"', xml.lastIndexOf('<trans-unit')).line).toBe(6);
  });

  it('refuses a file without target-language (and other required attributes)', () => {
    const xml = wrap(tu('u1', 'Salut'), 'original="42" source-language="en" datatype="plaintext"');
    expect(errorsOf(xml)).toEqual([
      {
        ...after(xml, 'datatype="plaintext">'),
        element: 'file',
        message: 'target-language is missing',
      },
    ]);
    const bare = wrap(tu('u1', 'Salut'), 'x="1"');
    expect(errorsOf(bare).map((error) => [error.line, error.element, error.message])).toEqual([
      [3, 'file', 'The <file> has no original (the post id)'],
      [3, 'file', 'source-language is missing'],
      [3, 'file', 'target-language is missing'],
      [3, 'file', 'datatype is missing'],
    ]);
  });

  it('refuses inline elements other than <g> and <x/> in a target, where they are', () => {
    for (const [inline, element] of [
      ['<bpt id="1">&lt;b&gt;</bpt>', 'bpt'],
      ['<ph id="1">x</ph>', 'ph'],
      ['<mrk mtype="seg" mid="0">x</mrk>', 'mrk'],
      ['<bx id="1"/>', 'bx'],
      ['<pp:cp hex="7"/>', 'pp:cp'],
    ] as const) {
      const xml = wrap(tu('u1', `Salut ${inline}`));
      const startTag = /^<[^>]*>/.exec(inline)![0];
      expect(errorsOf(xml)).toEqual([
        {
          ...after(xml, startTag),
          element,
          message: `Inline element <${element}> is not supported in a target (use <g> and <x/>)`,
        },
      ]);
    }
  });

  it('refuses code ids used twice in a target, codes without ids, a non-empty <x>', () => {
    const twice = wrap(tu('u1', '<g id="1">a</g> <x id="1"/>'));
    expect(errorsOf(twice)).toEqual([
      {
        ...after(twice, '<x id="1"/>'),
        element: 'x',
        message: 'Code id "1" is used twice in the target',
      },
    ]);
    const source = wrap(
      '<trans-unit id="u1" pp:version="1" pp:sourceRevision="1"><source><x id="2"/><x id="2"/></source></trans-unit>',
    );
    expect(errorsOf(source)[0]!.message).toBe('Code id "2" is used twice in the source');
    const noId = wrap(tu('u1', '<g>a</g>'));
    expect(errorsOf(noId)).toEqual([
      { ...after(noId, '<g>'), element: 'g', message: '<g> without an id' },
    ]);
    expect(errorsOf(wrap(tu('u1', '<x id="3">text</x>')))[0]).toMatchObject({
      line: 5,
      element: 'x',
      message: '<x/> must be empty',
    });
    expect(errorsOf(wrap(tu('u1', '<x id="pp-cp1" pp:hex="zz"/>')))[0]!.message).toBe(
      '<x pp:hex="zz"> is not a code point',
    );
  });

  it('refuses a trans-unit without pp:version / pp:sourceRevision, located on it', () => {
    const unit = '<trans-unit id="u1"><source>Hi</source><target>Salut</target></trans-unit>';
    const xml = wrap(unit);
    const at = after(xml, '<trans-unit id="u1">');
    expect(errorsOf(xml)).toEqual([
      {
        ...at,
        element: 'trans-unit',
        message: 'Trans-unit "u1" has no valid pp:version (an integer)',
      },
      {
        ...at,
        element: 'trans-unit',
        message: 'Trans-unit "u1" has no valid pp:sourceRevision (an integer)',
      },
    ]);
  });

  it('refuses the other structural errors an XSD would catch', () => {
    const cases: Array<[string, Partial<XliffError>]> = [
      [
        wrap(tu('u1', 'x')).replace('version="1.2"', 'version="1.1"'),
        { line: 2, element: 'xliff', message: 'Only XLIFF version="1.2" is read here' },
      ],
      [
        wrap(tu('u1', 'x')).replace(XLIFF12_NS, 'urn:oasis:names:tc:xliff:document:2.0'),
        { line: 2, element: 'xliff' },
      ],
      [
        wrap(tu('u1', 'x')).replace('</file>', `</file>\n<file ${FILE}><body/></file>`),
        { line: 8, element: 'file', message: 'Only one <file> per document is read' },
      ],
      [
        wrap('').replace('<body>\n\n</body>', '<header/>'),
        { line: 3, element: 'file', message: 'The <file> has no <body>' },
      ],
      [
        wrap(
          '<trans-unit id="u1" pp:version="1" pp:sourceRevision="1"><target>x</target></trans-unit>',
        ),
        { line: 5, column: 58, element: 'trans-unit', message: 'Trans-unit "u1" has no <source>' },
      ],
      [
        wrap(tu('u1', 'x', 'state="done"')),
        { line: 5, element: 'target', message: 'Unknown target state "done"' },
      ],
      [
        wrap(tu('u1', 'x', 'state="translated"', ' approved="true"')),
        { line: 5, element: 'trans-unit', message: 'approved="true" is neither "yes" nor "no"' },
      ],
      [
        wrap(tu('u1', 'x').replace('</trans-unit>', '<target>y</target></trans-unit>')),
        { line: 5, element: 'target', message: 'Trans-unit "u1" has more than one <target>' },
      ],
      [
        wrap(tu('', 'x')),
        { line: 5, element: 'trans-unit', message: 'A <trans-unit> without an id' },
      ],
      [
        wrap('').replace('<file ', '<trans-unit id="a"/>\n<file '),
        {
          line: 3,
          element: 'trans-unit',
          message: '<trans-unit> must be inside <body> or a <group>',
        },
      ],
      [
        `<?xml version="1.0"?>\n<xliff version="1.2" xmlns="${XLIFF12_NS}"/>`,
        { line: 1, column: 1, element: 'xliff', message: 'The document has no <file>' },
      ],
    ];
    for (const [xml, error] of cases) expect(errorsOf(xml)[0]).toMatchObject(error);
  });

  it('refuses a DOCTYPE (and so entities)', () => {
    const xml = wrap(tu('u1', 'Hi &xxe;')).replace(
      '<xliff ',
      '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff ',
    );
    expect(errorsOf(xml)).toEqual([
      {
        ...after(xml, ']>'),
        element: '!DOCTYPE',
        message: 'A DOCTYPE (and so any entity) is refused',
      },
    ]);
  });

  it('refuses nesting deeper than 64 and files over 10 MB', () => {
    const deep =
      Array.from({ length: 70 }, (_, i) => `<g id="${i}">`).join('') + 'x' + '</g>'.repeat(70);
    const errors = errorsOf(wrap(tu('u1', deep)));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 5,
        element: 'g',
        message: 'Elements are nested deeper than 64',
      }),
    ]);
    const big = errorsOf(wrap(tu('u1', 'x'.repeat(10 * 1024 * 1024))));
    expect(big).toEqual([
      { line: 1, column: 1, element: 'xliff', message: 'The file is larger than 10 MB' },
    ]);
  });
});

describe('parseTranslationFile', () => {
  const imported = (units: typeof expected) => ({
    postId: '42',
    srcLang: 'en',
    trgLang: 'fr',
    units,
  });
  const simple = { ...doc, units: doc.units.slice(0, 5) };
  const simpleExpected = expected.slice(0, 5);

  it('tells XLIFF 1.2, XLIFF 2.0 and PO apart', async () => {
    const xliff12 = writeXliff12(doc);
    const xliff2 = writeXliff2(simple);
    const po = writePo(simple);
    expect(translationFormatOf(xliff12, 'post.xlf')).toBe('xliff12');
    expect(translationFormatOf(xliff2, 'post.xlf')).toBe('xliff2');
    expect(translationFormatOf(po, 'post.po')).toBe('po');
    expect(translationFormatOf(xliff12, 'post.xliff')).toBe('xliff12');
    // Told by the root's version, or by the 1.2 namespace when a tool writes no version.
    expect(
      translationFormatOf(`<!-- x -->\n<xliff\n  version='1.2'><file/></xliff>`, 'upload'),
    ).toBe('xliff12');
    expect(translationFormatOf(`<x:xliff xmlns:x="${XLIFF12_NS}">`, 'f.xlf')).toBe('xliff12');
    expect(translationFormatOf('<xliff version="2.0" srcLang="en">', 'f.xlf')).toBe('xliff2');

    expect(await parseTranslationFile(xliff12, 'post.xlf')).toEqual(imported(expected));
    expect(await parseTranslationFile(xliff2, 'post.xlf')).toEqual(imported(simpleExpected));
    const fromPo = await parseTranslationFile(po, 'post.po');
    expect(fromPo.units.map((unit) => unit.state)).toEqual([
      'translated', // PO has no review state
      'translated',
      'untranslated',
      'outdated',
      'draft',
    ]);
  });

  it('reads a prefixed 1.2 root', async () => {
    const xml = writeXliff12(simple)
      .replace(`xmlns="${XLIFF12_NS}"`, `xmlns:x="${XLIFF12_NS}"`)
      .replace(/<(\/?)(?=[a-z])(?!pp:)/g, '<$1x:');
    expect(xml).toContain('<x:trans-unit');
    expect(await parseTranslationFile(xml, 'post.xlf')).toEqual(imported(simpleExpected));
  });

  it('throws a located ValidationError for an invalid 1.2 file', async () => {
    const xml = wrap(tu('u1', 'Salut <bpt id="1">b</bpt>'));
    const at = after(xml, '<bpt id="1">');
    const refused = parseTranslationFile(xml, 'post.xlf');
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      problems: [
        {
          field: 'file',
          message: `line ${at.line}, column ${at.column}, <bpt>: Inline element <bpt> is not supported in a target (use <g> and <x/>)`,
        },
      ],
    });
  });
});

/**
 * XLIFF 1.2 writer and reader for one post's translation, beside XLIFF 2.0 and with the same
 * data (Xliff2ExportDoc in, Xliff2ReadResult out). Pure: strings in, strings out. Mapping tables
 * and limits: the "XLIFF 1.2" section of README.md beside this file.
 */
import type { SaxesTagNS } from 'saxes';
import { attrOf, locatedSax, tooLarge } from './located-sax.js';
import { escapeTagged, parseTagged } from '../../domain/units/index.js';
import type { CodeInfo, TaggedNode } from '../../domain/units/types.js';
import {
  decodeUnitId,
  encodeUnitId,
  esc,
  escNote,
  NOT_XML,
  POLYPHONY_NS,
  type PolyphonyState,
  type Xliff2ExportDoc,
  type Xliff2ImportUnit,
  type Xliff2ReadResult,
} from './xliff2.js';

export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';

/** The `<target state>` values XLIFF 1.2 defines (`x-…` extensions are accepted too). */
const STATES = new Set([
  'new',
  'needs-translation',
  'needs-adaptation',
  'needs-l10n',
  'needs-review-translation',
  'needs-review-adaptation',
  'needs-review-l10n',
  'translated',
  'signed-off',
  'final',
]);

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * An attribute value: escaped, what XML cannot hold as U+FFFD, and tab/LF/CR as character
 * references (attribute-value normalization would turn them into spaces).
 */
function escAttr(text: string): string {
  return escNote(text).replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;');
}

/** The standard `ctype` of a code's mdast type where XLIFF 1.2 has one, else `x-<type>`. */
const CTYPES = new Map([
  ['link', 'link'],
  ['strong', 'bold'],
  ['emphasis', 'italic'],
  ['image', 'image'],
  ['imageReference', 'image'],
  ['break', 'lb'],
]);

function codeAttrs(id: string, code: CodeInfo | undefined): string {
  let attrs = `id="${escAttr(id)}"`;
  const type = code?.type ?? '';
  if (type !== '')
    attrs += ` ctype="${escAttr(CTYPES.get(type) ?? `x-${type.replace(/\s/g, '-')}`)}"`;
  if (code !== undefined) attrs += ` pp:label="${escAttr(code.label)}"`;
  return attrs;
}

/**
 * Escaped source/target text. CR is kept as `&#13;` (parsers turn a raw CR into LF); a character
 * XML cannot hold becomes `<x id="pp-cpN" ctype="x-pp-char" pp:hex="0007"/>` (1.2 has no `<cp>`).
 */
function escText(text: string, cp: { count: number }): string {
  return esc(text)
    .replaceAll('\r', '&#13;')
    .replace(NOT_XML, (char) => {
      cp.count += 1;
      const hex = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return `<x id="pp-cp${cp.count}" ctype="x-pp-char" pp:hex="${hex}"/>`;
    });
}

function inline(
  nodes: TaggedNode[],
  codes: Record<string, CodeInfo>,
  cp: { count: number },
): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escText(node.value, cp);
      const attrs = codeAttrs(node.id, Object.hasOwn(codes, node.id) ? codes[node.id] : undefined);
      if (node.type === 'ph') return `<x ${attrs}/>`;
      return `<g ${attrs}>${inline(node.children, codes, cp)}</g>`;
    })
    .join('');
}

function targetState(state: PolyphonyState): string {
  switch (state) {
    case 'untranslated':
    case 'draft':
      return 'needs-translation';
    case 'translated':
      return 'translated';
    case 'outdated':
      return 'needs-review-translation';
    case 'reviewed':
      return 'signed-off';
  }
}

/**
 * Serializes a post's translation as an XLIFF 1.2 document (one `<file>`, one `<trans-unit>`
 * per unit, no `<target>` for a unit without translation).
 * @throws TaggedTextError when a source or target is not a well-formed tagged string.
 */
export function writeXliff12(doc: Xliff2ExportDoc): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff version="1.2" xmlns="${XLIFF12_NS}" xmlns:pp="${POLYPHONY_NS}">`,
    `  <file original="${escAttr(doc.postId)}" source-language="${escAttr(doc.srcLang)}" target-language="${escAttr(doc.trgLang)}" datatype="plaintext">`,
    '    <body>',
  ];
  for (const unit of doc.units) {
    const approved = unit.target !== null && unit.state === 'reviewed' ? ' approved="yes"' : '';
    lines.push(
      `      <trans-unit id="${escAttr(encodeUnitId(unit.unitId))}" resname="${escAttr(unit.unitId)}"${approved} xml:space="preserve" pp:version="${unit.version}" pp:sourceRevision="${unit.sourceRevision}" pp:state="${unit.state}">`,
    );
    const source = inline(parseTagged(unit.source), unit.codes, { count: 0 });
    lines.push(`        <source>${source}</source>`);
    if (unit.target !== null) {
      const target = inline(parseTagged(unit.target), unit.codes, { count: 0 });
      lines.push(`        <target state="${targetState(unit.state)}">${target}</target>`);
    }
    lines.push(`        <note from="pp:kind">${escNote(unit.kind)}</note>`);
    if (unit.state === 'outdated') {
      lines.push(
        '        <note from="pp:outdated">The source changed since this translation was made.</note>',
      );
      const previous = unit.previousSource ?? '';
      if (previous !== '')
        lines.push(`        <note from="pp:previousSource">${escNote(previous)}</note>`);
    }
    lines.push('      </trans-unit>');
  }
  lines.push('    </body>', '  </file>', '</xliff>', '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Reading

interface OpenUnit {
  id: string;
  line: number;
  column: number;
  version: number;
  sourceRevision: number;
  approved: string | undefined;
  ppState: string | undefined;
  sources: number;
  targets: number;
  state: string | undefined;
  target: string | null;
}

/** Inside a unit's `<source>` or `<target>`: where it opened, code ids seen, tagged text. */
interface OpenContent {
  kind: 'source' | 'target';
  depth: number;
  codeIds: Set<string>;
  text: string;
}

/** The Polyphony state a trans-unit reads back as (table in README.md). */
function importState(unit: OpenUnit): PolyphonyState {
  if (unit.target === null || unit.target === '') return 'untranslated';
  if (unit.approved === 'yes') return 'reviewed';
  switch (unit.state) {
    case undefined:
    case 'translated':
    case 'needs-review-adaptation':
    case 'needs-review-l10n':
      return 'translated';
    case 'needs-review-translation':
      return unit.ppState === 'outdated' ? 'outdated' : 'translated';
    case 'signed-off':
    case 'final':
      return unit.approved === 'no' ? 'translated' : 'reviewed';
    default:
      return 'draft'; // new, needs-translation, needs-adaptation, needs-l10n, x-…
  }
}

/**
 * Reads an XLIFF 1.2 file written by writeXliff12 (or edited by a CAT tool). Refuses a DOCTYPE
 * (so no entities), files over XLIFF_LIMITS.maxBytes, nesting deeper than maxDepth, and the
 * structural errors an XSD would catch plus those none does (one `<file>` with its languages
 * and original, a `<body>`, unique trans-unit ids, one `<source>`, only `<g>`/`<x/>` with
 * unique ids in a target, pp:version/pp:sourceRevision). Every error is located.
 */
export function readXliff12(xml: string): Xliff2ReadResult {
  const large = tooLarge(xml);
  if (large) return { ok: false, errors: large };
  const sax = locatedSax();
  const { parser, errors, stack, here, fail, problem } = sax;

  let srcLang = '';
  let trgLang = '';
  let postId = '';
  let files = 0;
  let file: { line: number; column: number; bodies: number } | undefined;
  const units: Xliff2ImportUnit[] = [];
  const unitIds = new Set<string>();
  let unit: OpenUnit | undefined;
  let content: OpenContent | undefined;

  /** An inline element inside a unit's `<source>` or `<target>`. */
  const openInline = (tag: SaxesTagNS, inside: OpenContent, parentName: string) => {
    const name = tag.local;
    const attr = (local: string, uri = '') => attrOf(tag, local, uri);
    const isCode = tag.uri === XLIFF12_NS && (name === 'g' || name === 'x');
    if (isCode) {
      const id = attr('id') ?? '';
      if (id === '') problem(name, `<${name}> without an id`);
      else if (inside.codeIds.has(id))
        problem(name, `Code id "${id}" is used twice in the ${inside.kind}`);
      inside.codeIds.add(id);
    }
    if (inside.kind === 'source') return;
    if (parentName === 'x') {
      problem(name, '<x/> must be empty');
    } else if (!isCode) {
      const shown = tag.uri === XLIFF12_NS ? name : tag.name;
      problem(shown, `Inline element <${shown}> is not supported in a target (use <g> and <x/>)`);
    } else if (name === 'g') {
      inside.text += `<pc id="${escapeTagged(attr('id') ?? '')}">`;
    } else {
      const hex = attr('hex', POLYPHONY_NS);
      if (hex === undefined) inside.text += `<ph id="${escapeTagged(attr('id') ?? '')}"/>`;
      else if (!/^[0-9A-Fa-f]{1,6}$/.test(hex) || Number.parseInt(hex, 16) > 0x10ffff)
        problem(name, `<x pp:hex="${hex}"> is not a code point`);
      else inside.text += escapeTagged(String.fromCodePoint(Number.parseInt(hex, 16)));
    }
  };

  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    const ns = tag.uri;
    const parent = sax.push(tag);
    if (content !== undefined) {
      openInline(tag, content, parent?.name ?? '');
      return;
    }
    const attr = (local: string, uri = '') => attrOf(tag, local, uri);
    if (parent === undefined) {
      if (ns !== XLIFF12_NS || name !== 'xliff')
        fail(name, `The root element must be <xliff> in namespace ${XLIFF12_NS}`);
      if (attr('version') !== '1.2') fail(name, 'Only XLIFF version="1.2" is read here');
      return;
    }
    if (ns !== XLIFF12_NS || parent.ns !== XLIFF12_NS) return; // extensions: allowed, ignored
    switch (name) {
      case 'file': {
        if (parent.name !== 'xliff') break;
        files += 1;
        if (files > 1) problem(name, 'Only one <file> per document is read');
        file = { ...here(), bodies: 0 };
        postId = attr('original') ?? '';
        srcLang = attr('source-language') ?? '';
        trgLang = attr('target-language') ?? '';
        if (postId === '') problem(name, 'The <file> has no original (the post id)');
        if (srcLang === '') problem(name, 'source-language is missing');
        if (trgLang === '') problem(name, 'target-language is missing');
        if ((attr('datatype') ?? '') === '') problem(name, 'datatype is missing');
        break;
      }
      case 'body':
        if (parent.name !== 'file' || file === undefined) break;
        file.bodies += 1;
        if (file.bodies > 1) problem(name, 'A <file> has more than one <body>');
        break;
      case 'trans-unit': {
        if (parent.name !== 'body' && parent.name !== 'group') {
          problem(name, '<trans-unit> must be inside <body> or a <group>');
          break;
        }
        const rawId = attr('id') ?? '';
        if (rawId === '') problem(name, 'A <trans-unit> without an id');
        else if (unitIds.has(rawId))
          problem(name, `Trans-unit id "${rawId}" is used twice in the file`);
        unitIds.add(rawId);
        const int = (local: string) => {
          const value = attr(local, POLYPHONY_NS);
          if (value === undefined || !/^\d{1,9}$/.test(value)) {
            problem(name, `Trans-unit "${rawId}" has no valid pp:${local} (an integer)`);
            return 0;
          }
          return Number(value);
        };
        const approved = attr('approved');
        if (approved !== undefined && approved !== 'yes' && approved !== 'no')
          problem(name, `approved="${approved}" is neither "yes" nor "no"`);
        unit = {
          id: decodeUnitId(rawId),
          ...here(),
          version: int('version'),
          sourceRevision: int('sourceRevision'),
          approved,
          ppState: attr('state', POLYPHONY_NS),
          sources: 0,
          targets: 0,
          state: undefined,
          target: null,
        };
        break;
      }
      case 'source':
      case 'target': {
        if (parent.name !== 'trans-unit' || unit === undefined) break; // alt-trans keeps its own
        if (name === 'source') {
          unit.sources += 1;
          if (unit.sources > 1) problem(name, `Trans-unit "${unit.id}" has more than one <source>`);
        } else {
          unit.targets += 1;
          if (unit.targets > 1) problem(name, `Trans-unit "${unit.id}" has more than one <target>`);
          const state = attr('state');
          if (state !== undefined && !STATES.has(state) && !/^x-\S+$/.test(state))
            problem(name, `Unknown target state "${state}"`);
          unit.state = state;
        }
        content = { kind: name, depth: stack.length, codeIds: new Set(), text: '' };
        break;
      }
      default:
        break;
    }
  });
  const onText = (text: string) => {
    if (content?.kind !== 'target') return;
    if (stack.at(-1)?.name === 'x') problem('x', '<x/> must be empty');
    else content.text += escapeTagged(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag: SaxesTagNS) => {
    const depth = stack.length;
    stack.pop();
    if (content !== undefined) {
      if (depth === content.depth) {
        if (content.kind === 'target' && unit !== undefined) unit.target = content.text;
        content = undefined;
      } else if (content.kind === 'target' && tag.uri === XLIFF12_NS && tag.local === 'g') {
        content.text += '</pc>';
      }
      return;
    }
    if (tag.uri !== XLIFF12_NS) return;
    if (tag.local === 'trans-unit' && unit !== undefined) {
      if (unit.sources === 0)
        errors.push({
          line: unit.line,
          column: unit.column,
          element: 'trans-unit',
          message: `Trans-unit "${unit.id}" has no <source>`,
        });
      units.push({
        unitId: unit.id,
        target: unit.target,
        state: importState(unit),
        version: unit.version,
        sourceRevision: unit.sourceRevision,
      });
      unit = undefined;
    } else if (tag.local === 'file' && depth === 2 && file !== undefined && file.bodies === 0) {
      errors.push({
        line: file.line,
        column: file.column,
        element: 'file',
        message: 'The <file> has no <body>',
      });
    }
  });

  sax.run(xml);
  if (errors.length === 0 && files === 0)
    errors.push({ line: 1, column: 1, element: 'xliff', message: 'The document has no <file>' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, doc: { postId, srcLang, trgLang, units } };
}

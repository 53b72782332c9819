/**
 * XLIFF 2.0 (core) writer and reader for one post's translation. Pure: strings in, strings out.
 * Mapping tables and limits: README.md beside this file.
 */
import type { SaxesTagNS } from 'saxes';
import { attrOf, locatedSax, tooLarge } from './located-sax.js';
import { escapeTagged, parseTagged } from '../../domain/units/index.js';
import type { CodeInfo, TaggedNode } from '../../domain/units/types.js';

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const POLYPHONY_NS = 'urn:polyphony:xliff';

export { XLIFF_LIMITS } from './located-sax.js';
export type { XliffError } from './located-sax.js';
import type { XliffError } from './located-sax.js';

export type PolyphonyState = 'untranslated' | 'draft' | 'translated' | 'reviewed' | 'outdated';

export interface Xliff2ExportUnit {
  unitId: string;
  kind: string;
  /** Tagged text (`<pc id="1">…</pc>`, `<ph id="2"/>`, `&amp;` `&lt;` `&gt;`). */
  source: string;
  codes: Record<string, CodeInfo>;
  target: string | null;
  state: PolyphonyState;
  version: number;
  sourceRevision: number;
  previousSource?: string | null;
}

export interface Xliff2ExportDoc {
  postId: string;
  srcLang: string;
  trgLang: string;
  units: Xliff2ExportUnit[];
}

export interface Xliff2ImportUnit {
  unitId: string;
  /** Tagged text of the target, null when the file has no `<target>`. */
  target: string | null;
  state: PolyphonyState;
  version: number;
  sourceRevision: number;
}

export interface Xliff2ImportDoc {
  postId: string;
  srcLang: string;
  trgLang: string;
  units: Xliff2ImportUnit[];
}

export type Xliff2ReadResult =
  { ok: true; doc: Xliff2ImportDoc } | { ok: false; errors: XliffError[] };

// ---------------------------------------------------------------------------------------------
// Writing

/** Escapes text and attribute values (`&`, `<`, `>`, `"`). Shared with the XLIFF 1.2 writer. */
export function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * Characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF). A global regex:
 * use it with `replace`, not `test`.
 */
export const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escaped text where `<cp>` may stand in for what XML cannot hold (source, target, data). */
function escCp(text: string): string {
  return esc(text).replace(
    NOT_XML,
    (char) => `<cp hex="${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}"/>`,
  );
}

/** Escaped text with what XML cannot hold replaced by U+FFFD (notes allow no `<cp>`). */
export function escNote(text: string): string {
  return esc(text).replace(NOT_XML, '\uFFFD');
}

/**
 * A unit id as an XML NMTOKEN, reversibly: letters, digits, `.`, `-` and `:` stay; every other
 * character (including `_`) becomes `_` + its hex code point + `_` (`b.7@alt` → `b.7_40_alt`).
 */
export function encodeUnitId(id: string): string {
  return Array.from(id)
    .map((char) =>
      /^[A-Za-z0-9.:-]$/.test(char) ? char : `_${char.codePointAt(0)!.toString(16)}_`,
    )
    .join('');
}

/** The inverse of encodeUnitId. */
export function decodeUnitId(id: string): string {
  return id.replace(/_([0-9a-f]{1,6})_/g, (_, hex: string) =>
    String.fromCodePoint(Number.parseInt(hex, 16)),
  );
}

const dataId = (codeId: string) => `d${encodeUnitId(codeId)}`;

function inline(nodes: TaggedNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escCp(node.value);
      const id = esc(node.id);
      const ref = esc(dataId(node.id));
      if (node.type === 'ph') return `<ph id="${id}" dataRef="${ref}"/>`;
      return `<pc id="${id}" dataRefStart="${ref}" dataRefEnd="${ref}">${inline(node.children)}</pc>`;
    })
    .join('');
}

function segmentState(state: PolyphonyState, hasTarget: boolean): string {
  if (!hasTarget) return 'initial';
  switch (state) {
    case 'untranslated':
    case 'draft':
      return 'initial';
    case 'translated':
    case 'outdated':
      return 'translated';
    case 'reviewed':
      return 'reviewed';
  }
}

/**
 * Serializes a post's translation as an XLIFF 2.0 document (one `<file>`, one `<unit>` each).
 * @throws TaggedTextError when a source or target is not a well-formed tagged string.
 */
export function writeXliff2(doc: Xliff2ExportDoc): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF2_NS}" xmlns:pp="${POLYPHONY_NS}" version="2.0" srcLang="${esc(doc.srcLang)}" trgLang="${esc(doc.trgLang)}">`,
    `  <file id="f1" original="${esc(doc.postId)}" canResegment="no">`,
  ];
  for (const unit of doc.units) {
    lines.push(
      `    <unit id="${esc(encodeUnitId(unit.unitId))}" pp:version="${unit.version}" pp:sourceRevision="${unit.sourceRevision}" pp:state="${unit.state}">`,
    );
    lines.push('      <notes>');
    lines.push(`        <note category="pp:kind">${escNote(unit.kind)}</note>`);
    if (unit.state === 'outdated') {
      const previous = unit.previousSource ?? '';
      lines.push(
        `        <note category="pp:outdated">The source changed since this translation was made.</note>`,
      );
      if (previous !== '')
        lines.push(`        <note category="pp:previousSource">${escNote(previous)}</note>`);
    }
    lines.push('      </notes>');
    const codeIds = Object.keys(unit.codes);
    if (codeIds.length > 0) {
      lines.push('      <originalData>');
      for (const codeId of codeIds) {
        const code = unit.codes[codeId]!;
        lines.push(`        <data id="${esc(dataId(codeId))}">${escCp(code.label)}</data>`);
      }
      lines.push('      </originalData>');
    }
    const hasTarget = unit.target !== null;
    lines.push(`      <segment state="${segmentState(unit.state, hasTarget)}">`);
    lines.push(`        <source xml:space="preserve">${inline(parseTagged(unit.source))}</source>`);
    if (unit.target !== null)
      lines.push(
        `        <target xml:space="preserve">${inline(parseTagged(unit.target))}</target>`,
      );
    lines.push('      </segment>');
    lines.push('    </unit>');
  }
  lines.push('  </file>', '</xliff>', '');
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
  dataIds: Set<string>;
  refs: Array<{ ref: string; line: number; column: number; element: string }>;
  segments: number;
  state: string;
  target: string | null;
  ppState: string | undefined;
}

const STATES = new Set(['initial', 'translated', 'reviewed', 'final']);

function importState(xliffState: string, target: string | null, ppState?: string): PolyphonyState {
  if (target === null || target === '') return 'untranslated';
  switch (xliffState) {
    case 'translated':
      return ppState === 'outdated' ? 'outdated' : 'translated';
    case 'reviewed':
    case 'final':
      return 'reviewed';
    default:
      return 'draft';
  }
}

/**
 * Reads an XLIFF 2.0 file written by writeXliff2 (or edited by a CAT tool). Refuses a DOCTYPE
 * (so no entities), files over XLIFF_LIMITS.maxBytes, nesting deeper than maxDepth, and breaks
 * of the core constraints no schema expresses (unique unit ids in a file, unique code ids in a
 * source or target, dataRef* pointing to an existing `<data>`). Every error is located.
 */
export function readXliff2(xml: string): Xliff2ReadResult {
  const large = tooLarge(xml);
  if (large) return { ok: false, errors: large };
  const sax = locatedSax();
  const { parser, errors, stack, here, fail, problem } = sax;

  let srcLang = '';
  let trgLang = '';
  let postId = '';
  let files = 0;
  const units: Xliff2ImportUnit[] = [];
  const unitIds = new Set<string>();
  let unit: OpenUnit | undefined;
  /** Inside `<target>`: the tagged text built so far and the code ids seen. */
  let target: { text: string; codeIds: Set<string> } | undefined;
  let sourceCodeIds: Set<string> | undefined;

  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    const ns = tag.uri;
    const parent = sax.push(tag);
    const attr = (local: string, uri = '') => attrOf(tag, local, uri);
    if (parent === undefined) {
      if (ns !== XLIFF2_NS || name !== 'xliff')
        fail(name, `The root element must be <xliff> in namespace ${XLIFF2_NS}`);
      if (attr('version') !== '2.0') fail(name, 'Only XLIFF version="2.0" is read');
      srcLang = attr('srcLang') ?? '';
      trgLang = attr('trgLang') ?? '';
      if (srcLang === '') problem(name, 'srcLang is missing');
      if (trgLang === '') problem(name, 'trgLang is missing');
      return;
    }
    if (ns !== XLIFF2_NS) return; // extensions are allowed and ignored
    if (target !== undefined) {
      const id = attr('id') ?? '';
      if (name === 'pc' || name === 'ph') {
        if (id === '') problem(name, `<${name}> without an id`);
        else if (target.codeIds.has(id))
          problem(name, `Code id "${id}" is used twice in the target`);
        target.codeIds.add(id);
        for (const refName of name === 'pc' ? ['dataRefStart', 'dataRefEnd'] : ['dataRef']) {
          const ref = attr(refName);
          if (ref !== undefined) unit?.refs.push({ ref, ...here(), element: name });
        }
        target.text +=
          name === 'pc' ? `<pc id="${escapeTagged(id)}">` : `<ph id="${escapeTagged(id)}"/>`;
      } else if (name === 'cp') {
        const hex = attr('hex') ?? '';
        if (!/^[0-9A-Fa-f]{1,6}$/.test(hex) || Number.parseInt(hex, 16) > 0x10ffff)
          problem(name, `<cp hex="${hex}"> is not a code point`);
        else target.text += escapeTagged(String.fromCodePoint(Number.parseInt(hex, 16)));
      } else {
        problem(name, `Inline element <${name}> is not supported in a target (use <pc> and <ph>)`);
      }
      return;
    }
    if (sourceCodeIds !== undefined) {
      if (
        name === 'pc' ||
        name === 'ph' ||
        name === 'sc' ||
        name === 'ec' ||
        name === 'mrk' ||
        name === 'sm'
      ) {
        const id = attr('id');
        if (id !== undefined) {
          if (sourceCodeIds.has(id)) problem(name, `Code id "${id}" is used twice in the source`);
          sourceCodeIds.add(id);
        }
      }
      for (const refName of ['dataRef', 'dataRefStart', 'dataRefEnd']) {
        const ref = attr(refName);
        if (ref !== undefined) unit?.refs.push({ ref, ...here(), element: name });
      }
      return;
    }
    switch (name) {
      case 'file':
        files += 1;
        if (files > 1) problem(name, 'Only one <file> per document is read');
        postId = attr('original') ?? '';
        if (postId === '') problem(name, 'The <file> has no original (the post id)');
        break;
      case 'unit': {
        const rawId = attr('id') ?? '';
        const id = decodeUnitId(rawId);
        if (rawId === '') problem(name, 'A <unit> without an id');
        else if (unitIds.has(rawId)) problem(name, `Unit id "${rawId}" is used twice in the file`);
        unitIds.add(rawId);
        const int = (local: string) => {
          const value = attr(local, POLYPHONY_NS);
          if (value === undefined || !/^\d{1,9}$/.test(value)) {
            problem(name, `Unit "${rawId}" has no valid pp:${local} (an integer)`);
            return 0;
          }
          return Number(value);
        };
        unit = {
          id,
          ...here(),
          version: int('version'),
          sourceRevision: int('sourceRevision'),
          dataIds: new Set(),
          refs: [],
          segments: 0,
          state: 'initial',
          target: null,
          ppState: attr('state', POLYPHONY_NS),
        };
        break;
      }
      case 'data': {
        const id = attr('id') ?? '';
        if (unit === undefined) break;
        if (unit.dataIds.has(id)) problem(name, `Data id "${id}" is used twice in the unit`);
        unit.dataIds.add(id);
        break;
      }
      case 'segment': {
        if (unit === undefined) break;
        unit.segments += 1;
        if (unit.segments > 1) problem(name, `Unit "${unit.id}" has more than one <segment>`);
        const state = attr('state') ?? 'initial';
        if (!STATES.has(state)) problem(name, `Unknown segment state "${state}"`);
        unit.state = state;
        break;
      }
      case 'source':
        if (parent.name === 'segment') sourceCodeIds = new Set();
        break;
      case 'target':
        if (parent.name === 'segment') target = { text: '', codeIds: new Set() };
        break;
      default:
        break;
    }
  });
  parser.on('text', (text) => {
    if (target !== undefined) target.text += escapeTagged(text);
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    stack.pop();
    if (tag.uri !== XLIFF2_NS) return;
    const name = tag.local;
    if (target !== undefined) {
      if (name === 'target') {
        if (unit !== undefined) unit.target = target.text;
        target = undefined;
      } else if (name === 'pc') target.text += '</pc>';
      return;
    }
    if (sourceCodeIds !== undefined) {
      if (name === 'source') sourceCodeIds = undefined;
      return;
    }
    if (name === 'unit' && unit !== undefined) {
      for (const ref of unit.refs) {
        if (!unit.dataIds.has(ref.ref))
          errors.push({
            line: ref.line,
            column: ref.column,
            element: ref.element,
            message: `dataRef "${ref.ref}" names no <data> of unit "${unit.id}"`,
          });
      }
      if (unit.segments === 0) problem(name, `Unit "${unit.id}" has no <segment>`);
      units.push({
        unitId: unit.id,
        target: unit.target,
        state: importState(unit.state, unit.target, unit.ppState),
        version: unit.version,
        sourceRevision: unit.sourceRevision,
      });
      unit = undefined;
    }
  });

  sax.run(xml);
  if (errors.length === 0 && files === 0)
    errors.push({ line: 1, column: 1, element: 'xliff', message: 'The document has no <file>' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, doc: { postId, srcLang, trgLang, units } };
}

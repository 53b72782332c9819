/**
 * gettext PO writer and reader for one post's translation (msgctxt = unit id). Inline codes are
 * numbered placeholders: `<pc id="1">…</pc>` ↔ `<1>…</1>`, `<ph id="2"/>` ↔ `<2/>`; text keeps
 * the tagged-text escapes `&amp;` `&lt;` `&gt;` so a literal `<` can never become a code.
 * See README.md.
 */
import { po as gettextPo } from 'gettext-parser';
import type { GetTextTranslation, GetTextTranslations } from 'gettext-parser';
import { tokenizeTagged } from '../../domain/units/tagged.js';
import {
  XLIFF_LIMITS,
  type Xliff2ExportDoc,
  type Xliff2ImportDoc,
  type Xliff2ImportUnit,
  type XliffError,
} from './xliff2.js';

export type PoReadResult = { ok: true; doc: Xliff2ImportDoc } | { ok: false; errors: XliffError[] };

/** Tagged text → PO placeholder text. */
export function taggedToPo(tagged: string): string {
  const open: string[] = [];
  const escape = (text: string) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return tokenizeTagged(tagged)
    .map((token) => {
      switch (token.type) {
        case 'text':
          return escape(token.value);
        case 'open':
          open.push(token.id);
          return `<${token.id}>`;
        case 'close':
          return `</${open.pop() ?? token.id ?? ''}>`;
        case 'ph':
          return `<${token.id}/>`;
        case 'bad':
          return escape(token.raw);
      }
    })
    .join('');
}

/**
 * PO placeholder text → tagged text. Anything that is not a placeholder is kept as typed, so
 * the editor's checks (checkTarget) report it like a typed mistake.
 */
export function poToTagged(text: string): string {
  return text.replace(
    /<(\/?)([A-Za-z0-9._:-]+)(\/?)>/g,
    (whole, close: string, id: string, selfClosing: string) => {
      if (close !== '' && selfClosing !== '') return whole;
      if (selfClosing !== '') return `<ph id="${id}"/>`;
      if (close !== '') return '</pc>';
      return `<pc id="${id}">`;
    },
  );
}

/** Serializes a post's translation as a PO file (UTF-8). */
export function writePo(doc: Xliff2ExportDoc): string {
  const translations: Record<string, Record<string, GetTextTranslation>> = {
    '': {
      '': {
        msgid: '',
        msgstr: [''],
      },
    },
  };
  for (const unit of doc.units) {
    const codes = Object.entries(unit.codes).map(
      ([id, code]) => `code ${id}: ${code.label.replace(/\s+/g, ' ')}`,
    );
    const fuzzy = unit.target !== null && (unit.state === 'draft' || unit.state === 'outdated');
    const comments: GetTextTranslation['comments'] = {
      extracted: [
        `kind: ${unit.kind}`,
        `pp-version: ${unit.version}`,
        `pp-source-revision: ${unit.sourceRevision}`,
        `pp-state: ${unit.state}`,
        ...codes,
      ].join('\n'),
    };
    if (fuzzy) comments.flag = 'fuzzy';
    if (unit.state === 'outdated' && unit.previousSource)
      comments.previous = `msgid "${taggedToPo(unit.previousSource).replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
    translations[unit.unitId] = {
      [taggedToPo(unit.source)]: {
        msgctxt: unit.unitId,
        msgid: taggedToPo(unit.source),
        msgstr: [unit.target === null ? '' : taggedToPo(unit.target)],
        comments,
      },
    };
  }
  const table: GetTextTranslations = {
    charset: 'utf-8',
    headers: {
      'Project-Id-Version': `polyphony post ${doc.postId}`,
      'Report-Msgid-Bugs-To': '',
      'POT-Creation-Date': '',
      'PO-Revision-Date': '',
      'Last-Translator': '',
      'Language-Team': '',
      Language: doc.trgLang,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      'X-Polyphony-Post': doc.postId,
      'X-Source-Language': doc.srcLang,
    },
    translations,
  };
  return gettextPo.compile(table, { sort: false }).toString('utf8') + '\n';
}

/** The 1-based line of `msgctxt "id"` in the file, else 1. */
function lineOf(text: string, unitId: string): number {
  const index = text.indexOf(`msgctxt ${JSON.stringify(unitId)}`);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

/** Reads a PO file written by writePo (or edited by a PO editor). */
export function readPo(text: string): PoReadResult {
  const at = (line: number, message: string): XliffError => ({
    line,
    column: 1,
    element: 'msgctxt',
    message,
  });
  if (Buffer.byteLength(text, 'utf8') > XLIFF_LIMITS.maxBytes)
    return { ok: false, errors: [at(1, 'The file is larger than 10 MB')] };
  let table: GetTextTranslations;
  try {
    table = gettextPo.parse(text, { validation: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/i.exec(message)?.[1];
    return { ok: false, errors: [at(line === undefined ? 1 : Number(line), message)] };
  }
  const errors: XliffError[] = [];
  const postId = table.headers['X-Polyphony-Post'] ?? '';
  const srcLang = table.headers['X-Source-Language'] ?? '';
  const trgLang = table.headers.Language ?? '';
  if (postId === '') errors.push(at(1, 'The header has no X-Polyphony-Post (the post id)'));
  if (trgLang === '') errors.push(at(1, 'The header has no Language'));
  const units: Xliff2ImportUnit[] = [];
  for (const [context, entries] of Object.entries(table.translations)) {
    if (context === '') continue;
    const list = Object.values(entries);
    if (list.length > 1)
      errors.push(at(lineOf(text, context), `Unit "${context}" appears more than once`));
    const entry = list[0];
    if (entry === undefined) continue;
    const extracted = entry.comments?.extracted ?? '';
    const int = (key: string) => {
      const value = new RegExp(`^${key}: (\\d{1,9})$`, 'm').exec(extracted)?.[1];
      if (value === undefined) {
        errors.push(at(lineOf(text, context), `Unit "${context}" has no "#. ${key}: N" comment`));
        return 0;
      }
      return Number(value);
    };
    const version = int('pp-version');
    const sourceRevision = int('pp-source-revision');
    const msgstr = entry.msgstr[0] ?? '';
    const target = msgstr === '' ? null : poToTagged(msgstr);
    const fuzzy = (entry.comments?.flag ?? '').split(/[\s,]+/).includes('fuzzy');
    const ppState = /^pp-state: (\w+)$/m.exec(extracted)?.[1];
    const state: Xliff2ImportUnit['state'] =
      target === null
        ? 'untranslated'
        : fuzzy
          ? ppState === 'outdated'
            ? 'outdated'
            : 'draft'
          : 'translated';
    units.push({ unitId: context, target, state, version, sourceRevision });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, doc: { postId, srcLang, trgLang, units } };
}

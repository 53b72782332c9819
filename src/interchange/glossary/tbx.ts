/**
 * Glossary TBX-Basic (ISO 30042), read and written with fast-xml-parser.
 *
 * Written: TBX v3 (ISO 30042:2019, `<tbx type="TBX-Basic" style="dca">`), one
 * `conceptEntry` per term: the source `langSec` holds the definition (`descrip
 * type="definition"`) and a `termSec` with the term, its `partOfSpeech` and its note; the
 * target `langSec` holds the approved translation (`administrativeStatus`
 * `preferredTerm-admn-sts`) and each forbidden one (`deprecatedTerm-admn-sts`). A
 * do-not-translate term has its own form as the preferred target term. Two flags have no
 * TBX-Basic data category and are written only when set, as `termNote` types a strict
 * TBX-Basic validator would not know: `translationNote` = `no` (Weblate's convention for
 * do-not-translate) and `caseSensitive` = `yes`.
 *
 * Read: TBX v3 (`conceptEntry`/`langSec`/`termSec`) and TBX v2 (`martif`, `termEntry`/
 * `langSet`/`tig` or `ntig`), which many tools still write. A `langSec` belongs to a
 * language when its `xml:lang` is that tag or a more specific one (`en-US` for `en`).
 * Every non-deprecated source term of an entry becomes a term (synonyms each get one); the
 * first preferred (else admitted) target term is the translation, deprecated, superseded,
 * forbidden and obsolete ones are forbidden translations.
 *
 * Safety: the byte and entry limits apply; a document declaring entities (`<!ENTITY`) is
 * refused whole, before parsing (no XXE, no billion laughs); only XML's five predefined
 * entities and character references are decoded; no DTD is ever fetched. A document that
 * is not well-formed is refused naming its line; a well-formed one with a bad entry
 * imports the others and reports that entry's line.
 */
import { ENTITY_ACTION, EntityDecoder } from '@nodable/entities';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError, ValidationError } from '../../domain/errors.js';
import type {
  GlossaryFileProblem,
  GlossaryFileRow,
  ParsedGlossaryFile,
} from '../../services/glossary/glossary-file.js';
import type { GlossaryTermRecord, LanguagePair } from '../../services/repositories.js';
import { decodeUtf8, limitsOf } from './limits.js';
import type { FileLimits } from './limits.js';

export const TBX_NAMESPACE = 'urn:iso:std:iso:30042:ed-2';

const REPEATED = new Set([
  'conceptEntry',
  'termEntry',
  'langSec',
  'langSet',
  'termSec',
  'tig',
  'ntig',
  'termGrp',
  'termNote',
  'descrip',
  'descripGrp',
  'note',
]);

/**
 * A parser whose entity decoder knows XML's predefined entities and character references
 * only, and throws on any entity a DOCTYPE declares (a second guard behind the refusal of
 * `<!ENTITY` before parsing). One per document: the decoder keeps state while parsing.
 */
const newParser = () =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    entityDecoder: new EntityDecoder({
      numericAllowed: true,
      onInputEntity: () => ENTITY_ACTION.THROW,
      onExternalEntity: () => ENTITY_ACTION.THROW,
    }),
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    isArray: (name) => REPEATED.has(name),
  });

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

// ---- reading --------------------------------------------------------------------------

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function children(node: Node, name: string): Node[] {
  const value = node[name];
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item): Node => (isNode(item) ? item : { '#text': item }));
}

function child(node: Node, name: string): Node | undefined {
  return children(node, name)[0];
}

function textOf(node: Node | undefined): string {
  if (!node) return '';
  const value = node['#text'];
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function attr(node: Node, name: string): string {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : '';
}

/** The offset where the parser saw `node` start (captureMetaData). */
function offsetOf(node: Node): number | undefined {
  for (const key of Object.getOwnPropertySymbols(node)) {
    const meta: unknown = Reflect.get(node, key);
    if (isNode(meta) && typeof meta.startIndex === 'number') return meta.startIndex;
  }
  return undefined;
}

/** 1-based line of each offset, by binary search over the newline offsets. */
function lineFinder(text: string): (offset: number | undefined) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset === undefined) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** One term of a language section (v3 termSec, v2 tig or ntig) with its notes. */
interface SectionTerm {
  term: string;
  status: string;
  partOfSpeech: string;
  caseSensitive: boolean;
  keep: boolean;
  notes: string[];
}

function termNotes(node: Node): Map<string, string> {
  const notes = new Map<string, string>();
  for (const n of children(node, 'termNote')) {
    const type = attr(n, 'type');
    if (!notes.has(type)) notes.set(type, textOf(n));
  }
  return notes;
}

function sectionTerms(langSec: Node): SectionTerm[] {
  const holders = [
    ...children(langSec, 'termSec'),
    ...children(langSec, 'tig'),
    // v2 ntig: <ntig><termGrp><term/><termNote/></termGrp><note/></ntig>
    ...children(langSec, 'ntig').map((ntig) => ({ ...ntig, ...(child(ntig, 'termGrp') ?? {}) })),
  ];
  return holders.map((holder) => {
    const notes = termNotes(holder);
    return {
      term: textOf(child(holder, 'term')),
      status: (notes.get('administrativeStatus') ?? '').toLowerCase(),
      partOfSpeech: notes.get('partOfSpeech') ?? '',
      caseSensitive: /^(yes|true)$/i.test(notes.get('caseSensitive') ?? ''),
      keep: /^no$/i.test(notes.get('translationNote') ?? ''),
      notes: children(holder, 'note').map(textOf).filter(Boolean),
    };
  });
}

const DEPRECATED = /^(deprecatedterm|supersededterm|forbidden|obsolete)/;
const isDeprecated = (t: SectionTerm) => DEPRECATED.test(t.status);

function definitionOf(node: Node): string {
  const direct = children(node, 'descrip');
  const grouped = children(node, 'descripGrp').flatMap((g) => children(g, 'descrip'));
  const found = [...direct, ...grouped].find((d) => attr(d, 'type') === 'definition');
  return textOf(found);
}

/** The language section for `language`: exactly that tag, else a more specific one. */
function sectionFor(sections: Node[], language: string): Node | undefined {
  const wanted = language.toLowerCase();
  const lang = (s: Node) => attr(s, 'lang').toLowerCase();
  return (
    sections.find((s) => lang(s) === wanted) ??
    sections.find((s) => lang(s).startsWith(`${wanted}-`))
  );
}

function entryRows(
  entry: Node,
  line: number,
  pair: LanguagePair,
): { rows: GlossaryFileRow[]; problems: GlossaryFileProblem[] } {
  const sections = [...children(entry, 'langSec'), ...children(entry, 'langSet')];
  const source = sectionFor(sections, pair.sourceLanguage);
  const sourceTerms = source ? sectionTerms(source).filter((t) => t.term && !isDeprecated(t)) : [];
  if (sourceTerms.length === 0)
    return {
      rows: [],
      problems: [
        { line, field: 'term', message: `the entry has no term in ${pair.sourceLanguage}` },
      ],
    };
  const target = sectionFor(sections, pair.targetLanguage);
  const targetTerms = target ? sectionTerms(target).filter((t) => t.term) : [];
  const approved =
    targetTerms.find((t) => t.status.startsWith('preferredterm')) ??
    targetTerms.find((t) => !isDeprecated(t));
  const forbidden = targetTerms.filter(isDeprecated).map((t) => t.term);
  const extra = targetTerms.filter((t) => t !== approved && !isDeprecated(t)).map((t) => t.term);
  const problems: GlossaryFileProblem[] =
    extra.length > 0
      ? [
          {
            line,
            field: 'translation',
            message: `only one approved translation is kept ("${approved?.term ?? ''}"); also given: ${extra.map((e) => `"${e}"`).join(', ')}`,
          },
        ]
      : [];
  const definition = (source && definitionOf(source)) || definitionOf(entry);
  const entryNotes = children(entry, 'note').map(textOf).filter(Boolean);
  const rows = sourceTerms.map((s) => {
    const keep = s.keep || targetTerms.some((t) => t.keep);
    return {
      line,
      entry: {
        term: s.term,
        // A do-not-translate term's own form is its "translation"; the import drops it.
        translation: approved?.term ?? '',
        partOfSpeech: s.partOfSpeech || approved?.partOfSpeech || '',
        definition,
        note: [...s.notes, ...entryNotes].join('\n'),
        caseSensitive: s.caseSensitive,
        doNotTranslate: keep,
        forbidden,
      },
    };
  });
  return { rows, problems };
}

/**
 * Reads a TBX-Basic file (v3 or v2) for `pair`: a row per source term of each entry (with
 * the entry's line) and a problem for each entry it could not use.
 * @throws DomainError payload_too_large over the byte or entry limit; ValidationError on
 *   `file` for text that is not UTF-8, not well-formed XML (with its line), declares
 *   entities, or is not TBX.
 */
export function parseGlossaryTbx(
  data: Uint8Array,
  pair: LanguagePair,
  limits: Partial<FileLimits> = {},
): ParsedGlossaryFile {
  const { maxBytes, maxRows } = limitsOf(limits);
  const text = decodeUtf8(data, maxBytes);
  const lineAt = lineFinder(text);
  const entityAt = text.search(/<!ENTITY/i);
  if (entityAt >= 0)
    throw new ValidationError([
      {
        field: 'file',
        message: `line ${lineAt(entityAt)}: entity declarations are not accepted in a glossary file`,
      },
    ]);
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new ValidationError([
      { field: 'file', message: `line ${valid.err.line}: not well-formed XML: ${valid.err.msg}` },
    ]);
  const document: unknown = newParser().parse(text);
  const root = isNode(document) ? (child(document, 'tbx') ?? child(document, 'martif')) : undefined;
  const body = root ? child(child(root, 'text') ?? {}, 'body') : undefined;
  if (!root || !body)
    throw new ValidationError([
      { field: 'file', message: 'not a TBX file (expected <tbx> or <martif> with <text><body>)' },
    ]);
  const entries = [...children(body, 'conceptEntry'), ...children(body, 'termEntry')];
  if (entries.length > maxRows)
    throw new DomainError('payload_too_large', `A glossary file holds at most ${maxRows} entries`);
  const rows: GlossaryFileRow[] = [];
  const problems: GlossaryFileProblem[] = [];
  for (const entry of entries) {
    const found = entryRows(entry, lineAt(offsetOf(entry)), pair);
    rows.push(...found.rows);
    problems.push(...found.problems);
  }
  rows.sort((a, b) => a.line - b.line);
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}

// ---- writing --------------------------------------------------------------------------

function termSec(term: string, notes: [string, string][], note: string): Node {
  return {
    term,
    ...(notes.length > 0
      ? { termNote: notes.map(([type, value]) => ({ '@_type': type, '#text': value })) }
      : {}),
    ...(note ? { note } : {}),
  };
}

function conceptEntry(t: GlossaryTermRecord, index: number): Node {
  const sourceNotes: [string, string][] = [['partOfSpeech', t.partOfSpeech]];
  if (t.caseSensitive) sourceNotes.push(['caseSensitive', 'yes']);
  if (t.doNotTranslate) sourceNotes.push(['translationNote', 'no']);
  const approved = t.translation ?? t.term;
  return {
    '@_id': `c${index + 1}`,
    langSec: [
      {
        '@_xml:lang': t.sourceLanguage,
        ...(t.definition ? { descrip: { '@_type': 'definition', '#text': t.definition } } : {}),
        termSec: [termSec(t.term, sourceNotes, t.note)],
      },
      {
        '@_xml:lang': t.targetLanguage,
        termSec: [
          termSec(approved, [['administrativeStatus', 'preferredTerm-admn-sts']], ''),
          ...t.forbidden.map((f) =>
            termSec(f, [['administrativeStatus', 'deprecatedTerm-admn-sts']], ''),
          ),
        ],
      },
    ],
  };
}

/** A pair's terms as a TBX-Basic (TBX v3, ISO 30042:2019) document. */
export function glossaryToTbx(pair: LanguagePair, terms: readonly GlossaryTermRecord[]): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    tbx: {
      '@_type': 'TBX-Basic',
      '@_style': 'dca',
      '@_xml:lang': pair.sourceLanguage,
      '@_xmlns': TBX_NAMESPACE,
      tbxHeader: {
        fileDesc: {
          sourceDesc: { p: `Polyphony glossary ${pair.sourceLanguage} → ${pair.targetLanguage}` },
        },
      },
      text: { body: { conceptEntry: terms.map(conceptEntry) } },
    },
  });
}

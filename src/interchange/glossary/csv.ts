/**
 * Glossary CSV (RFC 4180, UTF-8), read by csv-parse and written by csv-stringify. One header
 * row names the columns (any order, case and `-`/space for `_` ignored):
 *
 *   source_language, target_language, term, translation, part_of_speech, definition, note,
 *   case_sensitive, do_not_translate, forbidden
 *
 * Only `term` is required. The language columns, when present, must name the glossary's pair
 * on every row (so a file for en→es is not imported into en→de by mistake). Flags are
 * true/false (also yes/no, 1/0; empty is false). `forbidden` holds one forbidden translation
 * per line of the cell (terms and translations are single-line, so the list is lossless).
 *
 * A record the parser cannot read (a stray quote, a wrong number of fields) is reported by
 * the line it starts on and the other records are kept; an unclosed quote swallows the rest
 * of the file, which is then reported from its line. The whole file is refused when it is
 * larger than the limits, not UTF-8, or its header is wrong (every row would be misread).
 */
import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainError, ValidationError } from '../../domain/errors.js';
import type {
  GlossaryFileEntry,
  GlossaryFileProblem,
  GlossaryFileRow,
  ParsedGlossaryFile,
} from '../../services/glossary/glossary-file.js';
import type { GlossaryTermRecord, LanguagePair } from '../../services/repositories.js';
import { decodeUtf8, limitsOf } from './limits.js';
import type { FileLimits } from './limits.js';

/** The columns, in the order the export writes them. */
export const CSV_COLUMNS = [
  'source_language',
  'target_language',
  'term',
  'translation',
  'part_of_speech',
  'definition',
  'note',
  'case_sensitive',
  'do_not_translate',
  'forbidden',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

function isColumn(name: string): name is Column {
  return (CSV_COLUMNS as readonly string[]).includes(name);
}

const normalizeHeader = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n', '']);

function flag(value: string, column: Column, line: number): boolean | GlossaryFileProblem {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return { line, field: column, message: `"${value}" is not true or false` };
}

/** The line a record starts on, from the line it ends on and its raw text. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/(\r\n|\n|\r)$/, '');
  return endLine - (body.match(/\r\n|\n|\r/g)?.length ?? 0);
}

const numberOr = (value: unknown, fallback: number) =>
  typeof value === 'number' ? value : fallback;
const stringOr = (value: unknown, fallback: string) =>
  typeof value === 'string' ? value : fallback;

/** A record as csv-parse gives it with `info` and `raw` (its types do not model these). */
interface InfoRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

function isInfoRecord(value: unknown): value is InfoRecord {
  if (typeof value !== 'object' || value === null) return false;
  if (!('record' in value) || !('raw' in value) || !('info' in value)) return false;
  const { record, raw, info } = value;
  return (
    Array.isArray(record) &&
    record.every((cell) => typeof cell === 'string') &&
    typeof raw === 'string' &&
    typeof info === 'object' &&
    info !== null &&
    'lines' in info &&
    typeof info.lines === 'number'
  );
}

function isCsvError(value: unknown): value is CsvError {
  return value instanceof Error && 'code' in value && typeof value.code === 'string';
}

const PARSER_MESSAGES: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a quote appears inside a field that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field continues after its closing quote',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_MAX_RECORD_SIZE: 'the row is too long',
};

/** Errors after which the parser has lost track of where fields and records end. */
const QUOTE_ERRORS = new Set([
  'INVALID_OPENING_QUOTE',
  'CSV_INVALID_CLOSING_QUOTE',
  'CSV_QUOTE_NOT_CLOSED',
]);

/** How many times reading starts again after a stray quote before the file is refused. */
const MAX_RESTARTS = 50;

/** One record with the line it starts on in the whole file. */
interface LineRecord {
  record: string[];
  line: number;
}

/**
 * Reads every record csv-parse can read, each with its lines. A stray quote leaves the
 * parser unsure where the following records begin (it may swallow them into one field), so
 * after one the reading starts again on the next line: the bad record is reported and
 * the rows after it are not lost.
 */
function readRecords(
  text: string,
  limits: { maxRows: number; maxRecordChars: number },
): { records: LineRecord[]; problems: GlossaryFileProblem[] } {
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push(m.index + m[0].length);
  const records: LineRecord[] = [];
  const problems: GlossaryFileProblem[] = [];
  let from = 1;
  for (let restarts = 0; from <= lineStarts.length; restarts += 1) {
    if (restarts > MAX_RESTARTS)
      throw new ValidationError([
        {
          field: 'file',
          message: `line ${from}: more than ${MAX_RESTARTS} rows have stray quotes; is this a CSV file?`,
        },
      ]);
    const offset = from - 1;
    const found: LineRecord[] = [];
    const skipped: { code: string; line: number }[] = [];
    let output: unknown;
    try {
      output = parse(text.slice(lineStarts[offset] ?? text.length), {
        bom: from === 1,
        columns: false,
        relax_column_count: true,
        skip_empty_lines: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        skip_records_with_error: true,
        info: true,
        raw: true,
        max_record_size: limits.maxRecordChars,
        // The header and one record past the limit: enough to know the file is too long.
        to: limits.maxRows + 2 - records.length,
        on_skip: (error, raw) => {
          if (!error) return;
          const endLine = numberOr(error.lines, 1) + offset;
          skipped.push({
            code: error.code,
            line: startLine(endLine, stringOr(error.raw, raw ?? '')),
          });
        },
      });
    } catch (error) {
      if (!isCsvError(error)) throw error;
      throw new ValidationError([
        {
          field: 'file',
          message: `line ${numberOr(error.lines, 1) + offset}: ${PARSER_MESSAGES[error.code] ?? error.message}`,
        },
      ]);
    }
    for (const r of Array.isArray(output) ? output.filter(isInfoRecord) : []) {
      found.push({ record: r.record, line: startLine(r.info.lines + offset, r.raw) });
    }
    const lost = skipped.find((e) => QUOTE_ERRORS.has(e.code));
    const before = (line: number) => lost === undefined || line < lost.line;
    records.push(...found.filter((r) => before(r.line)));
    for (const e of skipped.filter((e) => before(e.line) || e === lost))
      problems.push({ line: e.line, message: PARSER_MESSAGES[e.code] ?? e.code });
    if (!lost) break;
    from = lost.line + 1;
  }
  return { records, problems };
}

/**
 * Reads a glossary CSV for `pair`: the rows it could read (with their lines) and a problem
 * for each record it could not. Rows are not yet validated as terms (the import does that).
 * @throws DomainError payload_too_large over the byte or row limit; ValidationError (field
 *   `file`) for text that is not UTF-8 or a bad header.
 */
export function parseGlossaryCsv(
  data: Uint8Array,
  pair: LanguagePair,
  limits: Partial<FileLimits> = {},
): ParsedGlossaryFile {
  const { maxBytes, maxRows, maxRecordChars } = limitsOf(limits);
  const text = decodeUtf8(data, maxBytes);
  const { records, problems } = readRecords(text, { maxRows, maxRecordChars });
  const [header, ...body] = records;
  if (!header) throw new ValidationError([{ field: 'file', message: 'the file is empty' }]);
  if (body.length > maxRows)
    throw new DomainError('payload_too_large', `A glossary file holds at most ${maxRows} rows`);
  const columns = header.record.map(normalizeHeader);
  const unknown = columns.filter((c) => !isColumn(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length > 0 || repeated.length > 0 || !columns.includes('term')) {
    const what = [
      unknown.length > 0
        ? `unknown column ${unknown.map((c) => `"${c}"`).join(', ')} (the columns are ${CSV_COLUMNS.join(', ')})`
        : '',
      repeated.length > 0 ? `column ${repeated.map((c) => `"${c}"`).join(', ')} twice` : '',
      columns.includes('term') ? '' : 'no "term" column',
    ].filter(Boolean);
    throw new ValidationError([{ field: 'file', message: `line 1: ${what.join('; ')}` }]);
  }

  const rows: GlossaryFileRow[] = [];
  for (const { record, line } of body) {
    if (record.length !== columns.length) {
      problems.push({
        line,
        message: `the row has ${record.length} fields; the header names ${columns.length}`,
      });
      continue;
    }
    const cell = (column: Column) => {
      const i = columns.indexOf(column);
      return i < 0 ? '' : (record[i] ?? '');
    };
    const rowProblems: GlossaryFileProblem[] = [];
    for (const [column, expected] of [
      ['source_language', pair.sourceLanguage],
      ['target_language', pair.targetLanguage],
    ] as const) {
      const value = cell(column).trim();
      if (value !== '' && value.toLowerCase() !== expected.toLowerCase())
        rowProblems.push({
          line,
          field: column,
          message: `"${value}" is not this glossary's language (${expected})`,
        });
    }
    const caseSensitive = flag(cell('case_sensitive'), 'case_sensitive', line);
    const doNotTranslate = flag(cell('do_not_translate'), 'do_not_translate', line);
    if (typeof caseSensitive !== 'boolean') rowProblems.push(caseSensitive);
    if (typeof doNotTranslate !== 'boolean') rowProblems.push(doNotTranslate);
    if (
      rowProblems.length > 0 ||
      typeof caseSensitive !== 'boolean' ||
      typeof doNotTranslate !== 'boolean'
    ) {
      problems.push(...rowProblems);
      continue;
    }
    const entry: GlossaryFileEntry = {
      term: cell('term'),
      translation: cell('translation'),
      partOfSpeech: cell('part_of_speech'),
      definition: cell('definition'),
      note: cell('note'),
      caseSensitive,
      doNotTranslate,
      forbidden: cell('forbidden')
        .split(/\r\n|\n|\r/)
        .map((f) => f.trim())
        .filter(Boolean),
    };
    rows.push({ line, entry });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}

/** A pair's terms as glossary CSV (UTF-8 with a byte-order mark, CRLF, every column). */
export function glossaryToCsv(terms: readonly GlossaryTermRecord[]): string {
  const rows = terms.map((t) => [
    t.sourceLanguage,
    t.targetLanguage,
    t.term,
    t.translation ?? '',
    t.partOfSpeech,
    t.definition,
    t.note,
    String(t.caseSensitive),
    String(t.doNotTranslate),
    t.forbidden.join('\n'),
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], {
    bom: true,
    record_delimiter: 'windows',
    // A cell holding a line break (the forbidden list) is quoted whatever the delimiter.
    quoted_match: /[\r\n]/,
  });
}

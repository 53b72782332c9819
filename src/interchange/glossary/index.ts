/**
 * Glossary files: CSV (csv-parse / csv-stringify) and TBX-Basic (fast-xml-parser), read
 * into rows for the import and written from a pair's terms. Pure; see csv.ts and tbx.ts.
 */
import type { GlossaryFormat, ParsedGlossaryFile } from '../../services/glossary/glossary-file.js';
import type { LanguagePair } from '../../services/repositories.js';
import { parseGlossaryCsv } from './csv.js';
import type { FileLimits } from './limits.js';
import { parseGlossaryTbx } from './tbx.js';

export { CSV_COLUMNS, glossaryToCsv, parseGlossaryCsv } from './csv.js';
export { glossaryToTbx, parseGlossaryTbx, TBX_NAMESPACE } from './tbx.js';
export type { FileLimits } from './limits.js';

/**
 * The format of an uploaded file: by its name (`.csv`; `.tbx`, `.xml`), else by its first
 * character (`<` is XML).
 */
export function glossaryFormatOf(filename: string, data: Uint8Array): GlossaryFormat {
  const name = filename.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tbx') || name.endsWith('.xml')) return 'tbx';
  const head = new TextDecoder()
    .decode(data.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') ? 'tbx' : 'csv';
}

/** Reads a glossary file of either format for `pair` (see parseGlossaryCsv / parseGlossaryTbx). */
export function parseGlossaryFile(
  format: GlossaryFormat,
  data: Uint8Array,
  pair: LanguagePair,
  limits: Partial<FileLimits> = {},
): ParsedGlossaryFile {
  return format === 'csv'
    ? parseGlossaryCsv(data, pair, limits)
    : parseGlossaryTbx(data, pair, limits);
}

/**
 * What a glossary file (CSV or TBX-Basic) gives the import, and the limits on reading one.
 * The readers and writers live in src/interchange/glossary (pure); the import validates each
 * entry as the term form does and writes the valid ones (see import-glossary.service.ts).
 */

/** One term as a file carries it, not yet validated (strings as written, flags read). */
export interface GlossaryFileEntry {
  term: string;
  translation: string;
  partOfSpeech: string;
  definition: string;
  note: string;
  caseSensitive: boolean;
  doNotTranslate: boolean;
  forbidden: string[];
}

/** An entry and the line of the file it starts on (1-based). */
export interface GlossaryFileRow {
  line: number;
  entry: GlossaryFileEntry;
}

/** Something wrong with one row or entry of a file: its line, the field and what. */
export interface GlossaryFileProblem {
  line: number;
  field?: string;
  message: string;
}

/** A file read as far as it could be: the rows it gave and the ones it could not read. */
export interface ParsedGlossaryFile {
  rows: GlossaryFileRow[];
  problems: GlossaryFileProblem[];
}

/** The glossary file formats. */
export const glossaryFormats = ['csv', 'tbx'] as const;
export type GlossaryFormat = (typeof glossaryFormats)[number];

/**
 * Limits on a glossary file: its size in bytes, the rows (CSV records or TBX entries) it may
 * hold and the characters of one CSV record. Files over them are refused whole, before or
 * while they are read, never partly imported.
 */
export const GLOSSARY_FILE_LIMITS = {
  maxBytes: 2 * 1_048_576,
  maxRows: 10_000,
  maxRecordChars: 16_384,
} as const;

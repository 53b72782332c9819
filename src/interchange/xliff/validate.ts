/**
 * Validation of an XLIFF 2.0 document: the OASIS core XSD (through xmllint-wasm) plus the core
 * constraints no schema expresses (checked by readXliff2). Errors are located.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { projectPath } from '../../config/paths.js';
import { XLIFF_LIMITS, readXliff2, type XliffError } from './xliff2.js';

/**
 * The schemas copied beside this file (xliff_core_2.0.xsd imports xml.xsd), found from the
 * project root so that the `dist/` bundle finds them too.
 */
export const BUNDLED_SCHEMA_DIR = projectPath('src', 'interchange', 'xliff', 'schemas');

export interface ValidateOptions {
  /**
   * A directory holding `xliff_core_2.0.xsd`; the file its `xs:import` names (relative to it) is
   * loaded too. Defaults to the bundled copy.
   */
  schemaDir?: string;
}

const CORE = 'xliff_core_2.0.xsd';

async function loadSchemas(dir: string) {
  const core = await readFile(path.join(dir, CORE), 'utf8');
  const imports = [...core.matchAll(/<xs:import\b[^>]*\bschemaLocation="([^"]+)"/g)].map(
    (match) => match[1]!,
  );
  const preload = await Promise.all(
    imports.map(async (location) => ({
      fileName: location,
      contents: await readFile(path.join(dir, location), 'utf8'),
    })),
  );
  return { core, preload };
}

/** The column of `<name` (any prefix) on a line, else 1. */
function columnOf(lines: string[], line: number, element: string): number {
  const text = lines[line - 1] ?? '';
  const match = new RegExp(`<(?:[\\w.-]+:)?${element.replace(/[^\w.-]/g, '')}[\\s/>]`).exec(text);
  return match === null ? 1 : match.index + 1;
}

/**
 * All problems of an XLIFF 2.0 document, sorted by position; an empty list means valid.
 * Malformed XML and refused constructs (DOCTYPE, size, depth) are reported by the reader alone.
 */
export async function validateXliff2(
  xml: string,
  options: ValidateOptions = {},
): Promise<XliffError[]> {
  const read = readXliff2(xml);
  const readerErrors = read.ok ? [] : read.errors;
  const fatal = readerErrors.some(
    (error) =>
      error.message.startsWith('Malformed XML') ||
      error.element === '!DOCTYPE' ||
      error.message.includes('larger than') ||
      error.message.includes('nested deeper'),
  );
  if (fatal || Buffer.byteLength(xml, 'utf8') > XLIFF_LIMITS.maxBytes) return readerErrors;

  const { core, preload } = await loadSchemas(options.schemaDir ?? BUNDLED_SCHEMA_DIR);
  const result = await validateXML({
    xml: [{ fileName: 'document.xlf', contents: xml }],
    schema: [{ fileName: CORE, contents: core }],
    preload,
  });
  const lines = xml.split('\n');
  const schemaErrors: XliffError[] = result.errors.map((error) => {
    const element = /Element '(?:\{[^}]*\})?([^']+)'/.exec(error.message)?.[1] ?? 'xliff';
    const line = error.loc?.lineNumber ?? 1;
    return {
      line,
      column: columnOf(lines, line, element),
      element,
      message: error.message.replace(/^Schemas validity error : /, ''),
    };
  });
  return [...readerErrors, ...schemaErrors].sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Reads an uploaded translation file, XLIFF 2.0, XLIFF 1.2 or PO (told apart by
 * translationFormatOf), validating XLIFF 2.0 against the core XSD and the constraints no schema
 * expresses; XLIFF 1.2 gets the reader's structural checks (no 1.2 XSD is bundled). Throws
 * ValidationError (field `file`) with the first 20 errors located ("line L, column C,
 * <element>: message"); nothing is read from an invalid file.
 */
import { ValidationError } from '../../domain/errors.js';
import { readPo } from './po.js';
import { validateXliff2 } from './validate.js';
import { readXliff12, XLIFF12_NS } from './xliff12.js';
import { readXliff2 } from './xliff2.js';
import type { Xliff2ImportDoc, XliffError } from './xliff2.js';

export function located(errors: XliffError[]) {
  return errors.slice(0, 20).map((e) => ({
    field: 'file',
    message: `line ${e.line}, column ${e.column}, <${e.element}>: ${e.message}`,
  }));
}

/**
 * Which reader a file goes to: PO by its name (`.po`, `.pot`) or when it does not start with
 * `<`; XLIFF 1.2 when the first `<xliff>` start tag says `version="1.2"` or declares the 1.2
 * namespace; XLIFF 2.0 otherwise (whose reader then explains what is wrong with the root).
 */
export function translationFormatOf(text: string, filename: string): 'po' | 'xliff12' | 'xliff2' {
  if (/\.pot?$/i.test(filename) || !text.trimStart().startsWith('<')) return 'po';
  const start = /<(?:[\w.-]+:)?xliff[\s/>]/.exec(text);
  if (start === null) return 'xliff2';
  const end = text.indexOf('>', start.index);
  const root = text.slice(start.index, end === -1 ? undefined : end);
  const version = /\sversion\s*=\s*(["'])(.*?)\1/.exec(root)?.[2];
  return version === '1.2' || root.includes(XLIFF12_NS) ? 'xliff12' : 'xliff2';
}

export async function parseTranslationFile(
  text: string,
  filename: string,
): Promise<Xliff2ImportDoc> {
  const format = translationFormatOf(text, filename);
  if (format === 'po') {
    const result = readPo(text);
    if (!result.ok) throw new ValidationError(located(result.errors));
    return result.doc;
  }
  if (format === 'xliff12') {
    const result = readXliff12(text);
    if (!result.ok) throw new ValidationError(located(result.errors));
    return result.doc;
  }
  const errors = await validateXliff2(text);
  if (errors.length > 0) throw new ValidationError(located(errors));
  const result = readXliff2(text);
  if (!result.ok) throw new ValidationError(located(result.errors));
  return result.doc;
}

/**
 * Reads an uploaded translation file, XLIFF 2.0 or PO (told by its name or its first
 * character), validating XLIFF 2.0 against the core XSD and the constraints no schema
 * expresses. Throws ValidationError (field `file`) with the first 20 errors located
 * ("line L, column C, <element>: message"); nothing is read from an invalid file.
 */
import { ValidationError } from '../../domain/errors.js';
import { readPo } from './po.js';
import { validateXliff2 } from './validate.js';
import { readXliff2 } from './xliff2.js';
import type { Xliff2ImportDoc, XliffError } from './xliff2.js';

export function located(errors: XliffError[]) {
  return errors.slice(0, 20).map((e) => ({
    field: 'file',
    message: `line ${e.line}, column ${e.column}, <${e.element}>: ${e.message}`,
  }));
}

export async function parseTranslationFile(
  text: string,
  filename: string,
): Promise<Xliff2ImportDoc> {
  const isPo = /\.pot?$/i.test(filename) || !text.trimStart().startsWith('<');
  if (isPo) {
    const result = readPo(text);
    if (!result.ok) throw new ValidationError(located(result.errors));
    return result.doc;
  }
  const errors = await validateXliff2(text);
  if (errors.length > 0) throw new ValidationError(located(errors));
  const result = readXliff2(text);
  if (!result.ok) throw new ValidationError(located(result.errors));
  return result.doc;
}

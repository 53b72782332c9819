/** Limits and decoding shared by the glossary readers. */
import { DomainError, ValidationError } from '../../domain/errors.js';
import { GLOSSARY_FILE_LIMITS } from '../../services/glossary/glossary-file.js';

/** The limits a reader applies (GLOSSARY_FILE_LIMITS unless a caller lowers them). */
export interface FileLimits {
  maxBytes: number;
  maxRows: number;
  maxRecordChars: number;
}

/** The limits with the defaults filled in. */
export function limitsOf(limits: Partial<FileLimits>): FileLimits {
  return { ...GLOSSARY_FILE_LIMITS, ...limits };
}

/** A megabyte figure for messages ("2 MB"). */
const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/**
 * The file as text: refused over `maxBytes` (payload_too_large) and when it is not UTF-8
 * (ValidationError on `file`); a byte-order mark is dropped.
 */
export function decodeUtf8(data: Uint8Array, maxBytes: number): string {
  if (data.byteLength > maxBytes)
    throw new DomainError(
      'payload_too_large',
      `A glossary file may be at most ${megabytes(maxBytes)}`,
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new ValidationError([{ field: 'file', message: 'the file is not UTF-8 text' }]);
  }
}

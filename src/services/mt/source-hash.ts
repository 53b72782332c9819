/** The key a machine-translation result is kept under: SHA-256 (hex) of the tagged source. */
import { createHash } from 'node:crypto';

/** SHA-256 of the exact tagged source, as lower-case hex. */
export function sourceHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

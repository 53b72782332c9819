/**
 * User names in any script. The key used for uniqueness and sign-in is NFKC-normalized and
 * case-folded, so "Ana", "ANA" and "Ａｎａ" are one name, while "Ана" (Cyrillic) is another.
 */
import type { FieldProblem } from './errors.js';

export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLocaleLowerCase('und');
}

const usernamePattern = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}._-]*$/u;

/** Problems with a proposed user name, naming the field. */
export function usernameProblems(username: string): FieldProblem[] {
  const name = username.normalize('NFC');
  const length = [...name].length;
  if (length < 2 || length > 40)
    return [{ field: 'username', message: 'User name must be 2 to 40 characters long' }];
  if (!usernamePattern.test(name)) {
    return [
      {
        field: 'username',
        message:
          'User name may contain letters and digits of any script, dots, hyphens and underscores, starting with a letter or digit',
      },
    ];
  }
  return [];
}

/** A valid IANA time zone per the runtime's ICU data. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

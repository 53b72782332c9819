/**
 * User names in any script. Two keys guard uniqueness:
 * - `usernameKey` (NFKC, lower case) is the name as typed at sign-in: "Ana", "ANA" and "Ａｎａ"
 *   are one name.
 * - `usernameSkeleton` is what the name looks like (the UTS #39 skeleton, case-insensitive):
 *   "аna" with a Cyrillic а, "bοris" with a Greek ο, or "rn" for "m" look like a name that
 *   exists and are refused as new names.
 * Names in any script stay welcome: "Јована", "محمد" and "田中" have skeletons of their own,
 * and "Ана" (Cyrillic, with a small н that looks like a small capital H) stays a different
 * name from the Latin "Ana" because it looks different. A Cyrillic "АНА" looks exactly like the
 * Latin "AHA", so the second of those two to arrive is refused. Mixed scripts are not refused as
 * such (UTS #39 restriction levels are not applied): only a look-alike of an existing name is.
 * What is compared is the name as typed (and shown): a new name that looks like another case
 * of an existing one while mixing scripts ("MΑRISOL" with a Greek capital alpha, beside
 * "marisol") is not caught, since it looks like "MARISOL", not like "marisol".
 */
import unhomoglyph from 'unhomoglyph';
import type { FieldProblem } from './errors.js';

/** The name as compared at sign-in and for "already taken": NFKC and lower case. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLocaleLowerCase('und');
}

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The UTS #39 skeleton (section 4): NFD, drop default-ignorable code points, map each code
 * point to its confusables.txt prototype (the `unhomoglyph` data), NFD again. Two strings with
 * the same skeleton look alike. Not for display: "m" becomes "rn".
 */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD').replace(DEFAULT_IGNORABLE, '')).normalize('NFD');
}

/**
 * The look-alike key of a user name: the skeleton of the lower-cased skeleton of its NFKC
 * form. Lower-casing between the two passes makes it case-insensitive the way sign-in is, so
 * Greek capitals "ΑΝΑ" collide with "Ana" although the Greek small ν looks like a v.
 */
export function usernameSkeleton(username: string): string {
  return skeleton(skeleton(username.normalize('NFKC')).toLocaleLowerCase('und'));
}

const usernamePattern = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}._-]*$/u;

/** Problems with a proposed user name, naming the field. */
export function usernameProblems(username: string): FieldProblem[] {
  const name = username.normalize('NFC');
  const length = [...name].length;
  if (length < 2 || length > 40)
    return [{ field: 'username', message: 'User name must be 2 to 40 characters long' }];
  const invisible = [...name].find((c) => /\p{Default_Ignorable_Code_Point}/u.test(c));
  if (invisible !== undefined) {
    const code = invisible.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
    return [
      {
        field: 'username',
        message: `User name may not contain invisible characters (U+${code} is one); type the name without it`,
      },
    ];
  }
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

/** The e-mail address as stored and compared: trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

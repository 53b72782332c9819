/**
 * Reading a column that holds one of a closed list of values (a status, a kind, a role).
 * Migration 0006 makes the database refuse anything else; a value outside the list can still
 * appear in a database edited by hand or written by a newer version, and then guessing (an
 * unknown status read as `draft`) would silently change what the site does. So it throws.
 */

/** A stored value the code does not know; names the column and the value. */
export class UnknownStoredValueError extends Error {
  constructor(
    readonly column: string,
    readonly value: string,
    readonly known: readonly string[],
  ) {
    super(
      `${column} holds "${value}", which this version does not know (expected one of: ${known.join(', ')}); ` +
        'the database was edited by hand or written by a newer version',
    );
    this.name = 'UnknownStoredValueError';
  }
}

/** `value` as one of `known`; throws UnknownStoredValueError naming `column` otherwise. */
export function storedValue<T extends string>(
  known: readonly T[],
  value: string,
  column: string,
): T {
  const found = known.find((item) => item === value);
  if (found === undefined) throw new UnknownStoredValueError(column, value, known);
  return found;
}

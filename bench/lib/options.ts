// Command-line numbers of the bench scripts: `--name N`, checked, with a default.

/** The value of `--name` as a number ≥ min (an integer when asked), or `fallback` when absent. */
export function numberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  { min = 1, integer = false }: { min?: number; integer?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || (integer && !Number.isInteger(parsed))) {
    throw new Error(
      `--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min} (got "${value}")`,
    );
  }
  return parsed;
}

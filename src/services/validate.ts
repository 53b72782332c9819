/**
 * zod → ValidationError, so every boundary reports problems by field name; and no text that
 * cannot be stored the same on every engine (NUL, unpaired surrogates) gets past a service,
 * whoever calls it (HTTP, the CLI, an import).
 */
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.js';
import { textProblems } from '../domain/text-input.js';

/**
 * Parses `input` with `schema`; throws ValidationError naming each field that is invalid or
 * holds a NUL or an unpaired surrogate (`title: contains a NUL character`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || 'input',
        message: issue.message,
      })),
    );
  }
  const data: z.output<S> = result.data;
  assertStorableText(data);
  return data;
}

/** Throws ValidationError naming every string inside `value` that is not storable text. */
export function assertStorableText(value: unknown, root = ''): void {
  const problems = textProblems(value, root);
  if (problems.length > 0) throw new ValidationError(problems);
}

/** zod → ValidationError, so every boundary reports problems by field name. */
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'input',
      message: issue.message,
    })),
  );
}

/**
 * Refuses text that cannot be stored the same on every engine — a NUL character (PostgreSQL
 * rejects it: a 500 without this) or an unpaired surrogate (stored as U+FFFD, so not what was
 * sent) — in the parsed body, query and route parameters of every request, before any
 * service runs: 422 `validation_failed` naming the field, as JSON for fetches and as the error
 * page (with the field listed) for forms. Multipart bodies are parsed by their route, which
 * checks its fields and file name the same way.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.js';
import { textProblems } from '../../domain/text-input.js';

/** Adds the check as a preValidation hook (after parsing, before CSRF and handlers). */
export function registerTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const problems = [
      ...textProblems(request.params),
      ...textProblems(request.query),
      // A text/plain body is a bare string: call it `body`.
      ...textProblems(request.body, typeof request.body === 'string' ? 'body' : ''),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
  });
}

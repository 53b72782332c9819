/**
 * Typed domain errors with stable codes. Services throw these; the HTTP layer maps each
 * code to a status once (src/http/plugins/errors.ts). They never carry HTTP statuses.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'stale_revision'
  | 'duplicate'
  | 'invalid_credentials'
  | 'rate_limited'
  | 'payload_too_large'
  /** Input within the size limit but over a nesting-depth or processing-time budget. */
  | 'too_complex'
  | 'unsupported_media_type'
  | 'invalid_transition';

/** One problem with one named field, e.g. `{ field: 'title', message: 'Title is required' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Input failed validation; `problems` name each field. */
export class ValidationError extends DomainError {
  constructor(problems: FieldProblem[]) {
    super(
      'validation_failed',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('forbidden', message);
    this.name = 'ForbiddenError';
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Please sign in first') {
    super('unauthenticated', message);
    this.name = 'UnauthenticatedError';
  }
}

/** Throws a ValidationError for one field. */
export function invalid(field: string, message: string): never {
  throw new ValidationError([{ field, message }]);
}

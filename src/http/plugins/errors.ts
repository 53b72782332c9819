/** Maps domain error codes to HTTP statuses, once, for the whole app. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import type { ErrorCode } from '../../domain/errors.js';
import { wantsHtml } from '../access.js';
import { renderPage } from '../render.js';
import { ErrorPage } from '../../views/pages/error.page.js';

export const statusOf: Record<ErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  stale_revision: 409,
  duplicate: 409,
  invalid_credentials: 401,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_transition: 409,
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | DomainError | Error, request, reply) => {
    let status = 500;
    let code = 'internal_error';
    let message = 'Something went wrong on our side. Nothing you saved was lost; please try again.';
    let problems: { field: string; message: string }[] = [];
    if (error instanceof DomainError) {
      status = statusOf[error.code];
      code = error.code;
      message = error.message;
      problems = error.problems;
    } else if (
      'statusCode' in error &&
      typeof error.statusCode === 'number' &&
      error.statusCode < 500
    ) {
      status = error.statusCode;
      code =
        'code' in error && typeof error.code === 'string'
          ? error.code.toLowerCase()
          : 'bad_request';
      message = friendly(code, error.message);
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    reply.code(status);
    if (wantsHtml(request) && !request.headers['content-type']?.includes('json')) {
      return renderPage(
        reply,
        ErrorPage({ user: request.user, status, message, problems, csrfToken: '' }),
      );
    }
    return { error: code, message, problems };
  });
}

function friendly(code: string, fallback: string): string {
  if (code === 'fst_csrf_missing_secret' || code.startsWith('fst_csrf')) {
    return 'This form has expired or did not come from this site (missing security token). Reload the page and try again.';
  }
  if (code === 'fst_req_file_too_large' || code === 'fst_files_limit')
    return 'The file is too large.';
  return fallback;
}

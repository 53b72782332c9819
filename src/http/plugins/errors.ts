/**
 * Maps domain error codes to HTTP statuses, once, for the whole app, and answers unknown
 * addresses. Pages speak the reader's interface language (request.t): the generic titles and
 * messages are translated; messages from services are shown as the service wrote them.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import type { ErrorCode } from '../../domain/errors.js';
import { languageAutonym } from '../../domain/language.js';
import { ErrorPage } from '../../views/pages/error.page.js';
import { wantsHtml } from '../access.js';
import { renderPage } from '../render.js';
import { interfaceLanguageOf, siteLanguagesOf } from './i18n.js';

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
  too_complex: 422,
  unsupported_media_type: 415,
  invalid_transition: 409,
};

interface Answer {
  status: number;
  code: string;
  message: string;
  problems: { field: string; message: string }[];
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | DomainError | Error, request, reply) => {
    const { t } = request;
    let answer: Answer = {
      status: 500,
      code: 'internal_error',
      message: t.t('errors.message.internal'),
      problems: [],
    };
    if (error instanceof DomainError) {
      answer = {
        status: statusOf[error.code],
        code: error.code,
        message: error.message,
        problems: error.problems,
      };
    } else if (
      'statusCode' in error &&
      typeof error.statusCode === 'number' &&
      error.statusCode < 500
    ) {
      const code =
        'code' in error && typeof error.code === 'string'
          ? error.code.toLowerCase()
          : 'bad_request';
      answer = {
        status: error.statusCode,
        code,
        message: friendly(request, code, error.message),
        problems: [],
      };
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return send(request, reply, answer);
  });

  // Unknown addresses get the same helpful page as a missing post.
  app.setNotFoundHandler(async (request, reply) =>
    send(request, reply, {
      status: 404,
      code: 'not_found',
      message: request.t.t('errors.notFound.message'),
      problems: [],
    }),
  );
}

/** Sends an error as a page (browsers) or as JSON `{ error, message, problems }` (fetches). */
function send(request: FastifyRequest, reply: FastifyReply, answer: Answer) {
  reply.code(answer.status);
  if (
    !wantsHtml(request) ||
    request.headers['content-type']?.includes('json') ||
    request.routeOptions.config.apiScope !== undefined
  ) {
    return reply.send({ error: answer.code, message: answer.message, problems: answer.problems });
  }
  const { t } = request;
  const language = interfaceLanguageOf(request);
  const site = siteLanguagesOf(request);
  const notFound = answer.status === 404;
  return renderPage(
    reply,
    ErrorPage({
      t,
      user: request.user,
      status: answer.status,
      // A 404 says what a reader can do, in their language, whatever was missing.
      message: notFound ? t.t('errors.notFound.message') : answer.message,
      problems: answer.problems,
      csrfToken: '',
      homeHref: site ? `/${language}/` : '/',
      otherLanguages:
        notFound && site
          ? site.languages
              .filter((tag) => tag !== language)
              .map((tag) => ({ tag, label: languageAutonym(tag), href: `/${tag}/` }))
          : [],
      searchAction: notFound && site ? `/${language}/search` : undefined,
    }),
  );
}

/** Fastify's own client errors, said plainly in the interface language. */
function friendly(request: FastifyRequest, code: string, fallback: string): string {
  if (code.startsWith('fst_csrf')) return request.t.t('errors.message.csrf');
  if (code === 'fst_req_file_too_large' || code === 'fst_files_limit')
    return request.t.t('errors.message.fileTooLarge');
  if (code === 'fst_err_ctp_body_too_large') {
    const limit = request.routeOptions.bodyLimit ?? 1_048_576;
    return request.t.t('errors.message.bodyTooLarge', {
      megabytes: Math.round((limit / 1_048_576) * 10) / 10,
    });
  }
  return fallback;
}

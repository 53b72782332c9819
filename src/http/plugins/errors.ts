/**
 * Maps domain error codes to HTTP statuses, once, for the whole app, and answers unknown
 * addresses. Pages speak the reader's interface language (request.t): the generic titles and
 * messages are translated; messages from services are shown as the service wrote them.
 *
 * Before a GET or HEAD answers 404 — no route matched, or a reader route found nothing (a
 * `/:lang/…` route meeting `/category/news/` or `/feed/`, a permalink route meeting an old
 * `/es/2024/03/05/hola-mundo/`) — the redirects recorded by an import are consulted: a stored
 * old address answers 301 to its local path (`redirectAnswer`). A route that finds its page
 * wins over a redirect.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { DomainError } from '../../domain/errors.js';
import type { ErrorCode } from '../../domain/errors.js';
import { languageAutonym } from '../../domain/language.js';
import type { ServiceDeps } from '../../services/deps.js';
import { findRedirect } from '../../services/reader/redirects.service.js';
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

/** What a 503 asks clients to wait before trying again while the database is unreachable. */
const RETRY_AFTER_SECONDS = 5;

/** How long a CDN or browser may keep a redirect from an old address. */
const REDIRECT_CACHE_CONTROL = 'public, max-age=86400';

/**
 * The local path a GET or HEAD for an old address should be sent to, or null: no redirect
 * stored, an API route, another method, or a failed lookup (logged: the 404 then goes out as
 * before). Redirects are public reads; no route writes them.
 */
export async function redirectFor(
  deps: Pick<ServiceDeps, 'store'>,
  request: FastifyRequest,
): Promise<string | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (request.routeOptions.config.apiScope !== undefined || request.url.startsWith('/api/'))
    return null;
  try {
    return await findRedirect(deps, request.url);
  } catch (err) {
    request.log.error({ err }, 'redirect lookup failed');
    return null;
  }
}

/** The permanent, cacheable answer for an old address (`target` checked by findRedirect). */
export function sendRedirect(reply: FastifyReply, target: string): FastifyReply {
  return reply.header('cache-control', REDIRECT_CACHE_CONTROL).redirect(target, 301);
}

export function registerErrorHandler(app: FastifyInstance, deps: Pick<ServiceDeps, 'store'>): void {
  app.setErrorHandler(async (error: FastifyError | DomainError | Error, request, reply) => {
    const { t } = request;
    if (error instanceof DomainError && error.code === 'not_found') {
      const target = await redirectFor(deps, request);
      if (target !== null) return sendRedirect(reply, target);
    }
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
    } else if (isDatabaseUnavailable(error)) {
      // A PostgreSQL restart or failover: nothing is wrong with the request; ask to retry.
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      answer = {
        status: 503,
        code: 'unavailable',
        message: t.t('errors.message.unavailable'),
        problems: [],
      };
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return send(request, reply, answer);
  });

  // Unknown addresses get the same helpful page as a missing post.
  app.setNotFoundHandler(async (request, reply) => {
    const target = await redirectFor(deps, request);
    if (target !== null) return sendRedirect(reply, target);
    return send(request, reply, {
      status: 404,
      code: 'not_found',
      message: request.t.t('errors.notFound.message'),
      problems: [],
    });
  });
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

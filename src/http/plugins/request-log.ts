/**
 * The request log never prints a secret: Fastify logs every request's URL, and some URLs carry
 * one — a password-reset token in the path (`/password/reset/:token`), a CSRF token or an
 * OAuth `code`/`state` in the query. This `req` serializer logs the same fields as Fastify's
 * own, with those values replaced by `[redacted]`.
 *
 * Every request has an id (`reqId` on each of its log lines), returned as `x-request-id`: the
 * one a proxy sent when it is short and plain, otherwise a new UUID, so a reader's report and
 * a proxy's log lead to the same lines.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** Query parameters and route parameters whose values are secrets. */
export const secretParameterNames: ReadonlySet<string> = new Set([
  '_csrf',
  'token',
  'code',
  'state',
  'password',
  'access_token',
  'id_token',
]);

const REDACTED = '[redacted]';

/** `url` with secret query values and secret route parameters replaced by `[redacted]`. */
export function redactUrl(url: string, params: unknown = {}): string {
  const mark = url.indexOf('?');
  let path = mark === -1 ? url : url.slice(0, mark);
  let query = mark === -1 ? '' : url.slice(mark + 1);
  if (typeof params === 'object' && params !== null) {
    const secrets = new Set(
      Object.entries(params).flatMap(([name, value]) =>
        secretParameterNames.has(name) && typeof value === 'string' && value !== '' ? [value] : [],
      ),
    );
    // Whole path segments only: a secret route parameter is one segment of the URL.
    if (secrets.size > 0)
      path = path
        .split('/')
        .map((segment) => (secrets.has(decoded(segment)) ? REDACTED : segment))
        .join('/');
  }
  if (query !== '') {
    // Piece by piece, so everything but the secret values stays exactly as it came.
    query = query
      .split('&')
      .map((piece) => {
        const equals = piece.indexOf('=');
        const rawName = equals === -1 ? piece : piece.slice(0, equals);
        return secretParameterNames.has(decoded(rawName.replace(/\+/g, ' ')))
          ? `${rawName}=${REDACTED}`
          : piece;
      })
      .join('&');
  }
  return mark === -1 ? path : `${path}?${query}`;
}

/** A name or path segment as the server reads it (`%5Fcsrf` and `_csrf` alike). */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Fastify's request serializer, with the URL redacted. */
export function redactedRequestSerializer(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url, request.params),
    version: request.headers['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}

/** The logger options with the redacting request serializer added (false stays false). */
export function withRedactedRequests(
  logger: FastifyServerOptions['logger'],
): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    serializers: { ...options.serializers, req: redactedRequestSerializer },
  };
}

/** The header a request id comes in (from a proxy) and goes back out in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming id is kept only when it is this: short, and nothing a log line could misread. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Fastify's `genReqId`: the incoming `x-request-id` when safe, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * How /api/v1 knows who calls: a personal access token in `Authorization: Bearer …`, never a
 * cookie (so a page on another site cannot make a signed-in browser call the API, and the API
 * needs no CSRF token). Every API route declares the scope it needs in `config.apiScope`; the
 * plugin refuses to register one without it. Refusals are JSON with a `WWW-Authenticate`
 * header (RFC 6750): 401 for a missing, unknown, revoked or expired token, 403 for a token
 * without the scope. Requests are limited per token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiScope } from '../../../services/api/scopes.js';
import { authenticateApiToken, tokenAllows } from '../../../services/api/tokens.service.js';
import type { TokenRefusal } from '../../../services/api/tokens.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { DomainError } from '../../../domain/errors.js';
import { limiter } from '../../rate-limits.js';

/** The scope a route needs; `none` for what anyone may read (the OpenAPI document). */
export type ApiRouteScope = ApiScope | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    apiScope?: ApiRouteScope;
  }
}

const refusals: Record<TokenRefusal, string> = {
  missing: 'This needs a personal access token: Authorization: Bearer <token>',
  invalid: 'This token is not valid',
  revoked: 'This token was revoked',
  expired: 'This token has expired',
};

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

async function refuse(
  reply: FastifyReply,
  status: 401 | 403,
  error: string,
  message: string,
  scope?: ApiScope,
): Promise<void> {
  const params = [`realm="polyphony"`];
  if (status === 401 && error !== 'missing_token') params.push(`error="invalid_token"`);
  if (status === 403) params.push(`error="insufficient_scope"`, `scope="${scope ?? ''}"`);
  await reply
    .code(status)
    .header('www-authenticate', `Bearer ${params.join(', ')}`)
    .header('cache-control', 'no-store')
    .send({ error, message, problems: [] });
}

/** Registers the token check and the per-token limit on the plugin the API routes live in. */
export function registerApiAuth(app: FastifyInstance, deps: ServiceDeps): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.apiScope === undefined)
      throw new Error(`API route ${route.url} has no token scope (config.apiScope)`);
  });
  const perToken = limiter(app, {
    max: app.requestLimits.apiPerToken,
    windowMs: 60_000,
    key: (request) => `api:${request.apiTokenId ?? 'none'}`,
  });
  app.decorateRequest('apiTokenId', null);
  app.addHook('onRequest', async (request, reply) => {
    // A session cookie never stands for the caller here.
    request.user = null;
    const scope = request.routeOptions.config.apiScope;
    if (scope === undefined || scope === 'none') return;
    const result = await authenticateApiToken(deps, bearer(request));
    if (!result.ok)
      return refuse(
        reply,
        401,
        result.reason === 'missing' ? 'missing_token' : `${result.reason}_token`,
        refusals[result.reason],
      );
    if (!tokenAllows(result.token, scope))
      return refuse(
        reply,
        403,
        'insufficient_scope',
        `This token lacks the "${scope}" scope`,
        scope,
      );
    request.user = result.user;
    request.apiTokenId = result.token.id;
    const limit = await perToken(request);
    if (limit.exceeded) {
      reply.header('retry-after', String(limit.retryAfterSeconds));
      throw new DomainError(
        'rate_limited',
        `Too many requests with this token; try again in ${limit.retryAfterSeconds} s`,
      );
    }
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token an API request was authenticated with (null elsewhere). */
    apiTokenId: string | null;
  }
}

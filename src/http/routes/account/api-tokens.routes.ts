/**
 * /account/tokens: a signed-in person makes, lists and revokes their personal access tokens
 * for /api/v1. A new token's secret is in the answer to the POST (never in a URL, never
 * cached) and nowhere else.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { hasRole } from '../../../domain/roles.js';
import { apiScopes } from '../../../services/api/scopes.js';
import {
  createApiToken,
  isLive,
  listApiTokens,
  revokeApiToken,
} from '../../../services/api/tokens.service.js';
import type { CreateApiTokenInput } from '../../../services/api/tokens.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { ApiTokensPage } from '../../../views/pages/api-tokens.page.js';
import type { ApiTokensPageProps } from '../../../views/pages/api-tokens.page.js';
import { fieldErrors } from '../../../views/view-types.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

export async function apiTokenRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Pick<ApiTokensPageProps, 'created' | 'typed' | 'problems' | 'notice'> = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const actor = request.actor();
    const now = deps.clock.now().toISOString();
    const tokens = await listApiTokens(deps, actor);
    reply.header('cache-control', 'private, no-store');
    return renderPage(
      reply,
      ApiTokensPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        tokens: tokens.map((token) => ({
          id: token.id,
          name: token.name,
          prefix: token.prefix,
          scopes: token.scopes,
          createdAt: token.createdAt,
          lastUsedAt: token.lastUsedAt,
          expiresAt: token.expiresAt,
          revokedAt: token.revokedAt,
          live: isLive(token, now),
        })),
        scopes: apiScopes.filter((s) => s !== 'translate' || hasRole(actor, 'translator')),
        ...extra,
        errors: extra.problems ? fieldErrors(extra.problems) : undefined,
      }),
    );
  }

  app.get<{ Querystring: { done?: unknown } }>(
    '/account/tokens',
    { config: { access: 'signed-in' } },
    (request, reply) =>
      page(
        request,
        reply,
        str(request.query.done) === 'revoked'
          ? { notice: request.t.t('apitokens.notice.revoked') }
          : {},
      ),
  );

  app.post('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const scopes = (Array.isArray(body.scopes) ? body.scopes : [body.scopes])
      .map(str)
      .filter((s) => s !== '');
    const typed = { name: str(body.name), scopes, expiresOn: str(body.expiresOn) };
    try {
      const { token, secret } = await createApiToken(deps, request.actor(), {
        name: typed.name,
        scopes: scopes as CreateApiTokenInput['scopes'],
        ...(typed.expiresOn !== '' ? { expiresOn: typed.expiresOn } : {}),
      });
      return await page(request, reply, { created: { name: token.name, secret } });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, { problems: error.problems, typed });
    }
  });

  app.post<{ Params: { tokenId: string } }>(
    '/account/tokens/:tokenId/revoke',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      await revokeApiToken(deps, request.actor(), request.params.tokenId);
      return reply.redirect('/account/tokens?done=revoked', 303);
    },
  );
}

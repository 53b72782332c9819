/** Reads the session cookie and puts the signed-in user (or null) on the request. */
import type {} from '@fastify/cookie';
import fp from 'fastify-plugin';
import { UnauthenticatedError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import { userForSession } from '../../services/auth/auth.service.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { UserRecord } from '../../services/repositories.js';

export const SESSION_COOKIE = 'pp_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: the route never reads the session (health probes answer without the database). */
    session?: false;
  }
  interface FastifyRequest {
    user: UserRecord | null;
    /** The signed-in user as policies see them; throws UnauthenticatedError when signed out. */
    actor(): Actor;
  }
}

export const sessionPlugin = fp<{ deps: ServiceDeps }>((app, { deps }, done) => {
  app.decorateRequest('user', null);
  app.decorateRequest('actor', function actor(this: { user: UserRecord | null }): Actor {
    if (!this.user) throw new UnauthenticatedError();
    return { id: this.user.id, roles: this.user.roles };
  });
  app.addHook('onRequest', async (request) => {
    // /api/v1 knows its callers by their token alone (api-auth.ts): a cookie there is ignored.
    if ('apiScope' in request.routeOptions.config) return;
    if (request.routeOptions.config.session === false) return;
    request.user = await userForSession(deps, request.cookies[SESSION_COOKIE]);
  });
  done();
});

/**
 * Every route declares who may call it in `config.access`; a global hook enforces it and
 * buildApp refuses to register a route without one. Finer rules (is this user an author of
 * this post?) are the services' job.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../domain/roles.js';
import type { Role } from '../domain/roles.js';

export type Access = 'public' | 'signed-in' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** onRequest hook: 401 (or redirect to sign-in for pages) when signed out, 403 when lacking the role. */
export async function enforceAccess(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const access = request.routeOptions.config.access;
  if (access === undefined) {
    // Routes without a rule never get here (see buildApp), except Fastify's own 404 handler.
    return;
  }
  if (access === 'public') return;
  const user = request.user;
  if (!user) {
    if (request.method === 'GET' && wantsHtml(request)) {
      await reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303);
      return;
    }
    await reply.code(401).send({ error: 'unauthenticated', message: 'Please sign in first' });
    return;
  }
  if (access === 'signed-in') return;
  if (!hasRole({ id: user.id, roles: user.roles }, access)) {
    await reply.code(403).send({ error: 'forbidden', message: `This needs the ${access} role` });
  }
}

export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

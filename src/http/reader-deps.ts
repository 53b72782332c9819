/**
 * Which database a request reads: with a read replica (DATABASE_READ_URL, `deps.readStore`),
 * a signed-out GET or HEAD reads the replica; a signed-in reader, and everything that writes,
 * reads the primary, so nobody misses their own save. Used by the reader-side routes (pages,
 * archives, feeds, sitemap, search, statistics); the session lookup itself reads the primary.
 */
import type { FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../services/deps.js';

const replicas = new WeakMap<ServiceDeps, ServiceDeps>();

export function readerDeps(deps: ServiceDeps, request: FastifyRequest): ServiceDeps {
  const { readStore } = deps;
  if (!readStore || request.user || (request.method !== 'GET' && request.method !== 'HEAD'))
    return deps;
  let replica = replicas.get(deps);
  if (!replica) {
    replica = { ...deps, store: readStore };
    replicas.set(deps, replica);
  }
  return replica;
}

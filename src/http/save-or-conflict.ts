/**
 * Saving a target from a route: the saved result as `present` shapes it, or, when the
 * target moved on since the client read it, 409 with both texts as `presentConflict` shapes them.
 */
import type { FastifyReply } from 'fastify';
import type { Actor } from '../domain/roles.js';
import type { ServiceDeps } from '../services/deps.js';
import { saveTarget, TargetConflictError } from '../services/translation/save-target.service.js';
import type {
  SaveTargetInput,
  SaveTargetResult,
} from '../services/translation/save-target.service.js';

export async function saveOrConflict<T>(
  deps: ServiceDeps,
  actor: Actor,
  input: SaveTargetInput,
  reply: FastifyReply,
  present: (result: SaveTargetResult) => T,
  presentConflict: (error: TargetConflictError) => unknown,
): Promise<T | FastifyReply> {
  try {
    return present(await saveTarget(deps, actor, input));
  } catch (error) {
    if (!(error instanceof TargetConflictError)) throw error;
    return reply.code(409).send(presentConflict(error));
  }
}

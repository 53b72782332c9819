/**
 * Quality warnings in the editor: dismissing one with a reason. The translator role is the
 * door; the service decides the rest (the translator who saved the text, or a reviewer). The
 * CSRF token travels in the x-csrf-token header like every editor write.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dismissPostFinding } from '../../../services/checks/dismiss-finding.service.js';
import type { StoredFinding } from '../../../services/checks/stored-finding.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { parseInput } from '../../../services/validate.js';
import type { Translator } from '../../../i18n/translator.js';

type DismissParams = {
  Params: { postId: string; lang: string; unitId: string; findingId: string };
};

/** The reason is checked by the service (required, ≤ 500 characters), which names the field. */
const dismissBody = z.object({ reason: z.string().max(10_000).default('') });

/**
 * A finding for the editor: its message in the interface language (the stored English one
 * when this version no longer knows the check), and who dismissed it and why.
 */
export function presentFinding(finding: StoredFinding, t: Translator) {
  let message = finding.message;
  try {
    message = t.t(finding.key, finding.params);
  } catch {
    // An unknown key: a check a later version dropped; its English message still says it.
  }
  return {
    id: finding.id,
    check: finding.check,
    message,
    dismissed: finding.dismissed
      ? {
          by: finding.dismissed.byName ?? '',
          at: finding.dismissed.at,
          reason: finding.dismissed.reason,
        }
      : null,
  };
}

export async function findingRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.post<DismissParams>(
    '/api/translate/:postId/:lang/units/:unitId/findings/:findingId/dismiss',
    { config: { access: 'translator' } },
    async (request) => {
      const body = parseInput(dismissBody, request.body ?? {});
      const finding = await dismissPostFinding(deps, request.actor(), {
        postId: request.params.postId,
        language: request.params.lang,
        unitId: request.params.unitId,
        findingId: request.params.findingId,
        reason: body.reason,
      });
      return { finding: presentFinding(finding, request.t) };
    },
  );
}

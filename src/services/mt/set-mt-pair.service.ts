/**
 * An administrator turns machine translation on for one language pair (choosing the engine) or
 * off again. Off is the default for every pair.
 */
import { z } from 'zod';
import { ForbiddenError, invalid } from '../../domain/errors.js';
import { requireLanguageTag } from '../../domain/language.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { isMtEngine, MtEngineError, mtEngines } from '../ports/mt.js';
import { recordAudit } from '../admin/audit.service.js';
import { parseInput } from '../validate.js';

const inputSchema = z.object({
  sourceLanguage: z.string().trim().min(1, 'Choose the source language'),
  targetLanguage: z.string().trim().min(1, 'Choose the target language'),
  /** An engine name, or '' to turn machine translation off for the pair. */
  engine: z
    .string()
    .trim()
    .refine((v) => v === '' || isMtEngine(v), `Engine must be one of: ${mtEngines.join(', ')}`),
});

/** The form's fields. */
export type SetMtPairInput = z.input<typeof inputSchema>;

/**
 * Enables the pair with the engine (checking that the engine is configured and offers the
 * pair), or disables it when `engine` is ''. Returns whether it is now enabled.
 * @throws ForbiddenError unless the actor is an administrator; ValidationError naming the
 *   field for a bad tag, the same language twice, an unknown, unconfigured or unreachable
 *   engine, or an engine that does not offer the pair.
 */
export async function setMtPair(
  deps: ServiceDeps,
  actor: Actor,
  raw: SetMtPairInput,
): Promise<boolean> {
  if (!hasRole(actor, 'admin'))
    throw new ForbiddenError('Only administrators can manage machine translation');
  const input = parseInput(inputSchema, raw);
  const from = requireLanguageTag(input.sourceLanguage, 'sourceLanguage');
  const to = requireLanguageTag(input.targetLanguage, 'targetLanguage');
  if (from === to) invalid('targetLanguage', 'The target language must differ from the source');
  const subject = { kind: 'mt_pair', id: `${from}|${to}`, label: `${from} → ${to}` };
  if (input.engine === '') {
    await deps.store.transaction(async (store) => {
      await store.mt.deletePair(from, to);
      await recordAudit(deps, store, actor, { action: 'mt.disable', subject });
    });
    return false;
  }
  const provider = deps.mt.provider(input.engine);
  if (!provider) invalid('engine', `${input.engine} is not configured on this server`);
  let supported: boolean;
  try {
    supported = await provider.supports(from, to, AbortSignal.timeout(deps.mt.limits.timeoutMs));
  } catch (error) {
    if (!(error instanceof MtEngineError)) throw error;
    invalid('engine', `${provider.label} did not answer (${error.detail}); try again later`);
  }
  if (!supported) invalid('engine', `${provider.label} does not offer ${from} → ${to}`);
  await deps.store.transaction(async (store) => {
    await store.mt.savePair({
      sourceLanguage: from,
      targetLanguage: to,
      engine: provider.name,
      enabledBy: actor.id,
      enabledAt: deps.clock.now().toISOString(),
    });
    await recordAudit(deps, store, actor, {
      action: 'mt.enable',
      subject,
      details: { engine: provider.name },
    });
  });
  return true;
}

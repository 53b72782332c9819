/**
 * Whether machine translation is available for a pair right now, without translating
 * anything: for the editor to show "MT by Apertium", "MT is paused until …" or nothing.
 */
import { requireLanguageTag } from '../../domain/language.js';
import type { ServiceDeps } from '../deps.js';
import { statusOf } from './status.js';
import type { MtStatus } from './status.js';

/**
 * The pair's status: disabled (not enabled, or its engine is not configured), ready or paused.
 * @throws ValidationError naming `sourceLanguage` or `targetLanguage` for a bad tag.
 */
export async function machineStatus(
  deps: ServiceDeps,
  input: { sourceLanguage: string; targetLanguage: string },
): Promise<MtStatus> {
  const from = requireLanguageTag(input.sourceLanguage, 'sourceLanguage');
  const to = requireLanguageTag(input.targetLanguage, 'targetLanguage');
  const pair = await deps.store.mt.findPair(from, to);
  const provider = pair ? deps.mt.provider(pair.engine) : undefined;
  if (!provider) return { state: 'disabled' };
  return statusOf(provider, deps.mt.breaker.state(provider.name, deps.clock.now()));
}

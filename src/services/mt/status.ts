/**
 * What the editor is told about machine translation for a pair: off, ready (with which
 * engine), paused by the circuit breaker (why, and until when) or failed just now.
 */
import type { MtFailureCause, MtProvider } from '../ports/mt.js';
import type { BreakerState } from './circuit-breaker.js';

/** Machine translation for one language pair, as the editor shows it. */
export type MtStatus =
  /** Not enabled for the pair (the default), or its engine is not configured here. */
  | { state: 'disabled' }
  | { state: 'ready'; engine: string; label: string }
  /** The engine kept failing: no request goes to it until `until` (ISO 8601). */
  | {
      state: 'paused';
      engine: string;
      label: string;
      until: string;
      cause: MtFailureCause;
      reason: string;
    }
  /** This request's call failed (not yet enough failures in a row to pause the engine). */
  | { state: 'failed'; engine: string; label: string; cause: MtFailureCause; reason: string };

/** The status of `provider` from its breaker's state. */
export function statusOf(provider: MtProvider, breaker: BreakerState): MtStatus {
  if (breaker.state === 'closed')
    return { state: 'ready', engine: provider.name, label: provider.label };
  return {
    state: 'paused',
    engine: provider.name,
    label: provider.label,
    until: breaker.until.toISOString(),
    cause: breaker.cause,
    reason: `${provider.label} failed ${breaker.failures} times in a row (the last time: ${breaker.detail}); it is paused until ${breaker.until.toISOString()}`,
  };
}

/** The status after one failed call that did not pause the engine. */
export function failedStatus(
  provider: MtProvider,
  cause: MtFailureCause,
  detail: string,
): MtStatus {
  return {
    state: 'failed',
    engine: provider.name,
    label: provider.label,
    cause,
    reason: `${provider.label} failed: ${detail}`,
  };
}

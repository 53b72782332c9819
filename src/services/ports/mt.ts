/**
 * Machine translation as services see it: a provider translates tagged units between two
 * BCP 47 languages. Adapters (src/integrations/mt: Apertium APy, LibreTranslate, MinT) speak
 * each engine's HTTP API; the services own caching, the circuit breaker and code placement.
 */
import type { CodeInfo } from '../../domain/units/types.js';

/** The engines Polyphony has adapters for (stored in `mt_pairs.engine`; migration 0010 checks it). */
export const mtEngines = ['apertium', 'libretranslate', 'mint'] as const;

/** One of `mtEngines`. */
export type MtEngine = (typeof mtEngines)[number];

/** True for a known engine name. */
export function isMtEngine(value: string): value is MtEngine {
  return (mtEngines as readonly string[]).includes(value);
}

/** One unit to translate: its tagged text and what each inline code stands for. */
export interface MtUnit {
  id: string;
  /** Tagged string (`Join <pc id="1">the session</pc> at <ph id="2"/>`). */
  text: string;
  codes: Record<string, CodeInfo>;
}

/**
 * One translated unit as the engine gave it back, turned into a tagged string: text escaped,
 * the codes the engine kept written back by id. Codes may be missing, doubled or misnested —
 * the service checks them (and falls back to plain text) before anyone sees the result.
 */
export interface MtOutput {
  id: string;
  text: string;
}

/** Why a call to an engine failed. */
export type MtFailureCause =
  /** No answer within the time limit. */
  | 'timeout'
  /** The engine could not be reached (connection refused, reset, DNS). */
  | 'network'
  /** The engine answered 5xx, or something that is not its API (bad JSON, wrong shape). */
  | 'server_error'
  /** The engine asked us to slow down (429). */
  | 'rate_limited'
  /** The engine refused this request (4xx: unsupported pair, text too long, bad API key). */
  | 'rejected';

/** The failures that say the engine is unwell (they count towards pausing it). */
export const mtOutageCauses: readonly MtFailureCause[] = [
  'timeout',
  'network',
  'server_error',
  'rate_limited',
];

/**
 * A call to an engine that failed. `detail` is safe to show an administrator: it never holds
 * an API key or the text that was sent.
 */
export class MtEngineError extends Error {
  constructor(
    readonly failure: MtFailureCause,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(detail);
    this.name = 'MtEngineError';
  }
}

/** An engine behind its HTTP API. Every method honours `signal` (time limit, cancellation). */
export interface MtProvider {
  /** Stable name, used in `mt:<engine>` provenance and in the settings table. */
  readonly name: MtEngine;
  /** Human name ("Apertium"). */
  readonly label: string;
  /** Where it runs, for the administrator (origin only: never a path with a key). */
  readonly origin: string;
  /**
   * Whether the engine can translate `from` → `to` (BCP 47), from its own list of pairs (read
   * once and kept for a while).
   * @throws MtEngineError when the list cannot be read.
   */
  supports(from: string, to: string, signal: AbortSignal): Promise<boolean>;
  /**
   * Translates the units (at most the registry's batch limits; the service splits larger
   * requests). The answer has one output per unit, in any order.
   * @throws MtEngineError on any failure (the whole call fails; nothing partial).
   */
  translate(units: MtUnit[], from: string, to: string, signal: AbortSignal): Promise<MtOutput[]>;
}

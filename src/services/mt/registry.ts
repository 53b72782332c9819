/**
 * The machine-translation engines this process can use (built by the composition root from
 * the environment: MT_APERTIUM_URL, MT_LIBRETRANSLATE_URL + MT_LIBRETRANSLATE_KEY,
 * MT_MINT_URL), with their circuit breakers and the limits every request obeys.
 */
import type { MtEngine, MtProvider } from '../ports/mt.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { BreakerPolicy } from './circuit-breaker.js';

/** Limits on what one request for suggestions may ask and send. */
export interface MtLimits {
  /** Units in one request for suggestions (more is a validation error). */
  maxUnits: number;
  /** Characters of one unit's tagged source; a longer unit gets no suggestion (`too_long`). */
  maxUnitChars: number;
  /** Characters sent to an engine in one call; more units are sent in several calls. */
  maxCallChars: number;
  /** Time one call to an engine may take, in milliseconds (then it counts as a timeout). */
  timeoutMs: number;
}

export const DEFAULT_MT_LIMITS: MtLimits = {
  maxUnits: 50,
  maxUnitChars: 5_000,
  maxCallChars: 20_000,
  timeoutMs: 8_000,
};

/** The configured engines of one process. */
export interface MtRegistry {
  /** The engine called `name`, when it is configured. */
  provider(name: string): MtProvider | undefined;
  /** Every configured engine, in a stable order. */
  providers(): MtProvider[];
  readonly breaker: CircuitBreaker;
  readonly limits: MtLimits;
}

/** A registry over these providers (none: machine translation cannot be enabled). */
export function createMtRegistry(
  providers: readonly MtProvider[],
  options: { limits?: Partial<MtLimits>; breaker?: BreakerPolicy } = {},
): MtRegistry {
  const byName = new Map<MtEngine, MtProvider>(providers.map((p) => [p.name, p]));
  const breaker = new CircuitBreaker(options.breaker);
  const limits = { ...DEFAULT_MT_LIMITS, ...options.limits };
  return {
    provider: (name) => [...byName.values()].find((p) => p.name === name),
    providers: () => [...byName.values()],
    breaker,
    limits,
  };
}

/**
 * A circuit breaker per engine: an engine that fails (timeout, network, 5xx, 429) three times
 * in a row is paused — no request goes to it — for five minutes, then ten, twenty… (at most
 * an hour) each time it trips again. When a pause ends, requests go through again; the first
 * result decides: a success closes the breaker (counts start over), a failure pauses it again
 * for the next, longer period. A refusal of one request (4xx: unsupported pair, text too long)
 * says nothing about the engine's health and is not counted.
 *
 * State lives in memory, per process. That is enough: the point is to stop one instance
 * hammering (and waiting on) a dead engine, and each instance learns that on its own after
 * three failures; a restart forgets, costing at most three more failed calls. A shared store
 * would add a write per failure and cross-instance coordination for a signal this cheap to
 * learn again. Time comes from the caller (the service's clock), so tests can move it.
 */
import type { MtFailureCause } from '../ports/mt.js';
import { mtOutageCauses } from '../ports/mt.js';

/** How the breaker behaves. */
export interface BreakerPolicy {
  /** Failures in a row that pause an engine (default 3). */
  threshold: number;
  /** The first pause (default five minutes); each further trip doubles it. */
  pauseMs: number;
  /** The longest pause (default an hour). */
  maxPauseMs: number;
}

export const DEFAULT_BREAKER_POLICY: BreakerPolicy = {
  threshold: 3,
  pauseMs: 5 * 60_000,
  maxPauseMs: 60 * 60_000,
};

/** What the breaker says about an engine now. */
export type BreakerState =
  | { state: 'closed' }
  | {
      state: 'open';
      until: Date;
      failures: number;
      cause: MtFailureCause;
      detail: string;
    };

interface EngineState {
  failures: number;
  trips: number;
  until: Date | null;
  cause: MtFailureCause;
  detail: string;
}

/** The breakers of every engine in one process. */
export class CircuitBreaker {
  private readonly engines = new Map<string, EngineState>();

  constructor(private readonly policy: BreakerPolicy = DEFAULT_BREAKER_POLICY) {}

  /** Open (paused) until a moment, or closed (requests may go). */
  state(engine: string, now: Date): BreakerState {
    const s = this.engines.get(engine);
    if (!s?.until || now >= s.until) return { state: 'closed' };
    return {
      state: 'open',
      until: s.until,
      failures: s.failures,
      cause: s.cause,
      detail: s.detail,
    };
  }

  /** A call to `engine` succeeded: counts start over. */
  succeeded(engine: string): void {
    this.engines.delete(engine);
  }

  /**
   * A call to `engine` failed. Outages count; a pause that has ended and fails again pauses
   * at once for longer. Returns the state after it.
   */
  failed(engine: string, cause: MtFailureCause, detail: string, now: Date): BreakerState {
    if (!mtOutageCauses.includes(cause)) return this.state(engine, now);
    const s = this.engines.get(engine) ?? {
      failures: 0,
      trips: 0,
      until: null,
      cause,
      detail,
    };
    // A call that started before the pause and ended during it changes nothing.
    if (s.until !== null && now < s.until) return this.state(engine, now);
    const trial = s.until !== null; // the pause had ended, and the first call after it failed
    s.failures += 1;
    s.cause = cause;
    s.detail = detail;
    if (trial || s.failures >= this.policy.threshold) {
      const pause = Math.min(this.policy.pauseMs * 2 ** s.trips, this.policy.maxPauseMs);
      s.trips += 1;
      s.until = new Date(now.getTime() + pause);
    }
    this.engines.set(engine, s);
    return this.state(engine, now);
  }
}

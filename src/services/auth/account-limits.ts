/**
 * Limits that hold per account (or per e-mail address) whatever the client's network address:
 * failed sign-ins against one account, reset e-mails asked for one address, sign-up attempts
 * with one address. Counted in the database (fixed windows in `rate_counters`), so they hold
 * across restarts and across several app instances. The per-address limits are the HTTP
 * layer's (src/http/rate-limits.ts).
 */
import { DomainError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { DEFAULT_ACCOUNT_LIMITS } from './limits.js';
import type { AccountLimits, Limit } from './limits.js';

/** Which limit an AccountLimitError is about. */
export type LimitedAction = keyof AccountLimits;

/** An account-level limit is reached; `retryAfterSeconds` says when the window ends. */
export class AccountLimitError extends DomainError {
  constructor(
    readonly action: LimitedAction,
    readonly retryAfterSeconds: number,
  ) {
    super(
      'rate_limited',
      `Too many attempts (${action}); try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
    );
    this.name = 'AccountLimitError';
  }
}

function limitOf(deps: ServiceDeps, action: LimitedAction): Limit {
  return deps.settings.accountLimits?.[action] ?? DEFAULT_ACCOUNT_LIMITS[action];
}

/**
 * Counts one attempt of `action` for `key`; throws AccountLimitError when it is over the
 * limit (the attempt is refused, whatever it carries). Counting first and checking after is
 * what makes simultaneous attempts unable to slip past the limit together.
 */
export async function countAttempt(
  deps: ServiceDeps,
  action: LimitedAction,
  key: string,
): Promise<void> {
  const limit = limitOf(deps, action);
  const now = deps.clock.now();
  const windowMs = limit.windowSeconds * 1000;
  const { count, windowStart } = await deps.store.sessions.countHit(
    { scope: action, key },
    now.toISOString(),
    new Date(now.getTime() - windowMs).toISOString(),
  );
  if (count <= limit.max) return;
  const endsAt = Date.parse(windowStart) + windowMs;
  throw new AccountLimitError(action, Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
}

/** Forgets the attempts of `action` for `key` (a successful sign-in ends its failures). */
export async function clearAttempts(
  deps: ServiceDeps,
  action: LimitedAction,
  key: string,
): Promise<void> {
  await deps.store.sessions.clearCounter({ scope: action, key });
}

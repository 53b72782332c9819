/**
 * Request limits per client address and per signed-in account, counted in memory by
 * @fastify/rate-limit (`app.createRateLimit`, fixed windows). The address is `request.ip`,
 * which is the socket's peer unless TRUST_PROXY says which proxies may name the client in
 * X-Forwarded-For (off by default: a client can then not pick its own address). IPv6 addresses
 * count per /64, as the plugin does by default.
 *
 * In memory is enough here: these limits shield one process from floods, and several instances
 * each enforcing them only multiplies a generous limit. The limits that must hold per account
 * whatever the address (failed sign-ins, reset e-mails, sign-ups per e-mail) are counted in the
 * database by the services (src/services/auth/account-limits.ts).
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { DomainError } from '../domain/errors.js';

/** How many requests each limit allows; `Infinity` turns one off (benchmarks). */
export interface RequestLimits {
  /** Sign-in attempts per address per minute. */
  signInPerAddress: number;
  /** Sign-up attempts per address per hour. */
  signUpPerAddress: number;
  /** Reset e-mails asked for, per address per 15 minutes. */
  resetRequestsPerAddress: number;
  /** New passwords set with a reset link, per address per 15 minutes. */
  resetsPerAddress: number;
  /** Translation saves per account per minute (autosave fires often: generous). */
  savesPerAccount: number;
  /** Translation saves per address per minute (a room of volunteers may share one address). */
  savesPerAddress: number;
  /** REST API requests per token per minute (src/http/routes/api). */
  apiPerToken: number;
}

/** The limits buildApp uses unless told otherwise. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  signInPerAddress: 10,
  signUpPerAddress: 20,
  resetRequestsPerAddress: 5,
  resetsPerAddress: 10,
  savesPerAccount: 120,
  savesPerAddress: 600,
  apiPerToken: 300,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The request limits in force (set by buildApp). */
    requestLimits: RequestLimits;
  }
}

/**
 * A TRUST_PROXY value in the form Fastify's types take: a hop count `n` becomes "trust the
 * nearest n hops" (what Fastify itself does with a number).
 */
export function fastifyTrustProxy(
  value: boolean | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value;
  return (_address, hop) => hop < value;
}

/** Counts one request; says whether it is over the limit and for how long it stays so. */
export type Limiter = (
  request: FastifyRequest,
) => Promise<{ exceeded: false } | { exceeded: true; retryAfterSeconds: number }>;

/** The client's address as limits count it (IPv4-mapped IPv6 as IPv4, IPv6 per /64). */
export function addressOf(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

/** A limiter of `max` requests per `windowMs` for each key; its own counters. */
export function limiter(
  app: FastifyInstance,
  options: { max: number; windowMs: number; key: (request: FastifyRequest) => string },
): Limiter {
  if (!Number.isFinite(options.max)) return () => Promise.resolve({ exceeded: false });
  const check = app.createRateLimit({
    max: options.max,
    timeWindow: options.windowMs,
    keyGenerator: options.key,
  });
  return async (request) => {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return { exceeded: false };
    return { exceeded: true, retryAfterSeconds: Math.max(1, result.ttlInSeconds) };
  };
}

/** Counts the request on every limiter; the longest wait among those exceeded, or null. */
export async function longestWait(
  request: FastifyRequest,
  limiters: readonly Limiter[],
): Promise<number | null> {
  let wait: number | null = null;
  for (const limit of limiters) {
    const result = await limit(request);
    if (result.exceeded) wait = Math.max(wait ?? 0, result.retryAfterSeconds);
  }
  return wait;
}

/**
 * preHandler for the translation save route: per account and per address, per minute. Over
 * either: 429 `rate_limited` with a Retry-After header and a message in the reader's language.
 */
export function saveRateLimit(app: FastifyInstance): preHandlerAsyncHookHandler {
  const limits = app.requestLimits;
  const perAccount = limiter(app, {
    max: limits.savesPerAccount,
    windowMs: 60_000,
    key: (request) => `account:${request.user?.id ?? addressOf(request)}`,
  });
  const perAddress = limiter(app, {
    max: limits.savesPerAddress,
    windowMs: 60_000,
    key: addressOf,
  });
  return async (request, reply) => {
    const wait = await longestWait(request, [perAccount, perAddress]);
    if (wait === null) return;
    reply.header('retry-after', String(wait));
    throw new DomainError(
      'rate_limited',
      request.t.t('auth.error.tooManySaves', { seconds: wait }),
    );
  };
}

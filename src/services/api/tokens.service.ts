/**
 * Personal access tokens for the REST API: created with a secret shown once (`pp_` and 32
 * random bytes in base64url; only its SHA-256 is stored), listed and revoked by their owner
 * (an administrator may revoke anyone's), and turned back into a person on each API request.
 * A token is refused when revoked, expired, or when its person is suspended; it records when
 * it was last used, at most once a minute.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { ApiTokenRecord, UserRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import { apiScopes } from './scopes.js';
import type { ApiScope } from './scopes.js';

/** Characters of the secret kept for display (`pp_` and the first seven of the random part). */
export const TOKEN_PREFIX_LENGTH = 10;
/** Tokens one person may hold that are neither revoked nor expired. */
export const MAX_LIVE_TOKENS = 50;
/** last_used_at is written at most this often per token. */
export const TOUCH_INTERVAL_MS = 60_000;

const SECRET_SHAPE = /^pp_[A-Za-z0-9_-]{43}$/;

const createInput = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(100, 'At most 100 characters'),
  scopes: z.array(z.enum(apiScopes)).min(1, 'Choose at least one scope').max(apiScopes.length),
  /** A calendar day (UTC): the token stops working when that day begins. */
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31')
    .optional(),
});

export type CreateApiTokenInput = z.input<typeof createInput>;

/** The SHA-256 (hex) a secret is stored and found under. */
export function apiTokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Creates a token for `actor`; the secret is in the answer and nowhere else. Throws
 * ValidationError on `name`, `scopes` (a scope beyond the person's roles, or too many live
 * tokens) or `expiresOn` (not a date, or not in the future).
 */
export async function createApiToken(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateApiTokenInput,
): Promise<{ token: ApiTokenRecord; secret: string }> {
  const parsed = parseInput(createInput, input);
  const now = deps.clock.now();
  const scopes = apiScopes.filter((s) => parsed.scopes.includes(s));
  if (scopes.includes('translate') && !hasRole(actor, 'translator'))
    throw new ValidationError([
      { field: 'scopes', message: 'The translate scope needs the translator role' },
    ]);
  let expiresAt: string | null = null;
  if (parsed.expiresOn !== undefined) {
    const day = new Date(`${parsed.expiresOn}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== parsed.expiresOn)
      throw new ValidationError([{ field: 'expiresOn', message: 'This is not a date' }]);
    if (day.getTime() <= now.getTime())
      throw new ValidationError([{ field: 'expiresOn', message: 'Choose a day in the future' }]);
    expiresAt = day.toISOString();
  }
  const live = (await deps.store.apiTokens.listForUser(actor.id)).filter((t) =>
    isLive(t, now.toISOString()),
  );
  if (live.length >= MAX_LIVE_TOKENS)
    throw new ValidationError([
      { field: 'name', message: `At most ${MAX_LIVE_TOKENS} tokens; revoke one first` },
    ]);
  const secret = `pp_${randomBytes(32).toString('base64url')}`;
  const token: ApiTokenRecord = {
    id: deps.newId(),
    userId: actor.id,
    name: parsed.name,
    tokenHash: apiTokenHash(secret),
    prefix: secret.slice(0, TOKEN_PREFIX_LENGTH),
    scopes,
    createdAt: now.toISOString(),
    lastUsedAt: null,
    expiresAt,
    revokedAt: null,
  };
  await deps.store.apiTokens.insert(token);
  return { token, secret };
}

/** The actor's own tokens, newest first (revoked and expired ones too, marked by their dates). */
export function listApiTokens(deps: ServiceDeps, actor: Actor): Promise<ApiTokenRecord[]> {
  return deps.store.apiTokens.listForUser(actor.id);
}

/**
 * Revokes a token of the actor's (an administrator: anyone's). Throws NotFoundError for a
 * token that does not exist or is someone else's (whose tokens exist is not told).
 * Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(
  deps: ServiceDeps,
  actor: Actor,
  tokenId: string,
): Promise<void> {
  const token = await deps.store.apiTokens.findById(tokenId);
  if (!token || (token.userId !== actor.id && !hasRole(actor, 'admin')))
    throw new NotFoundError('Token');
  await deps.store.apiTokens.revoke(token.id, deps.clock.now().toISOString());
}

/** Why a presented token was refused (each said as such to the client). */
export type TokenRefusal = 'missing' | 'invalid' | 'revoked' | 'expired';

export type Authentication =
  { ok: true; user: UserRecord; token: ApiTokenRecord } | { ok: false; reason: TokenRefusal };

/**
 * The person and token behind a presented secret. A suspended person's tokens are invalid
 * while the suspension lasts. Touches last_used_at at most once a minute.
 */
export async function authenticateApiToken(
  deps: ServiceDeps,
  secret: string | undefined,
): Promise<Authentication> {
  if (secret === undefined || secret === '') return { ok: false, reason: 'missing' };
  if (!SECRET_SHAPE.test(secret)) return { ok: false, reason: 'invalid' };
  const token = await deps.store.apiTokens.findByHash(apiTokenHash(secret));
  if (!token) return { ok: false, reason: 'invalid' };
  const now = deps.clock.now();
  if (token.revokedAt !== null) return { ok: false, reason: 'revoked' };
  if (token.expiresAt !== null && token.expiresAt <= now.toISOString())
    return { ok: false, reason: 'expired' };
  const user = await deps.store.users.findById(token.userId);
  if (!user || user.suspendedAt !== null) return { ok: false, reason: 'invalid' };
  const since = new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString();
  if (token.lastUsedAt === null || token.lastUsedAt <= since)
    await deps.store.apiTokens.touch(token.id, now.toISOString(), since);
  return { ok: true, user, token };
}

/** Whether the token may do what `scope` covers. */
export function tokenAllows(token: Pick<ApiTokenRecord, 'scopes'>, scope: ApiScope): boolean {
  return token.scopes.includes(scope);
}

/** Neither revoked nor expired at `now` (an ISO timestamp). */
export function isLive(token: ApiTokenRecord, now: string): boolean {
  return token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now);
}

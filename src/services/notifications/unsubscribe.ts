/**
 * One-click unsubscribe (RFC 8058) for every kind of mail the site sends on its own
 * (notifications, digests). A link is `<publicUrl>/unsubscribe/<token>` where the token names
 * the person and the scope and carries an HMAC-SHA256 of both under a site secret: anyone
 * holding the link can unsubscribe that person from that scope (that is the point of one-click),
 * nobody can make a link for someone else. The secret is generated once with
 * crypto.randomBytes and kept in the database (`site_secrets`), not the per-process cookie
 * secret, so links in old mail keep working after restarts and across instances.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '../../domain/errors.js';
import { OPT_OUT_SCOPES } from '../../domain/notifications.js';
import type { ServiceDeps } from '../deps.js';
import type { Store } from '../repositories.js';

/** What a person can unsubscribe from. */
export type OptOutScope = 'notifications' | 'digest';

/** The name of the unsubscribe-link key in `site_secrets`. */
const SECRET_NAME = 'unsubscribe-hmac';
/** The longest token accepted (a user id, a scope and a MAC are far shorter). */
const TOKEN_LIMIT = 300;
const MAC_BYTES = 16;

/** The secret of each store (each database), loaded or generated once per process. */
const secrets = new WeakMap<Store, Promise<Buffer>>();

function siteSecret(deps: Pick<ServiceDeps, 'store' | 'clock'>): Promise<Buffer> {
  let secret = secrets.get(deps.store);
  if (!secret) {
    secret = loadSecret(deps);
    secrets.set(deps.store, secret);
    // A failed load (database down) is not cached: the next mail tries again.
    secret.catch(() => secrets.delete(deps.store));
  }
  return secret;
}

async function loadSecret(deps: Pick<ServiceDeps, 'store' | 'clock'>): Promise<Buffer> {
  const found = await deps.store.notifications.secret(SECRET_NAME);
  if (found) return Buffer.from(found, 'base64url');
  await deps.store.notifications.insertSecret(
    SECRET_NAME,
    randomBytes(32).toString('base64url'),
    deps.clock.now().toISOString(),
  );
  // Another instance may have stored its own first: the stored one wins everywhere.
  const stored = await deps.store.notifications.secret(SECRET_NAME);
  if (!stored) throw new Error('the unsubscribe secret could not be stored');
  return Buffer.from(stored, 'base64url');
}

/**
 * The MAC of (userId, scope): HMAC-SHA256 cut to its first 16 bytes (128 bits, as RFC 2104
 * allows), so the whole token stays under the router's 100-character limit on a path segment.
 */
function mac(secret: Buffer, userId: string, scope: OptOutScope): Buffer {
  return createHmac('sha256', secret)
    .update(`unsubscribe\n${scope}\n${userId}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

/** The token of (userId, scope): `<scope>.<userId base64url>.<mac base64url>`. */
async function tokenFor(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  userId: string,
  scope: OptOutScope,
): Promise<string> {
  const secret = await siteSecret(deps);
  const id = Buffer.from(userId, 'utf8').toString('base64url');
  return `${scope}.${id}.${mac(secret, userId, scope).toString('base64url')}`;
}

/** The one-click link for the mail body ("Unsubscribe: …"). It is a credential: never log it. */
export async function unsubscribeUrl(
  deps: ServiceDeps,
  userId: string,
  scope: OptOutScope,
): Promise<string> {
  return `${deps.settings.publicUrl}/unsubscribe/${await tokenFor(deps, userId, scope)}`;
}

/**
 * The RFC 8058 header fields for a message to `userId` in `scope`: `List-Unsubscribe` with the
 * HTTPS (or the site's) link and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 */
export async function unsubscribeHeaders(
  deps: ServiceDeps,
  userId: string,
  scope: OptOutScope,
): Promise<Record<string, string>> {
  return {
    'List-Unsubscribe': `<${await unsubscribeUrl(deps, userId, scope)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The person and scope of a genuine token; null for anything forged, altered or malformed. */
export async function verifyUnsubscribeToken(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  token: string,
): Promise<{ userId: string; scope: OptOutScope } | null> {
  if (token.length > TOKEN_LIMIT) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [scopeText = '', idText = '', macText = ''] = parts;
  const scope = OPT_OUT_SCOPES.find((known) => known === scopeText);
  if (!scope || !/^[A-Za-z0-9_-]+$/.test(idText) || !/^[A-Za-z0-9_-]+$/.test(macText)) return null;
  const userId = Buffer.from(idText, 'base64url').toString('utf8');
  if (Buffer.from(userId, 'utf8').toString('base64url') !== idText) return null;
  const given = Buffer.from(macText, 'base64url');
  const expected = mac(await siteSecret(deps), userId, scope);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, scope };
}

/**
 * What an unsubscribe link stands for, to show on its confirmation page (nothing changes).
 * @throws NotFoundError `unsubscribe` for a forged token or a person who no longer exists.
 */
export async function describeUnsubscribe(
  deps: ServiceDeps,
  token: string,
): Promise<{ userId: string; scope: OptOutScope; optedOut: boolean }> {
  const found = await verifyUnsubscribeToken(deps, token);
  if (!found || !(await deps.store.users.findById(found.userId)))
    throw new NotFoundError('unsubscribe link');
  return { ...found, optedOut: await isOptedOut(deps.store, found.userId, found.scope) };
}

/**
 * Records the opt-out a one-click link stands for (no sign-in: the token is the proof).
 * Repeating it changes nothing. Returns the scope.
 * @throws NotFoundError for a forged token or a person who no longer exists; nothing changes.
 */
export async function unsubscribe(deps: ServiceDeps, token: string): Promise<OptOutScope> {
  const found = await verifyUnsubscribeToken(deps, token);
  if (!found) throw new NotFoundError('unsubscribe link');
  return deps.store.transaction(async (store) => {
    if (!(await store.users.findById(found.userId))) throw new NotFoundError('unsubscribe link');
    await store.notifications.addOptOut(found.userId, found.scope, deps.clock.now().toISOString());
    return found.scope;
  });
}

/** True when the person unsubscribed from `scope` (their mail of that scope is not sent). */
export function isOptedOut(store: Store, userId: string, scope: OptOutScope): Promise<boolean> {
  return store.notifications.isOptedOut(userId, scope);
}

/** Undoes the person's opt-out of `scope` (from their settings page); nothing if none. */
export async function optBackIn(store: Store, userId: string, scope: OptOutScope): Promise<void> {
  await store.notifications.removeOptOut(userId, scope);
}

/**
 * The cookie-signing secret (CSRF cookies, signed cookies): COOKIE_SECRET when configured,
 * otherwise one the site generates on its first start and keeps in `site_secrets` (migration
 * 0024, beside the unsubscribe-link key), so every instance signs alike and a restart signs
 * nobody's form out. Of instances starting together, all get the first one stored.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceDeps } from '../deps.js';

const NAME = 'cookie';

export async function cookieSecret(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  configured?: string,
): Promise<string> {
  if (configured) return configured;
  const { notifications } = deps.store;
  const stored = await notifications.secret(NAME);
  if (stored) return stored;
  await notifications.insertSecret(
    NAME,
    randomBytes(32).toString('hex'),
    deps.clock.now().toISOString(),
  );
  const kept = await notifications.secret(NAME);
  if (!kept) throw new Error('the cookie secret just stored is missing');
  return kept;
}

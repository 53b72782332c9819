/**
 * Signing in with a provider, and linking a provider account to the signed-in one.
 *
 * Start: a random state, nonce and PKCE verifier are stored (`sign_in_states`, the state as its
 * SHA-256 hash) with the intent, the account for a link, where to go next and the hash of a
 * random browser token the route puts in an httpOnly cookie. Callback: the state row is
 * consumed once (a forged or replayed state finds none), must belong to this provider and to
 * this browser (the cookie), and for a link to the same signed-in account; only then is the
 * provider's answer looked at. Nothing is created before every check has passed.
 *
 * The account is found by the provider's subject (`sub`, MediaWiki's central id), never by the
 * name, so a renamed wiki account keeps its Polyphony account and a new person with a freed
 * name does not get someone else's. A new account gets the provider's user name exactly when
 * it is a valid and free name, otherwise the rule of domain/sign-in.ts (`Name-2`…): a person
 * is never merged into another's account, whatever the names or e-mail addresses.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import type { ErrorCode } from '../../domain/errors.js';
import type { Actor, Role } from '../../domain/roles.js';
import { alternativeUsername, noEmailAddress, usernameFromProvider } from '../../domain/sign-in.js';
import type { SignInIntent } from '../../domain/sign-in.js';
import { normalizeEmail, usernameKey, usernameSkeleton } from '../../domain/user.js';
import { startSession } from '../auth/auth.service.js';
import type { ServiceDeps } from '../deps.js';
import { SignInProtocolError } from '../ports/sign-in-protocol.js';
import type { SignInChecks } from '../ports/sign-in-protocol.js';
import type { SignInProviderRecord, UserRecord } from '../repositories.js';
import { redirectUri } from './providers.service.js';

/** How long a started sign-in may take at the provider. */
const STATE_MINUTES = 10;
/** Alternatives tried for a taken name (`Name-2` … `Name-50`) before a random suffix. */
const MAX_ALTERNATIVES = 50;
/** The provider's user name is kept up to this many characters. */
const MAX_PROVIDER_NAME = 255;

/** Why a sign-in with a provider failed; the route says it in the person's language. */
export type SignInFailure =
  | 'unknown_provider'
  | 'bad_state'
  | 'provider_refused'
  | 'token_failed'
  | 'unreachable'
  | 'no_subject'
  | 'identity_taken'
  | 'provider_linked_already'
  | 'suspended'
  | 'sign_in_first';

const CODES: Record<SignInFailure, ErrorCode> = {
  unknown_provider: 'not_found',
  bad_state: 'validation_failed',
  provider_refused: 'validation_failed',
  token_failed: 'validation_failed',
  unreachable: 'validation_failed',
  no_subject: 'validation_failed',
  identity_taken: 'conflict',
  provider_linked_already: 'conflict',
  suspended: 'forbidden',
  sign_in_first: 'unauthenticated',
};

/** A sign-in or link refused; `detail` is what the provider said (error code, description). */
export class SignInFailedError extends DomainError {
  constructor(
    readonly failure: SignInFailure,
    readonly detail = '',
  ) {
    super(CODES[failure], detail ? `${failure}: ${detail}` : failure);
    this.name = 'SignInFailedError';
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const random = () => randomBytes(32).toString('base64url');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The buttons of the sign-in page: every enabled provider. */
export async function enabledProviders(
  deps: ServiceDeps,
): Promise<{ slug: string; label: string }[]> {
  const providers = await deps.store.signIn.listProviders();
  return providers.filter((p) => p.enabled).map((p) => ({ slug: p.slug, label: p.label }));
}

async function enabledProvider(deps: ServiceDeps, slug: string): Promise<SignInProviderRecord> {
  const provider = await deps.store.signIn.findProviderBySlug(slug);
  if (!provider || !provider.enabled) throw new SignInFailedError('unknown_provider');
  return provider;
}

function protocolFailure(error: unknown): never {
  if (error instanceof SignInProtocolError) {
    const failure = error.failure === 'bad_state' ? 'bad_state' : error.failure;
    throw new SignInFailedError(failure, error.detail.slice(0, 300));
  }
  throw error;
}

/**
 * Starts a sign-in (`actor` null) or a link (`actor` the signed-in person): returns the
 * provider URL to send the browser to and the browser token for the cookie. Throws
 * SignInFailedError (`unknown_provider`; `unreachable` when discovery fails).
 */
export async function startSignIn(
  deps: ServiceDeps,
  slug: string,
  request: { intent: SignInIntent; actor: Actor | null; next: string },
): Promise<{ url: string; browserToken: string; label: string }> {
  const provider = await enabledProvider(deps, slug);
  if (request.intent === 'link' && !request.actor) throw new SignInFailedError('sign_in_first');
  const checks: SignInChecks = {
    redirectUri: redirectUri(deps, provider.slug),
    state: random(),
    nonce: random(),
    codeVerifier: random(),
  };
  const browserToken = random();
  let url: string;
  try {
    url = await deps.signInProtocol.authorizationUrl(provider, checks);
  } catch (error) {
    protocolFailure(error);
  }
  const now = deps.clock.now();
  await deps.store.signIn.insertState({
    stateHash: sha256(checks.state),
    providerId: provider.id,
    browserHash: sha256(browserToken),
    nonce: checks.nonce,
    codeVerifier: checks.codeVerifier,
    intent: request.intent,
    userId: request.intent === 'link' ? (request.actor?.id ?? null) : null,
    next: request.next,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + STATE_MINUTES * 60_000).toISOString(),
    usedAt: null,
  });
  return { url, browserToken, label: provider.label };
}

export type SignInOutcome =
  | {
      kind: 'signed_in';
      user: UserRecord;
      token: string;
      next: string;
      /** A new account was made. */
      created: boolean;
      /** The new account's user name differs from the provider's (invalid or taken). */
      renamed: boolean;
      providerName: string;
      providerLabel: string;
    }
  | { kind: 'linked'; next: string; providerName: string; providerLabel: string };

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/**
 * Completes a sign-in or link from the provider's callback. `query` is the callback's query
 * parameters and `rawQuery` its query string as received; `browserToken` the cookie; `actor` the
 * signed-in person, if any. Throws SignInFailedError: `bad_state` (forged, replayed, expired,
 * another browser's or another account's), `provider_refused` (the provider's error),
 * `token_failed`, `unreachable`, `no_subject`, `identity_taken` (linked to another account),
 * `provider_linked_already`, `suspended`.
 */
export async function finishSignIn(
  deps: ServiceDeps,
  slug: string,
  callback: {
    query: Record<string, unknown>;
    rawQuery: string;
    browserToken: string | undefined;
    actor: Actor | null;
  },
): Promise<SignInOutcome> {
  const provider = await deps.store.signIn.findProviderBySlug(slug);
  const stateText = typeof callback.query.state === 'string' ? callback.query.state : '';
  if (stateText === '' || stateText.length > 200) throw new SignInFailedError('bad_state');
  const now = deps.clock.now().toISOString();
  const state = await deps.store.signIn.consumeState(sha256(stateText), now);
  if (!state || !provider || state.providerId !== provider.id)
    throw new SignInFailedError('bad_state');
  if (!callback.browserToken || !sameHash(state.browserHash, sha256(callback.browserToken)))
    throw new SignInFailedError('bad_state');
  if (state.intent === 'link' && (!callback.actor || callback.actor.id !== state.userId))
    throw new SignInFailedError('bad_state');
  if (!provider.enabled) throw new SignInFailedError('unknown_provider');
  const error = text(callback.query.error);
  if (error !== null) {
    const description = text(callback.query.error_description);
    throw new SignInFailedError(
      'provider_refused',
      `${error}${description ? ` (${description})` : ''}`.slice(0, 300),
    );
  }
  const checks: SignInChecks = {
    redirectUri: redirectUri(deps, provider.slug),
    state: stateText,
    nonce: state.nonce,
    codeVerifier: state.codeVerifier,
  };
  let claims: Record<string, unknown>;
  try {
    claims = await deps.signInProtocol.complete(
      provider,
      `${checks.redirectUri}?${callback.rawQuery}`,
      checks,
    );
  } catch (failure) {
    protocolFailure(failure);
  }
  const subject = text(claims[provider.subjectField]);
  if (subject === null || subject === '' || subject.length > 255)
    throw new SignInFailedError('no_subject');
  const providerName = [
    ...(text(claims[provider.usernameField]) ??
      text(claims.preferred_username) ??
      text(claims.name) ??
      subject),
  ]
    .slice(0, MAX_PROVIDER_NAME)
    .join('');
  const base = { next: state.next, providerName, providerLabel: provider.label };
  const identity = await deps.store.signIn.findIdentity(provider.id, subject);

  if (state.intent === 'link') {
    const userId = state.userId ?? '';
    if (identity && identity.userId !== userId) throw new SignInFailedError('identity_taken');
    if (!identity) {
      const inserted = await deps.store.signIn.insertIdentity({
        providerId: provider.id,
        subject,
        userId,
        providerUsername: providerName,
        linkedAt: now,
      });
      if (!inserted) {
        const again = await deps.store.signIn.findIdentity(provider.id, subject);
        throw new SignInFailedError(
          again && again.userId !== userId ? 'identity_taken' : 'provider_linked_already',
        );
      }
    }
    return { kind: 'linked', ...base };
  }

  if (identity) {
    const user = await deps.store.users.findById(identity.userId);
    if (!user) throw new SignInFailedError('token_failed', 'the linked account is gone');
    if (user.suspendedAt !== null) throw new SignInFailedError('suspended');
    if (identity.providerUsername !== providerName)
      await deps.store.signIn.updateIdentityUsername(provider.id, subject, providerName);
    const token = await startSession(deps, user.id);
    return { kind: 'signed_in', user, token, created: false, renamed: false, ...base };
  }

  const { user, existing } = await createAccount(deps, provider, subject, providerName, claims);
  if (existing && existing.suspendedAt !== null) throw new SignInFailedError('suspended');
  const token = await startSession(deps, user.id);
  return {
    kind: 'signed_in',
    user,
    token,
    created: !existing,
    renamed: !existing && user.username !== providerName,
    ...base,
  };
}

/** A name race lost (or the same subject signed in at once): roll back and try again. */
class RetryCreate extends Error {}

/**
 * A new account for a provider subject, with its identity, in one transaction. Returns
 * `existing` when the same subject's account was made meanwhile (two callbacks at once).
 */
async function createAccount(
  deps: ServiceDeps,
  provider: SignInProviderRecord,
  subject: string,
  providerName: string,
  claims: Record<string, unknown>,
): Promise<{ user: UserRecord; existing: UserRecord | null }> {
  const id = deps.newId();
  const verified = claims.email_verified === true || claims.confirmed_email === true;
  const offered = text(claims.email);
  const email =
    verified && offered && /^[^\s@]+@[^\s@]+$/.test(offered) && offered.length <= 254
      ? normalizeEmail(offered)
      : noEmailAddress(id);
  const granted: Role[] = ['reader'];
  if (deps.settings.translatorRoleAtSignUp) granted.push('translator');
  if (provider.newUserRole !== 'reader') granted.push(provider.newUserRole);
  const roles = [...new Set(granted)];
  const baseName = usernameFromProvider(providerName);
  let useEmail = email;
  for (let attempt = 1; attempt <= MAX_ALTERNATIVES + 5; attempt += 1) {
    const username =
      attempt === 1
        ? baseName
        : attempt <= MAX_ALTERNATIVES
          ? alternativeUsername(baseName, attempt)
          : alternativeUsername(baseName, 1000 + randomBytes(3).readUIntBE(0, 3));
    const key = usernameKey(username);
    const taken = await deps.store.users.findTaken(key, usernameSkeleton(username), useEmail);
    if (taken.username || taken.lookalike) continue;
    if (taken.email) useEmail = noEmailAddress(id);
    let emailLost = false;
    try {
      const user = await deps.store.transaction(async (store) => {
        const conflict = await store.users.create({
          id,
          username,
          usernameKey: key,
          displayName: providerName,
          email: useEmail,
          passwordHash: null,
          timeZone: 'UTC',
          bio: '',
          roles,
          createdAt: deps.clock.now().toISOString(),
        });
        if (conflict === 'email' && useEmail !== noEmailAddress(id)) {
          useEmail = noEmailAddress(id);
          emailLost = true;
        }
        if (conflict) throw new RetryCreate();
        const linked = await store.signIn.insertIdentity({
          providerId: provider.id,
          subject,
          userId: id,
          providerUsername: providerName,
          linkedAt: deps.clock.now().toISOString(),
        });
        if (!linked) throw new RetryCreate();
        const created = await store.users.findById(id);
        if (!created) throw new Error('user vanished after insert');
        return created;
      });
      return { user, existing: null };
    } catch (error) {
      if (!(error instanceof RetryCreate)) throw error;
      const identity = await deps.store.signIn.findIdentity(provider.id, subject);
      if (identity) {
        const user = await deps.store.users.findById(identity.userId);
        if (user) return { user, existing: user };
      }
      // The e-mail was taken meanwhile: the same name again, without the address.
      if (emailLost) attempt -= 1;
    }
  }
  throw new SignInFailedError('token_failed', 'no free user name was found');
}

/** One provider on the account page: linked (with the provider's name) or offered to link. */
export interface SignInAccount {
  providerId: string;
  slug: string;
  label: string;
  enabled: boolean;
  linked: { providerUsername: string; linkedAt: string } | null;
}

/**
 * The account page's "Sign-in accounts": every enabled provider, and disabled ones the person
 * is linked to (so they can still unlink); whether the person has a password.
 */
export async function signInAccounts(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ accounts: SignInAccount[]; hasPassword: boolean }> {
  const [providers, identities, user] = await Promise.all([
    deps.store.signIn.listProviders(),
    deps.store.signIn.identitiesOf(actor.id),
    deps.store.users.findById(actor.id),
  ]);
  if (!user) throw new NotFoundError('User');
  const accounts = providers.flatMap((p): SignInAccount[] => {
    const identity = identities.find((i) => i.providerId === p.id);
    if (!p.enabled && !identity) return [];
    return [
      {
        providerId: p.id,
        slug: p.slug,
        label: p.label,
        enabled: p.enabled,
        linked: identity
          ? { providerUsername: identity.providerUsername, linkedAt: identity.linkedAt }
          : null,
      },
    ];
  });
  return { accounts, hasPassword: user.passwordHash !== null };
}

/**
 * Unlinks the person's account at a provider. Refused (ValidationError on `provider`) when it is
 * their last way to sign in (no password and no other linked provider); per-account lock, so
 * two unlinks at once cannot both pass.
 */
export async function unlinkIdentity(
  deps: ServiceDeps,
  actor: Actor | null,
  slug: string,
): Promise<void> {
  if (!actor) throw new ForbiddenError('Sign in first');
  const provider = await deps.store.signIn.findProviderBySlug(slug);
  if (!provider) throw new NotFoundError('Sign-in provider');
  await deps.store.locked(`sign-in-identities:${actor.id}`, async (store) => {
    const user = await store.users.findById(actor.id);
    if (!user) throw new NotFoundError('User');
    const identities = await store.signIn.identitiesOf(actor.id);
    if (!identities.some((i) => i.providerId === provider.id))
      throw new NotFoundError('Linked account');
    if (user.passwordHash === null && identities.length <= 1)
      throw new ValidationError([
        {
          field: 'provider',
          message: 'This is your only way to sign in: set a password or link another account first',
        },
      ]);
    await store.signIn.deleteIdentity(provider.id, actor.id);
  });
}

/**
 * The outside world of single sign-on: talking OpenID Connect or plain OAuth 2 to a provider
 * (src/integrations/auth/openid-protocol.ts, on openid-client). Services keep the state, nonce
 * and PKCE verifier and decide what a profile means; the adapter builds the authorization URL,
 * checks the callback (state, `iss`, PKCE, the ID token and its nonce) and fetches the profile.
 */
import type { ProviderKind } from '../../domain/sign-in.js';

/** What the adapter needs of a configured provider. */
export interface ProviderEndpoints {
  kind: ProviderKind;
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  profileEndpoint: string | null;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** The secrets of one started sign-in, as the adapter checks them on the callback. */
export interface SignInChecks {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why talking to the provider failed (what the person is told; never the secret or the code). */
export type ProtocolFailure =
  /** The provider answered the authorization with an error (`access_denied`…). */
  | 'provider_refused'
  /** The callback's state did not match the started sign-in (forged or mixed up). */
  | 'bad_state'
  /** The code exchange, the ID token or the profile was refused or malformed. */
  | 'token_failed'
  /** The provider could not be reached (network, timeout, a 5xx). */
  | 'unreachable';

/** Thrown by the adapter; `detail` is the provider's error code and description, if any. */
export class SignInProtocolError extends Error {
  constructor(
    readonly failure: ProtocolFailure,
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
    this.name = 'SignInProtocolError';
  }
}

export interface SignInProtocol {
  /** The URL the browser is sent to (authorization code flow with PKCE S256; nonce for OIDC). */
  authorizationUrl(provider: ProviderEndpoints, checks: SignInChecks): Promise<string>;
  /**
   * Completes the flow from the callback URL as received: checks it, exchanges the code and
   * returns the person's claims (OIDC: the ID token's claims merged with userinfo; OAuth 2:
   * the profile endpoint's JSON object). Throws SignInProtocolError.
   */
  complete(
    provider: ProviderEndpoints,
    callbackUrl: string,
    checks: SignInChecks,
  ): Promise<Record<string, unknown>>;
}

/**
 * OpenID Connect and plain OAuth 2 on openid-client (v6): discovery from the issuer (OIDC) or
 * the three configured endpoints (OAuth 2), the authorization code flow with PKCE (S256), the
 * ID token and its nonce checked by openid-client, and the profile from userinfo (OIDC) or the
 * configured profile endpoint (OAuth 2, e.g. MediaWiki's /oauth2/resource/profile).
 *
 * http:// is allowed (openid-client's `allowInsecureRequests`) only when every URL of the
 * provider is on this machine (localhost, 127.0.0.0/8, ::1): a provider run beside the site,
 * as in the tests. Never for another host: tokens and the client secret would cross a network
 * in clear. The admin service refuses such URLs too; this is the second lock.
 *
 * Errors become SignInProtocolError with a reason and the provider's own error code and
 * description; never the code, a token or the client secret.
 */
import * as client from 'openid-client';
import { isLoopbackHost } from '../../domain/sign-in.js';
import { SignInProtocolError } from '../../services/ports/sign-in-protocol.js';
import type {
  ProviderEndpoints,
  SignInChecks,
  SignInProtocol,
} from '../../services/ports/sign-in-protocol.js';

/** A profile larger than this is refused (MediaWiki's is well under 2 KB). */
const MAX_PROFILE_BYTES = 64 * 1024;
/** Discovered configurations are kept this long, then discovered again. */
const DISCOVERY_TTL_MS = 10 * 60_000;

function insecureAllowed(urls: (string | null)[]): boolean {
  const present = urls.filter((u): u is string => u !== null && u !== '');
  const parsed = present.map((u) => new URL(u));
  if (parsed.every((u) => u.protocol === 'https:')) return false;
  if (parsed.every((u) => u.protocol === 'https:' || isLoopbackHost(u.hostname))) return true;
  throw new SignInProtocolError('unreachable', 'http:// is allowed only on this machine');
}

function describe(error: unknown): SignInProtocolError {
  if (error instanceof SignInProtocolError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    const description = error.error_description ? ` (${error.error_description})` : '';
    return new SignInProtocolError('provider_refused', `${error.error}${description}`);
  }
  if (error instanceof client.ResponseBodyError) {
    const description = error.error_description ? ` (${error.error_description})` : '';
    return new SignInProtocolError(
      error.status >= 500 ? 'unreachable' : 'token_failed',
      `${error.error}${description}`,
    );
  }
  if (error instanceof client.ClientError) {
    const code = error.code ?? 'error';
    const cause = error.cause;
    if (
      cause instanceof Error &&
      cause.name !== 'Error' &&
      /fetch|network|abort|timeout/i.test(`${cause.name} ${cause.message}`)
    )
      return new SignInProtocolError('unreachable', cause.message);
    if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON')
      return new SignInProtocolError('unreachable', error.message);
    return new SignInProtocolError('token_failed', error.message);
  }
  if (error instanceof Error)
    return new SignInProtocolError(
      /fetch|network|abort|timeout|ECONN|ENOTFOUND/i.test(`${error.name} ${error.message}`)
        ? 'unreachable'
        : 'token_failed',
      error.message,
    );
  return new SignInProtocolError('token_failed', String(error));
}

async function readLimited(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PROFILE_BYTES) {
      await reader.cancel();
      throw new SignInProtocolError('token_failed', 'the profile is too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The SignInProtocol of the running site (one discovery cache per instance). */
export function openIdProtocol(options: { timeoutSeconds?: number } = {}): SignInProtocol {
  const timeout = options.timeoutSeconds ?? 10;
  const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

  function configure(provider: ProviderEndpoints): Promise<client.Configuration> {
    if (provider.kind === 'oauth2') {
      const authorization = provider.authorizationEndpoint ?? '';
      const insecure = insecureAllowed([
        provider.issuer,
        authorization,
        provider.tokenEndpoint,
        provider.profileEndpoint,
      ]);
      const config = new client.Configuration(
        {
          issuer: provider.issuer ?? new URL(authorization).origin,
          authorization_endpoint: authorization,
          token_endpoint: provider.tokenEndpoint ?? '',
        },
        provider.clientId,
        provider.clientSecret,
      );
      if (insecure) client.allowInsecureRequests(config);
      config.timeout = timeout;
      return Promise.resolve(config);
    }
    const issuer = provider.issuer ?? '';
    const key = JSON.stringify([issuer, provider.clientId, provider.clientSecret]);
    const kept = discovered.get(key);
    if (kept && Date.now() - kept.at < DISCOVERY_TTL_MS) return kept.config;
    const insecure = insecureAllowed([issuer]);
    const config = client
      .discovery(new URL(issuer), provider.clientId, provider.clientSecret, undefined, {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout,
      })
      .then((c) => {
        c.timeout = timeout;
        return c;
      });
    discovered.set(key, { at: Date.now(), config });
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => discovered.delete(key));
    return config;
  }

  return {
    async authorizationUrl(provider: ProviderEndpoints, checks: SignInChecks): Promise<string> {
      try {
        const config = await configure(provider);
        const parameters: Record<string, string> = {
          redirect_uri: checks.redirectUri,
          response_type: 'code',
          state: checks.state,
          code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
          code_challenge_method: 'S256',
        };
        if (provider.scopes.length > 0) parameters.scope = provider.scopes.join(' ');
        if (provider.kind === 'oidc') parameters.nonce = checks.nonce;
        return client.buildAuthorizationUrl(config, parameters).href;
      } catch (error) {
        throw describe(error);
      }
    },

    async complete(
      provider: ProviderEndpoints,
      callbackUrl: string,
      checks: SignInChecks,
    ): Promise<Record<string, unknown>> {
      try {
        const config = await configure(provider);
        const oidc = provider.kind === 'oidc';
        const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          ...(oidc ? { expectedNonce: checks.nonce, idTokenExpected: true } : {}),
        });
        if (oidc) {
          const claims: Record<string, unknown> = { ...tokens.claims() };
          const sub = claims.sub;
          if (typeof sub !== 'string') throw new SignInProtocolError('token_failed', 'no subject');
          if (config.serverMetadata().userinfo_endpoint) {
            const info = await client.fetchUserInfo(config, tokens.access_token, sub);
            return { ...info, ...claims };
          }
          return claims;
        }
        const profileUrl = provider.profileEndpoint ?? '';
        const response = await client.fetchProtectedResource(
          config,
          tokens.access_token,
          new URL(profileUrl),
          'GET',
        );
        if (!response.ok)
          throw new SignInProtocolError(
            response.status >= 500 ? 'unreachable' : 'token_failed',
            `the profile endpoint answered ${response.status}`,
          );
        const text = await readLimited(response);
        let profile: unknown;
        try {
          profile = JSON.parse(text);
        } catch {
          throw new SignInProtocolError('token_failed', 'the profile is not JSON');
        }
        if (typeof profile !== 'object' || profile === null || Array.isArray(profile))
          throw new SignInProtocolError('token_failed', 'the profile is not a JSON object');
        return profile as Record<string, unknown>;
      } catch (error) {
        throw describe(error);
      }
    },
  };
}

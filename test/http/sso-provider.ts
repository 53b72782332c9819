/**
 * A real OpenID provider (oidc-provider) run in the test process on a loopback port, with its
 * development interactions (a login form where the login is the account id, then a consent
 * page) and test accounts whose user names are in several scripts. `authorize` plays the
 * browser through those pages over HTTP and returns the URL the provider sends back to the
 * site; the browser journey (test/e2e/sso-journey.test.ts) clicks through the same pages.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Account, ClientMetadata } from 'oidc-provider';

export interface TestAccount {
  preferred_username: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
}

/** Account id (typed at the provider's login form, and the `sub`) → claims. */
export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  'sub-milica': { preferred_username: 'Милица', name: 'Милица Јовановић' },
  'sub-maryam': { preferred_username: 'مريم', email: 'maryam@example.org', email_verified: true },
  'sub-jane': { preferred_username: 'Jane Doe' },
  'sub-taken': { preferred_username: 'taken_name' },
  'sub-other-taken': { preferred_username: 'Taken_Name' },
  'sub-linker': { preferred_username: 'Linker' },
  'sub-second': { preferred_username: 'Second' },
};

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's userinfo endpoint (the OAuth 2 kind's profile endpoint in tests). */
  userinfo: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  close(): Promise<void>;
}

/** Starts the provider with one client allowed to return to each of `redirectUris`. */
export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const client: ClientMetadata = {
    client_id: 'polyphony-test',
    client_secret: 'a-test-client-secret-of-enough-length',
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  };
  const provider = new Provider(issuer, {
    clients: [client],
    findAccount: (_ctx, id): Account | undefined => {
      const account = TEST_ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name'],
      email: ['email', 'email_verified'],
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['polyphony-test-provider-cookie-key'] },
    // Explicit lifetimes (seconds): the provider's defaults print a notice per kind.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    void handle(req, res);
  });
  return {
    issuer,
    clientId: client.client_id,
    clientSecret: client.client_secret ?? '',
    userinfo: `${issuer}/me`,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A cookie jar for one origin (the provider's). */
class Jar {
  private cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 0) continue;
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
}

/**
 * Plays the browser at the provider: from the authorization URL through login (as `login`)
 * and consent, or cancels at the login page (`abort`: the provider answers access_denied).
 * Returns the URL the provider redirects to at the site (with code, state, iss).
 */
export async function authorize(
  authorizationUrl: string,
  login: string,
  options: { abort?: boolean } = {},
): Promise<string> {
  const jar = new Jar();
  let url = authorizationUrl;
  const origin = new URL(authorizationUrl).origin;
  for (let hop = 0; hop < 20; hop += 1) {
    if (!url.startsWith(origin)) return url;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    jar.keep(response);
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const page = await response.text();
    const interaction = /\/interaction\/([\w-]+)/.exec(new URL(url).pathname);
    if (!interaction) throw new Error(`unexpected provider page at ${url}: ${response.status}`);
    if (options.abort) {
      url = `${origin}/interaction/${interaction[1]}/abort`;
      continue;
    }
    const form = page.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'any' })
      : new URLSearchParams({ prompt: 'consent' });
    const submitted = await fetch(`${origin}/interaction/${interaction[1]}`, {
      method: 'POST',
      redirect: 'manual',
      body: form,
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    jar.keep(submitted);
    const next = submitted.headers.get('location');
    if (!next) throw new Error(`the provider did not redirect after ${form.get('prompt')}`);
    url = new URL(next, url).href;
  }
  throw new Error('too many redirects at the provider');
}

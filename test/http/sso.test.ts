/**
 * Single sign-on over HTTP on every engine, against a real OpenID provider (oidc-provider) run
 * in the test process: administrators configure providers (secrets never rendered back nor
 * audited; http:// refused but on loopback; the MediaWiki preset fills its endpoints); people
 * sign in with user names in any script kept exactly (Cyrillic, Arabic), names that are taken
 * or invalid get a distinct account (never a merge); the plain OAuth 2 kind reads the profile
 * endpoint; forged, replayed and other-browser states are refused with nothing created; the
 * provider's error is shown; linking and unlinking from the account page, an identity linked
 * elsewhere refused, the last way to sign in kept; outsiders refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { authorize, startTestProvider } from './sso-provider.js';
import type { TestProvider } from './sso-provider.js';

const SITE = 'http://localhost:3000';
const OIDC = 'test-oidc';
const OAUTH2 = 'test-oauth2';

let idp: TestProvider;

beforeAll(async () => {
  idp = await startTestProvider([
    `${SITE}/signin/${OIDC}/callback`,
    `${SITE}/signin/${OAUTH2}/callback`,
  ]);
});

afterAll(async () => {
  await idp.close();
});

describe.each(engines())('single sign-on on $name', (engine) => {
  let ctx: TestContext;
  let admin: Agent;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const adminUser = await buildUser(ctx.deps, ['admin']);
    admin = new Agent(ctx.app);
    await admin.signIn(adminUser.username);
    const added = await admin.post('/admin/sign-in', {
      kind: 'oidc',
      slug: OIDC,
      label: 'Test ID',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scopes: 'openid profile email',
      newUserRole: 'author',
      enabled: 'on',
    });
    expect(added.statusCode, added.body).toBe(303);
    const oauth2 = await admin.post('/admin/sign-in', {
      kind: 'oauth2',
      slug: OAUTH2,
      label: 'Plain OAuth',
      issuer: idp.issuer,
      authorizationEndpoint: idp.authorizationEndpoint,
      tokenEndpoint: idp.tokenEndpoint,
      profileEndpoint: idp.userinfo,
      subjectField: 'sub',
      usernameField: 'preferred_username',
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scopes: 'openid profile',
      newUserRole: 'reader',
      enabled: 'on',
    });
    expect(oauth2.statusCode, oauth2.body).toBe(303);
  });

  afterAll(async () => {
    await ctx.close();
  });

  /** Starts at /signin/<slug>, plays the provider as `login`, returns the site's callback path. */
  async function throughProvider(
    agent: Agent,
    slug: string,
    login: string,
    options: { abort?: boolean } = {},
  ): Promise<string> {
    const start = await agent.get(`/signin/${slug}`);
    expect(start.statusCode, start.body).toBe(303);
    const back = await authorize(String(start.headers.location), login, options);
    expect(back.startsWith(`${SITE}/signin/${slug}/callback?`)).toBe(true);
    return back.slice(SITE.length);
  }

  async function signInWith(agent: Agent, slug: string, login: string) {
    return agent.get(await throughProvider(agent, slug, login));
  }

  const userCount = () => ctx.deps.store.users.count();

  it('lets only administrators configure providers; never shows or audits the secret', async () => {
    const signedOut = await ctx.app.inject({ method: 'GET', url: '/admin/sign-in' });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toMatch(/^\/signin\?next=/);
    const reader = new Agent(ctx.app);
    await reader.signIn((await buildUser(ctx.deps, ['reader', 'translator'])).username);
    expect((await reader.get('/admin/sign-in')).statusCode).toBe(403);
    const forged = await reader.post('/admin/sign-in', {
      kind: 'oidc',
      slug: 'evil',
      label: 'Evil',
      issuer: 'https://evil.example',
      clientId: 'x',
      clientSecret: 'y',
    });
    expect(forged.statusCode).toBe(403);
    expect(await ctx.deps.store.signIn.findProviderBySlug('evil')).toBeNull();

    const page = await admin.get('/admin/sign-in');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`${SITE}/signin/${OIDC}/callback`);
    expect(page.body).not.toContain(idp.clientSecret);
    const edit = await admin.get(
      `/admin/sign-in?edit=${(await ctx.deps.store.signIn.findProviderBySlug(OIDC))?.id ?? ''}`,
    );
    expect(edit.body).not.toContain(idp.clientSecret);
    const audit = await ctx.deps.store.audit.list({
      limit: 50,
      before: undefined,
      actionPrefix: 'sign_in_provider',
    });
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain(idp.clientSecret);
  });

  it('refuses http:// off this machine and fills the MediaWiki preset', async () => {
    const insecure = await admin.post('/admin/sign-in', {
      kind: 'oidc',
      slug: 'insecure',
      label: 'Insecure',
      issuer: 'http://id.example.org',
      clientId: 'x',
      clientSecret: 'y',
    });
    expect(insecure.statusCode).toBe(422);
    expect(insecure.body).toContain('href="#issuer"');
    const wiki = await admin.post('/admin/sign-in', {
      kind: 'mediawiki',
      slug: 'wikimedia',
      label: 'Wikimedia',
      wikiUrl: 'https://meta.wikimedia.org/w/rest.php',
      clientId: 'wiki-client',
      clientSecret: 'wiki-secret',
      newUserRole: 'translator',
    });
    expect(wiki.statusCode, wiki.body).toBe(303);
    const stored = await ctx.deps.store.signIn.findProviderBySlug('wikimedia');
    expect(stored).toMatchObject({
      kind: 'oauth2',
      authorizationEndpoint: 'https://meta.wikimedia.org/w/rest.php/oauth2/authorize',
      tokenEndpoint: 'https://meta.wikimedia.org/w/rest.php/oauth2/access_token',
      profileEndpoint: 'https://meta.wikimedia.org/w/rest.php/oauth2/resource/profile',
      subjectField: 'sub',
      usernameField: 'username',
      enabled: false,
    });
    // Edited with an empty secret: the stored one is kept.
    const kept = await admin.post(`/admin/sign-in/${stored?.id ?? ''}`, {
      kind: 'mediawiki',
      slug: 'wikimedia',
      label: 'Wikimedia account',
      wikiUrl: 'https://meta.wikimedia.org/w/rest.php',
      clientId: 'wiki-client',
      clientSecret: '',
      newUserRole: 'translator',
    });
    expect(kept.statusCode, kept.body).toBe(303);
    expect((await ctx.deps.store.signIn.findProviderBySlug('wikimedia'))?.clientSecret).toBe(
      'wiki-secret',
    );
    // Disabled: not offered, and its start page refuses.
    const signInPage = await new Agent(ctx.app).get('/signin');
    expect(signInPage.body).toContain(`href="/signin/${OIDC}"`);
    expect(signInPage.body).not.toContain('href="/signin/wikimedia"');
    expect((await new Agent(ctx.app).get('/signin/wikimedia')).statusCode).toBe(404);
  });

  it('signs in Милица and مريم with their names exactly as given, once each', async () => {
    const before = await userCount();
    const milica = new Agent(ctx.app);
    const done = await signInWith(milica, OIDC, 'sub-milica');
    expect(done.statusCode, done.body).toBe(303);
    expect(done.headers.location).toBe('/');
    const account = await milica.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Милица');
    const user = await ctx.deps.store.users.findByUsername('Милица');
    expect(user).toMatchObject({ username: 'Милица', displayName: 'Милица', passwordHash: null });
    // The provider's role for new accounts, with the translator role the site gives at sign-up.
    expect([...(user?.roles ?? [])].sort()).toEqual(['author', 'reader', 'translator']);
    expect(user?.email.endsWith('.invalid')).toBe(true);

    const maryam = new Agent(ctx.app);
    expect((await signInWith(maryam, OIDC, 'sub-maryam')).statusCode).toBe(303);
    const arabic = await ctx.deps.store.users.findByUsername('مريم');
    expect(arabic).toMatchObject({ username: 'مريم', displayName: 'مريم' });
    expect(arabic?.email).toBe('maryam@example.org');
    expect(await userCount()).toBe(before + 2);

    // Signing in again finds the same account by its subject.
    const again = new Agent(ctx.app);
    expect((await signInWith(again, OIDC, 'sub-milica')).statusCode).toBe(303);
    expect(await userCount()).toBe(before + 2);
    const profile = await again.get('/account');
    expect(profile.body).toContain('Милица');
  });

  it('gives an invalid or taken name a distinct account and says so', async () => {
    const jane = new Agent(ctx.app);
    const welcome = await signInWith(jane, OIDC, 'sub-jane');
    expect(welcome.statusCode, welcome.body.slice(0, 3000)).toBe(200);
    expect(welcome.body).toContain('Jane_Doe');
    const derived = await ctx.deps.store.users.findByUsername('Jane_Doe');
    expect(derived?.displayName).toBe('Jane Doe');

    const local = await buildUser(ctx.deps, ['reader'], { username: 'taken_name' });
    const taken = new Agent(ctx.app);
    const page = await signInWith(taken, OIDC, 'sub-taken');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('taken_name-2');
    const second = await ctx.deps.store.users.findByUsername('taken_name-2');
    expect(second?.id).not.toBe(local.id);
    expect(second?.displayName).toBe('taken_name');
    // The local person's account is untouched and not linked.
    expect(await ctx.deps.store.signIn.identitiesOf(local.id)).toEqual([]);

    const other = new Agent(ctx.app);
    expect((await signInWith(other, OIDC, 'sub-other-taken')).statusCode).toBe(200);
    expect(await ctx.deps.store.users.findByUsername('Taken_Name-3')).not.toBeNull();
  });

  it('reads the profile endpoint of a plain OAuth 2 provider', async () => {
    const agent = new Agent(ctx.app);
    const done = await signInWith(agent, OAUTH2, 'sub-second');
    expect(done.statusCode, done.body).toBe(303);
    const user = await ctx.deps.store.users.findByUsername('Second');
    expect(user?.roles).toEqual(['reader', 'translator']);
  });

  it('refuses forged, replayed and other-browser states, creating nothing', async () => {
    const agent = new Agent(ctx.app);
    const callback = await throughProvider(agent, OIDC, 'sub-linker');
    const before = await userCount();
    const forged = await agent.get(callback.replace(/state=[^&]+/, 'state=forged-state-value'));
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('not valid');
    expect(await userCount()).toBe(before);

    // The right state in another browser (without the flow's cookie): refused, and used up.
    const stranger = new Agent(ctx.app);
    expect((await stranger.get(callback)).statusCode).toBe(400);
    expect((await agent.get(callback)).statusCode).toBe(400);
    expect(await userCount()).toBe(before);
    expect(
      await ctx.deps.store.signIn.findIdentity(
        (await ctx.deps.store.signIn.findProviderBySlug(OIDC))?.id ?? '',
        'sub-linker',
      ),
    ).toBeNull();

    // A completed callback replayed: refused.
    const once = new Agent(ctx.app);
    const path = await throughProvider(once, OIDC, 'sub-maryam');
    const cookie = once.cookies.get('polyphony_sso') ?? '';
    expect((await once.get(path)).statusCode).toBe(303);
    const replay = await ctx.app.inject({
      method: 'GET',
      url: path,
      headers: { cookie: `polyphony_sso=${cookie}` },
    });
    expect(replay.statusCode).toBe(400);
  });

  it("shows the provider's error and creates nothing", async () => {
    const before = await userCount();
    const agent = new Agent(ctx.app);
    const callback = await throughProvider(agent, OIDC, 'sub-linker', { abort: true });
    expect(callback).toContain('error=access_denied');
    const page = await agent.get(callback);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('access_denied');
    expect(page.body).toContain('did not let you sign in');
    expect(await userCount()).toBe(before);
  });

  it('links and unlinks from the account page; keeps the last way to sign in', async () => {
    const local = await buildUser(ctx.deps, ['reader'], { username: 'linker_local' });
    const agent = new Agent(ctx.app);
    await agent.signIn(local.username);
    const account = await agent.get('/account');
    expect(account.body).toContain('Sign-in accounts');
    expect(account.body).toContain(`action="/account/sign-in/${OIDC}/link"`);
    const start = await agent.post(`/account/sign-in/${OIDC}/link`);
    // A page that sends the browser on (the CSP's form-action keeps redirects on this site).
    expect(start.statusCode).toBe(200);
    const providerUrl = String(start.headers.refresh).replace(/^0;url=/, '');
    expect(providerUrl.startsWith(`${idp.issuer}/auth?`)).toBe(true);
    expect(start.body).toContain('http-equiv="refresh"');
    const back = await authorize(providerUrl, 'sub-linker');
    const linked = await agent.get(back.slice(SITE.length));
    expect(linked.statusCode, linked.body).toBe(303);
    expect(linked.headers.location).toBe('/account?sso=linked');
    const shown = await agent.get('/account?sso=linked');
    expect(shown.body).toContain('The account is linked');
    expect(shown.body).toContain('Linker');

    // Signing in with the provider now opens the local account.
    const elsewhere = new Agent(ctx.app);
    expect((await signInWith(elsewhere, OIDC, 'sub-linker')).statusCode).toBe(303);
    expect((await elsewhere.get('/account')).body).toContain(local.displayName);

    // An identity linked to someone else cannot be linked here.
    const start2 = await agent.post(`/account/sign-in/${OAUTH2}/link`);
    const back2 = await authorize(
      String(start2.headers.refresh).replace(/^0;url=/, ''),
      'sub-second',
    );
    const refused = await agent.get(back2.slice(SITE.length));
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("already linked to another person's account");

    // Unlink (the account has a password): done.
    const unlinked = await agent.post(`/account/sign-in/${OIDC}/unlink`);
    expect(unlinked.statusCode).toBe(303);
    expect(await ctx.deps.store.signIn.identitiesOf(local.id)).toEqual([]);

    // Милица has no password and one provider: unlinking it is refused.
    const milica = new Agent(ctx.app);
    await signInWith(milica, OIDC, 'sub-milica');
    const last = await milica.post(`/account/sign-in/${OIDC}/unlink`);
    expect(last.statusCode).toBe(422);
    expect(last.body).toContain('only way to sign in');
    const user = await ctx.deps.store.users.findByUsername('Милица');
    expect(await ctx.deps.store.signIn.identitiesOf(user?.id ?? '')).toHaveLength(1);
  });

  it('refuses outsiders and suspended accounts', async () => {
    for (const url of [`/account/sign-in/${OIDC}/link`, `/account/sign-in/${OIDC}/unlink`])
      expect((await ctx.app.inject({ method: 'POST', url })).statusCode, url).toBe(401);
    const maryam = await ctx.deps.store.users.findByUsername('مريم');
    await ctx.deps.store.users.setSuspension(maryam?.id ?? '', {
      at: new Date().toISOString(),
      by: maryam?.id ?? '',
      reason: 'test',
    });
    const agent = new Agent(ctx.app);
    const refused = await signInWith(agent, OIDC, 'sub-maryam');
    expect(refused.statusCode).toBe(403);
    expect(agent.cookies.has('pp_session')).toBe(false);
  });
});

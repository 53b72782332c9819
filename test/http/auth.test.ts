/**
 * Sign-up, sign-in, sign-out, rate limiting and password reset through HTTP, on each engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/auth/auth.service.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const PASSWORD = 'correct horse battery';
const WRONG = 'User name, e-mail or password is wrong';

/** The page without its per-response CSRF token, to compare two answers. */
const withoutToken = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');

describe.each(engines())('authentication on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  it('signs up a Unicode user name and signs in with it in another case', async () => {
    const agent = new Agent(ctx.app);
    await agent.get('/signup');
    const signUp = await agent.post('/signup', {
      username: 'Милица',
      displayName: 'Милица Јовић',
      email: 'milica@example.org',
      password: 'лозинка-довољно-дуга',
      timeZone: 'Europe/Belgrade',
      next: '/',
    });
    expect(signUp.statusCode, signUp.body).toBe(303);
    expect(agent.cookies.has('pp_session')).toBe(true);
    expect((await agent.get('/en/')).body).toContain('Милица Јовић');

    const stored = await ctx.deps.store.users.findByEmail('milica@example.org');
    expect(stored?.username).toBe('Милица');
    expect(stored?.displayName).toBe('Милица Јовић');
    expect(stored?.roles).toEqual(expect.arrayContaining(['reader']));
    expect(stored?.roles).not.toContain('author');
    // Stored as an argon2id hash, never as the password.
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain('лозинка');

    const other = new Agent(ctx.app);
    await other.get('/signin');
    const signIn = await other.post('/signin', {
      login: 'милица',
      password: 'лозинка-довољно-дуга',
      next: '/write',
    });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/write');
    expect(other.cookies.has('pp_session')).toBe(true);
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const wrongPassword = await new Agent(ctx.app).post('/signin', {
      login: user.username,
      password: 'not the password',
    });
    const unknownUser = await new Agent(ctx.app).post('/signin', {
      login: 'nobody-by-this-name',
      password: PASSWORD,
    });
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain(WRONG);
      expect(res.cookies.find((c) => c.name === 'pp_session')).toBeUndefined();
    }
  });

  it('ends the session on sign-out: the old cookie no longer works', async () => {
    const user = await buildUser(ctx.deps, ['author']);
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    const token = agent.cookies.get('pp_session');
    expect(token).toBeTruthy();
    const withCookie = () =>
      ctx.app.inject({
        method: 'GET',
        url: '/write',
        headers: { cookie: `pp_session=${token}`, accept: 'text/html' },
      });
    expect((await withCookie()).statusCode).toBe(200);

    const out = await agent.post('/signout');
    expect(out.statusCode).toBe(303);
    expect(agent.cookies.has('pp_session')).toBe(false);
    const after = await withCookie();
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/signin?next=%2Fwrite');
  });

  it('refuses a taken user name (in any case) or e-mail with 422 naming the field', async () => {
    const existing = await createUser(ctx.deps, {
      username: 'Ана_Петровић',
      displayName: 'Ана Петровић',
      email: 'ana.petrovic@example.org',
      password: PASSWORD,
    });
    const before = await ctx.deps.store.users.count();

    const agent = new Agent(ctx.app);
    const sameName = await agent.post('/signup', {
      username: 'АНА_ПЕТРОВИЋ',
      displayName: 'Another Ana',
      email: 'another.ana@example.org',
      password: PASSWORD,
    });
    expect(sameName.statusCode).toBe(422);
    expect(sameName.body).toContain('href="#username"');
    expect(sameName.body).toContain('This user name is already taken');
    expect(sameName.body).not.toContain('href="#email"');

    const sameEmail = await agent.post('/signup', {
      username: 'ana-two',
      displayName: 'Ana Two',
      email: existing.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(sameEmail.statusCode).toBe(422);
    expect(sameEmail.body).toContain('href="#email"');
    expect(sameEmail.body).toContain('An account with this e-mail already exists');
    expect(sameEmail.body).not.toContain('href="#username"');

    expect(await ctx.deps.store.users.count()).toBe(before);
  });

  it('resets a password by e-mail link, once', async () => {
    const user = await buildUser(ctx.deps, ['author']);
    const earlier = new Agent(ctx.app);
    await earlier.signIn(user.username);
    ctx.mail.length = 0;

    const agent = new Agent(ctx.app);
    await agent.get('/password/forgot');
    const forgot = await agent.post('/password/forgot', { email: user.email });
    expect(forgot.statusCode).toBe(200);
    expect(ctx.mail).toHaveLength(1);
    const message = ctx.mail[0]!;
    expect(message.to).toBe(user.email);
    expect(message.subject).toContain('reset your password');
    const link = /http:\/\/localhost:3000(\/password\/reset\/([A-Za-z0-9_-]+))/.exec(message.text);
    expect(link).not.toBeNull();
    const [, path, token] = link!;

    const form = await agent.get(path!);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(token);

    const reset = await agent.post(path!, { password: 'a brand new passphrase' });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/signin?reset=1');

    // The old password fails, the new one works, and sessions from before are ended.
    const old = await new Agent(ctx.app).post('/signin', {
      login: user.username,
      password: PASSWORD,
    });
    expect(old.statusCode).toBe(401);
    const fresh = new Agent(ctx.app);
    await fresh.signIn(user.username, 'a brand new passphrase');
    expect((await earlier.get('/write')).statusCode).toBe(303);

    // The token is spent.
    const again = await agent.post(path!, { password: 'yet another passphrase' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('This reset link is invalid, used or expired');
    const stillNew = new Agent(ctx.app);
    await stillNew.signIn(user.username, 'a brand new passphrase');
  });

  it('answers the same page for an unknown e-mail and sends nothing', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    ctx.mail.length = 0;
    const agent = new Agent(ctx.app);
    const known = await agent.post('/password/forgot', { email: user.email });
    expect(ctx.mail).toHaveLength(1);
    const unknown = await agent.post('/password/forgot', { email: 'nobody@example.org' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(withoutToken(unknown.body)).toBe(withoutToken(known.body));
    expect(ctx.mail).toHaveLength(1);
  });

  it('refuses a reset with an unknown token and leaves the password alone', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const res = await new Agent(ctx.app).post('/password/reset/not-a-real-token', {
      password: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(422);
    await new Agent(ctx.app).signIn(user.username);
  });

  it('answers the sign-in after the limit with 429', async () => {
    const limited = await startTestApp(engine, { signInRateLimit: 3 });
    try {
      const user = await buildUser(limited.deps, ['reader']);
      const agent = new Agent(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await agent.post('/signin', { login: user.username, password: 'wrong one' });
        statuses.push(res.statusCode);
        if (i === 3) expect(res.body).toContain('Too many sign-in attempts');
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Even the right password waits for the window to pass.
      const right = await agent.post('/signin', { login: user.username, password: PASSWORD });
      expect(right.statusCode).toBe(429);
      expect(right.cookies.find((c) => c.name === 'pp_session')).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

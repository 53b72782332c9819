/**
 * Sign-in, sign-up and reset limits through HTTP, on each engine: X-Forwarded-For is ignored
 * unless TRUST_PROXY names the proxy, so a client cannot pick its address; failures against
 * one account are limited whatever address they come from (counted in the database), until
 * the window passes or the password is reset; the pages say how long to wait, in the
 * reader's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { movableClock, postFrom, startedSession } from './auth-helpers.js';

const PASSWORD = 'correct horse battery';

const LIMITS = {
  signInFailures: { max: 3, windowSeconds: 900 },
  passwordResetRequests: { max: 2, windowSeconds: 3600 },
  signUpsPerEmail: { max: 2, windowSeconds: 3600 },
};

/** A fresh client address for each call (documentation ranges: nothing is ever sent there). */
let next = 0;
const fresh = () => {
  next += 1;
  const ranges = ['192.0.2', '198.51.100', '203.0.113'];
  return `${ranges[Math.floor(next / 250) % 3]}.${(next % 250) + 1}`;
};

describe.each(engines())('sign-in defences on $name', (engine) => {
  // Small limits, X-Forwarded-For not trusted (the default). Each test uses its own addresses.
  let ctx: TestContext;
  let clock: { advance(ms: number): void };
  // Production's account limits, behind a trusted proxy (app.inject() connects from 127.0.0.1).
  let proxied: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine, {
      requestLimits: {
        signInPerAddress: 3,
        signUpPerAddress: 2,
        resetRequestsPerAddress: 2,
        resetsPerAddress: 2,
      },
      accountLimits: LIMITS,
    });
    clock = movableClock(ctx.deps);
    proxied = await startTestApp(engine, { signInRateLimit: 3, trustProxy: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await ctx.close();
    await proxied.close();
  });

  it('ignores X-Forwarded-For by default: the per-address limit holds', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    const address = fresh();
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i += 1) {
      const res = await postFrom(
        ctx.app,
        agent,
        '/signin',
        { login: `nobody-${i}`, password: 'wrong one' },
        { address, headers: { 'x-forwarded-for': fresh() } },
      );
      statuses.push(res.statusCode);
      if (i === 4) {
        expect(res.body).toContain('Too many sign-in attempts');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The same address stays limited for a real account too.
    const right = await postFrom(
      ctx.app,
      agent,
      '/signin',
      { login: user.username, password: PASSWORD },
      { address },
    );
    expect(right.statusCode).toBe(429);
  });

  it('honours X-Forwarded-For from a proxy that TRUST_PROXY names', async () => {
    const user = await buildUser(proxied.deps, ['reader']);
    const agent = new Agent(proxied.app);
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i += 1) {
      const res = await postFrom(
        proxied.app,
        agent,
        '/signin',
        { login: user.username, password: 'wrong one' },
        { headers: { 'x-forwarded-for': fresh() } },
      );
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
  });

  it('pauses an account after ten failures from ten addresses, even for the right password', async () => {
    const user = await buildUser(proxied.deps, ['reader']);
    const other = await buildUser(proxied.deps, ['reader']);
    const agent = new Agent(proxied.app);
    for (let i = 1; i <= 10; i += 1) {
      const res = await postFrom(
        proxied.app,
        agent,
        '/signin',
        { login: i % 2 ? user.username : user.email, password: `wrong ${i}` },
        { address: fresh() },
      );
      expect(res.statusCode).toBe(401);
    }
    const right = await postFrom(
      proxied.app,
      agent,
      '/signin',
      { login: user.username, password: PASSWORD },
      { address: fresh() },
    );
    expect(right.statusCode).toBe(429);
    expect(startedSession(right)).toBe(false);
    expect(right.body).toContain('even with the right password');
    expect(right.body).toMatch(/paused for 1[45] minutes/);
    // The form stays filled in and offers the way out.
    expect(right.body).toContain(`value="${user.username}"`);
    expect(right.body).toContain('href="/password/forgot"');
    // Another account is not affected.
    const fine = await postFrom(
      proxied.app,
      new Agent(proxied.app),
      '/signin',
      { login: other.username, password: PASSWORD },
      { address: fresh() },
    );
    expect(fine.statusCode).toBe(303);
  });

  it('lets the account in again when the window has passed; a success clears the count', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    const attempt = (password: string) =>
      postFrom(ctx.app, agent, '/signin', { login: user.username, password }, { address: fresh() });

    // Two failures, then a success: the count starts again.
    expect((await attempt('wrong')).statusCode).toBe(401);
    expect((await attempt('wrong')).statusCode).toBe(401);
    expect((await attempt(PASSWORD)).statusCode).toBe(303);
    for (let i = 0; i < 3; i += 1) expect((await attempt('wrong')).statusCode).toBe(401);
    expect((await attempt(PASSWORD)).statusCode).toBe(429);

    clock.advance(14 * 60_000);
    expect((await attempt(PASSWORD)).statusCode).toBe(429);
    clock.advance(60_000 + 1000);
    const after = await attempt(PASSWORD);
    expect(after.statusCode).toBe(303);
    expect(startedSession(after)).toBe(true);
  });

  it('lifts the pause when the password is reset by e-mail', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    for (let i = 0; i < 4; i += 1)
      await postFrom(
        ctx.app,
        agent,
        '/signin',
        { login: user.username, password: 'x' },
        { address: fresh() },
      );
    const paused = await postFrom(
      ctx.app,
      agent,
      '/signin',
      { login: user.username, password: PASSWORD },
      { address: fresh() },
    );
    expect(paused.statusCode).toBe(429);

    ctx.mail.length = 0;
    await postFrom(ctx.app, agent, '/password/forgot', { email: user.email }, { address: fresh() });
    const path = /http:\/\/localhost:3000(\/password\/reset\/[A-Za-z0-9_-]+)/.exec(
      ctx.mail[0]?.text ?? '',
    )?.[1];
    expect(path).toBeDefined();
    const reset = await postFrom(
      ctx.app,
      agent,
      path!,
      { password: 'a brand new passphrase' },
      { address: fresh() },
    );
    expect(reset.statusCode).toBe(303);
    const back = await postFrom(
      ctx.app,
      agent,
      '/signin',
      { login: user.username, password: 'a brand new passphrase' },
      { address: fresh() },
    );
    expect(back.statusCode).toBe(303);
  });

  it('says so in the reader’s language', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const agent = new Agent(ctx.app);
    const form = { login: user.username, password: 'x' };
    let last = await postFrom(ctx.app, agent, '/signin', form, { address: fresh() });
    for (let i = 0; i < 3; i += 1)
      last = await postFrom(ctx.app, agent, '/signin', form, {
        address: fresh(),
        headers: { 'accept-language': 'es' },
      });
    expect(last.statusCode).toBe(429);
    expect(last.body).toContain('incluso con la contraseña correcta');
    expect(last.body).toMatch(/durante 1[45] minutos/);
  });

  it('limits reset e-mails per address, alike for known and unknown addresses', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    ctx.mail.length = 0;
    const agent = new Agent(ctx.app);
    const ask = (email: string) =>
      postFrom(ctx.app, agent, '/password/forgot', { email }, { address: fresh() });
    const known = [
      await ask(user.email),
      await ask(user.email.toUpperCase()),
      await ask(user.email),
    ];
    const unknown = [
      await ask('nobody@example.org'),
      await ask('nobody@example.org'),
      await ask('nobody@example.org'),
    ];
    expect(known.map((r) => r.statusCode)).toEqual([200, 200, 429]);
    expect(unknown.map((r) => r.statusCode)).toEqual([200, 200, 429]);
    expect(known[2]?.body).toContain('Too many reset links were asked for');
    expect(ctx.mail).toHaveLength(2);
  });

  it('limits reset e-mails and new passwords per address, whatever X-Forwarded-For says', async () => {
    const agent = new Agent(ctx.app);
    const address = fresh();
    const spoofed = () => ({ address, headers: { 'x-forwarded-for': fresh() } });
    const asks = [];
    for (let i = 1; i <= 3; i += 1)
      asks.push(
        await postFrom(
          ctx.app,
          agent,
          '/password/forgot',
          { email: `someone${i}@example.org` },
          spoofed(),
        ),
      );
    expect(asks.map((r) => r.statusCode)).toEqual([200, 200, 429]);
    const sets = [];
    for (let i = 1; i <= 3; i += 1)
      sets.push(
        await postFrom(
          ctx.app,
          agent,
          `/password/reset/guess-${i}`,
          { password: 'a brand new passphrase' },
          spoofed(),
        ),
      );
    expect(sets.map((r) => r.statusCode)).toEqual([422, 422, 429]);
    expect(sets[2]?.body).toContain('Too many attempts from your network');
  });

  it('limits sign-ups per address whatever X-Forwarded-For says, and per e-mail', async () => {
    const form = (name: string, email = `${name}@example.org`) => ({
      username: name,
      displayName: `Newcomer ${name}`,
      email,
      password: PASSWORD,
      timeZone: 'UTC',
    });
    const address = fresh();
    const statuses: number[] = [];
    for (const name of ['newcomer-a', 'newcomer-b', 'newcomer-c']) {
      const res = await postFrom(ctx.app, new Agent(ctx.app), '/signup', form(name), {
        address,
        headers: { 'x-forwarded-for': fresh() },
      });
      statuses.push(res.statusCode);
      if (name === 'newcomer-c') {
        expect(res.body).toContain('Too many accounts were created from your network');
        expect(res.body).toContain('value="newcomer-c"');
      }
    }
    expect(statuses).toEqual([303, 303, 429]);
    expect(await ctx.deps.store.users.findByEmail('newcomer-c@example.org')).toBeNull();

    // Per e-mail, from three different addresses.
    const byEmail: number[] = [];
    for (const name of ['joiner-a', 'joiner-b', 'joiner-c']) {
      const res = await postFrom(
        ctx.app,
        new Agent(ctx.app),
        '/signup',
        form(name, 'same@example.org'),
        { address: fresh() },
      );
      byEmail.push(res.statusCode);
      if (name === 'joiner-c')
        expect(res.body).toContain('Too many attempts to create an account with this e-mail');
    }
    expect(byEmail).toEqual([303, 422, 429]);
  });
});

/**
 * The return address `next` through HTTP, on each engine: what a browser would follow off-site
 * comes back as `/`, non-ASCII is percent-encoded, and no value gives a 500 — on the form, after
 * a successful sign-in or sign-up, and on the language switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const PASSWORD = 'correct horse battery';

/** [raw value of next, where a successful sign-in must go] */
const CASES: [string, string][] = [
  ['/\t/evil.example', '/'],
  ['/%09/evil.example', '/'],
  ['//evil.example', '/'],
  ['/\\evil.example', '/'],
  ['https://evil.example', '/'],
  ['javascript:alert(1)', '/'],
  ['/a\r\nSet-Cookie:x', '/'],
  ['/..//evil.example', '/'],
  ['/ünïcödé?q=ß', '/%C3%BCn%C3%AFc%C3%B6d%C3%A9?q=%C3%9F'],
  ['/✓', '/%E2%9C%93'],
  ['/write', '/write'],
];

const hiddenNext = (html: string) => /name="next" value="([^"]*)"/.exec(html)?.[1];

describe.each(engines())('return address after sign-in on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  it.each(CASES)('the sign-in form keeps only a safe next for %j', async (raw, safe) => {
    const page = await new Agent(ctx.app).get(`/signin?next=${encodeURIComponent(raw)}`);
    expect(page.statusCode).toBe(200);
    expect(hiddenNext(page.body)).toBe(safe);
    expect(page.body).toContain(`href="/signup?next=${encodeURIComponent(safe)}"`);
  });

  it.each(CASES)('a successful sign-in with next %j goes to %j', async (raw, safe) => {
    const user = await buildUser(ctx.deps, ['reader']);
    const response = await new Agent(ctx.app).post('/signin', {
      login: user.username,
      password: PASSWORD,
      next: raw,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(safe);
    expect(response.cookies.map((c) => c.name)).not.toContain('x');
  });

  it('a successful sign-up with a non-ASCII or header-breaking next redirects, never a 500', async () => {
    for (const [i, [raw, safe]] of [
      ['/✓?q=ß', '/%E2%9C%93?q=%C3%9F'],
      ['/a\r\nSet-Cookie:x', '/'],
      ['/\t/evil.example', '/'],
    ].entries()) {
      const agent = new Agent(ctx.app);
      const response = await agent.post('/signup', {
        username: `next-tester-${i}-${engine.name}`,
        displayName: 'Next Tester',
        email: `next-tester-${i}@example.org`,
        password: PASSWORD,
        timeZone: 'UTC',
        next: raw!,
      });
      expect(response.statusCode, response.body).toBe(303);
      expect(response.headers.location).toBe(safe);
    }
  });

  it('the sign-up form keeps only a safe next', async () => {
    const page = await new Agent(ctx.app).get(`/signup?next=${encodeURIComponent('/\t/evil')}`);
    expect(page.statusCode).toBe(200);
    expect(hiddenNext(page.body)).toBe('/');
  });

  it('the language switch does not follow a next that leaves the site', async () => {
    const agent = new Agent(ctx.app);
    const off = await agent.get(`/language/es?next=${encodeURIComponent('/\t/evil.example')}`);
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/es/');
    const unicode = await agent.get(`/language/es?next=${encodeURIComponent('/es/ü')}`);
    expect(unicode.statusCode).toBe(303);
    expect(unicode.headers.location).toBe('/es/%C3%BC');
  });
});

/**
 * The account page (/account) through HTTP on every engine: only signed-in people reach it
 * and its forms need CSRF; the profile (display name, bio, time zone, avatar among the
 * images the person uploaded, languages they translate) is saved and every problem names its
 * field; a password change needs the current password and signs out the other sessions; "sign
 * out of all sessions" ends every session, this one included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pngBytes, upload } from './http-helpers.js';

describe.each(engines())('account page on $name', (engine) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  const signedIn = async (user: UserRecord, password?: string) => {
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username, password);
    return agent;
  };
  const profile = (overrides: Record<string, string | string[]> = {}) => ({
    displayName: 'Amina Njoroge',
    bio: 'Translator from Nairobi.',
    timeZone: 'Africa/Nairobi',
    avatarMediaId: '',
    languages: ['sw', 'en'],
    ...overrides,
  });

  it('is only for signed-in people; forms need CSRF', async () => {
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/account');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Faccount');
    for (const url of ['/account/profile', '/account/password', '/account/signout-everywhere'])
      expect((await visitor.post(url, profile())).statusCode, url).toBe(401);
    const reader = await buildUser(ctx.deps, ['reader']);
    const agent = await signedIn(reader);
    const mine = await agent.get('/account');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('<option value="Africa/Nairobi"');
    const noCsrf = await agent.post('/account/profile', profile(), { withCsrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect((await ctx.deps.store.users.findById(reader.id))?.displayName).toBe(reader.displayName);
  });

  it('saves the profile, languages and an avatar chosen among one’s own uploads', async () => {
    const person = await buildUser(ctx.deps, ['author', 'translator']);
    const other = await buildUser(ctx.deps, ['author']);
    const agent = await signedIn(person);
    const otherAgent = await signedIn(other);
    const png = await pngBytes(400, 400);
    const mineUpload = await upload(
      ctx.app,
      agent,
      { name: 'me.png', data: png },
      { expect: 'image' },
    );
    expect(mineUpload.statusCode).toBe(201);
    const theirs = await upload(
      ctx.app,
      otherAgent,
      { name: 'them.png', data: png },
      { expect: 'image' },
    );
    const mineId = mineUpload.json<{ id: string }>().id;
    const theirId = theirs.json<{ id: string }>().id;

    const page = await agent.get('/account');
    expect(page.body).toContain(`<option value="${mineId}"`);
    expect(page.body).not.toContain(`<option value="${theirId}"`);

    const saved = await agent.post('/account/profile', profile({ avatarMediaId: mineId }));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?done=profile');
    const user = await ctx.deps.store.users.findById(person.id);
    expect(user).toMatchObject({
      displayName: 'Amina Njoroge',
      bio: 'Translator from Nairobi.',
      timeZone: 'Africa/Nairobi',
      avatarMediaId: mineId,
    });
    expect(await ctx.deps.store.users.translateLanguages(person.id)).toEqual(['en', 'sw']);
    const shown = await agent.get('/account?done=profile');
    expect(shown.body).toContain('Profile saved.');
    expect(shown.body).toContain('class="avatar"');
    expect(shown.body).toMatch(/<input type="checkbox" name="languages" value="sw" checked/);

    // Every problem names its field, and what was typed is shown again.
    const refused = await agent.post(
      '/account/profile',
      profile({
        displayName: '',
        timeZone: 'Mars/Olympus',
        avatarMediaId: theirId,
        languages: ['not a tag!'],
        bio: 'Kept as typed',
      }),
    );
    expect(refused.statusCode).toBe(422);
    for (const field of ['displayName', 'timeZone', 'avatarMediaId', 'languages'])
      expect(refused.body.includes(`href="#${field}"`), field).toBe(true);
    expect(refused.body).toContain('Kept as typed');
    expect((await ctx.deps.store.users.findById(person.id))?.avatarMediaId).toBe(mineId);
  });

  it('changes the password with the current one and signs out the other sessions', async () => {
    const person = await buildUser(ctx.deps, ['reader']);
    const here = await signedIn(person);
    const elsewhere = await signedIn(person);
    const wrong = await here.post('/account/password', {
      currentPassword: 'not my password',
      newPassword: 'a much better secret',
      confirmPassword: 'a much better secret',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#currentPassword"');
    const short = await here.post('/account/password', {
      currentPassword: 'correct horse battery',
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('href="#newPassword"');
    const differ = await here.post('/account/password', {
      currentPassword: 'correct horse battery',
      newPassword: 'a much better secret',
      confirmPassword: 'a much better secreT',
    });
    expect(differ.statusCode).toBe(422);
    expect(differ.body).toContain('href="#confirmPassword"');
    expect((await elsewhere.get('/account')).statusCode).toBe(200);

    const changed = await here.post('/account/password', {
      currentPassword: 'correct horse battery',
      newPassword: 'a much better secret',
      confirmPassword: 'a much better secret',
    });
    expect(changed.statusCode).toBe(303);
    expect((await here.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    await expect(signedIn(person)).rejects.toThrow(/sign-in failed/);
    expect((await signedIn(person, 'a much better secret')).cookies.size).toBeGreaterThan(0);
  });

  it('signs out of every session, this one included', async () => {
    const person = await buildUser(ctx.deps, ['reader']);
    const here = await signedIn(person);
    const elsewhere = await signedIn(person);
    const out = await here.post('/account/signout-everywhere');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/signin');
    expect((await here.get('/account')).statusCode).toBe(303);
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    // Signing in again works.
    expect((await (await signedIn(person)).get('/account')).statusCode).toBe(200);
  });
});

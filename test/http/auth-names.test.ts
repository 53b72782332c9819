/**
 * Look-alike user names through HTTP, on each engine: the six confusables of the issue are
 * refused when the original exists, names in other scripts are welcome, and two simultaneous
 * sign-ups of look-alike names give exactly one account (the database's unique index decides;
 * the other gets a validation error on `username`, never a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import { createUser } from '../../src/services/auth/auth.service.js';
import { Agent, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const PASSWORD = 'correct horse battery';

let n = 0;
const form = (username: string) => {
  n += 1;
  return {
    username,
    displayName: `Person ${n}`,
    email: `person${n}@example.org`,
    password: PASSWORD,
    timeZone: 'UTC',
  };
};

describe.each(engines())('look-alike user names on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine, { requestLimits: { signUpPerAddress: 1000 } });
    await createUser(ctx.deps, form('marisol'));
  });
  afterAll(() => ctx.close());

  it.each([
    ['a Cyrillic а', 'm\u0430risol', 'looks like one that is already taken'],
    ['a Greek ο', 'maris\u03BFl', 'looks like one that is already taken'],
    ['U+034F (combining grapheme joiner)', 'mar\u034Fisol', 'invisible characters (U+034F'],
    ['U+3164 (Hangul filler)', 'mari\u3164sol', 'invisible characters (U+3164'],
    ['U+FE0F (variation selector)', 'marisol\uFE0F', 'invisible characters (U+FE0F'],
    ['U+180B (Mongolian variation selector)', 'mari\u180Bsol', 'invisible characters (U+180B'],
    ['a capital and a Cyrillic а', 'M\u0430risol', 'looks like one that is already taken'],
    ['a capital only (the same name)', 'Marisol', 'This user name is already taken'],
  ])('refuses the name with %s', async (_label, username, message) => {
    const before = await ctx.deps.store.users.count();
    const response = await new Agent(ctx.app).post('/signup', form(username));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#username"');
    expect(response.body).toContain(message);
    expect(response.body).not.toContain('href="#email"');
    expect(await ctx.deps.store.users.count()).toBe(before);
  });

  it.each(['Јована', 'محمد', '田中', 'Ана', 'Marisol2'])('welcomes %j', async (username) => {
    const response = await new Agent(ctx.app).post('/signup', form(username));
    expect(response.statusCode, response.body).toBe(303);
  });

  it('lets exactly one of two simultaneous look-alike sign-ups in', async () => {
    const before = await ctx.deps.store.users.count();
    const [a, b] = await Promise.all([
      new Agent(ctx.app).post('/signup', form('kwame')),
      new Agent(ctx.app).post('/signup', form('kw\u0430me')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 422]);
    const loser = a.statusCode === 422 ? a : b;
    expect(loser.body).toContain('href="#username"');
    expect(await ctx.deps.store.users.count()).toBe(before + 1);
  });

  it('refuses the loser of a race in the service with a ValidationError on username', async () => {
    const results = await Promise.allSettled([
      createUser(ctx.deps, form('abena')),
      createUser(ctx.deps, form('\u0430bena')),
      createUser(ctx.deps, form('ABENA')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      expect(r.reason).toBeInstanceOf(ValidationError);
      expect((r.reason as ValidationError).problems.map((p) => p.field)).toEqual(['username']);
    }
  });
});

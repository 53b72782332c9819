/**
 * Acceptance: every route has an authorization rule, and signed-out visitors and readers are
 * refused where they must be; a form post without its CSRF token is refused and saves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteRule } from '../../src/http/app.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { pngBytes, postForm, postIdFrom, upload } from './http-helpers.js';

const roleRules = new Set(['author', 'editor', 'admin', 'reviewer', 'translator']);

/** Fills route parameters with plausible values so the router reaches the route. */
function concrete(url: string): string {
  return url
    .replace(':id', '00000000-0000-4000-8000-000000000000')
    .replace(':number', '1')
    .replace(':slug', 'some-slug')
    .replace(':token', 'some-token')
    .replace(':lang', 'en')
    .replace(':yyyy', '2024')
    .replace(':mm', '01')
    .replace(':dd', '02')
    .replace(':file', 'app.js')
    .replace('*', '2024/01/x.png');
}

describe.each(engines())('access rules on $name', (engine) => {
  let ctx: TestContext;
  let rules: RouteRule[];
  let reader: Agent;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    rules = ctx.app.routeTable.filter((r) => r.method !== 'HEAD');
    const user = await buildUser(ctx.deps, ['reader']);
    reader = new Agent(ctx.app);
    await reader.signIn(user.username);
  });
  afterAll(() => ctx.close());

  it('lists every route with its rule, including the known ones', () => {
    expect(rules.length).toBeGreaterThan(20);
    const rule = (method: string, url: string) =>
      rules.find((r) => r.method === method && r.url === url)?.access;
    expect(rule('POST', '/write/new')).toBe('author');
    expect(rule('POST', '/write/:id/publish')).toBe('editor');
    expect(rule('POST', '/write/:id/unpublish')).toBe('editor');
    expect(rule('POST', '/write/:id/pin')).toBe('editor');
    expect(rule('GET', '/admin')).toBe('admin');
    expect(rule('POST', '/media')).toBe('author');
    expect(rule('GET', '/')).toBe('public');
    expect(rule('POST', '/signin')).toBe('public');
    // Probes and the scraper carry no session: /metrics has its own bearer token (METRICS_TOKEN).
    for (const url of ['/healthz', '/readyz', '/metrics'])
      expect(rule('GET', url), url).toBe('public');
    // Feeds are for readers: every listing's feed (event and month ones included) is public.
    for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
      expect(rule('GET', `/:lang/${file}`), file).toBe('public');
      expect(rule('GET', `/:lang/:kind/:slug/${file}`), file).toBe('public');
    }
    for (const r of rules) {
      expect(['public', 'signed-in', ...roleRules], `${r.method} ${r.url}`).toContain(r.access);
    }
  });

  it('redirects a signed-out visitor asking for a protected page to sign-in', async () => {
    const protectedGets = rules.filter((r) => r.method === 'GET' && r.access !== 'public');
    expect(protectedGets.length).toBeGreaterThan(5);
    for (const r of protectedGets) {
      const url = concrete(r.url);
      const res = await ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, `GET ${r.url}`).toBe(303);
      expect(res.headers.location, `GET ${r.url}`).toBe(`/signin?next=${encodeURIComponent(url)}`);
    }
  });

  it('answers 401 to a signed-out POST to a protected route, even with a valid CSRF token', async () => {
    const visitor = new Agent(ctx.app);
    await visitor.get('/signin');
    expect(visitor.csrf).not.toBe('');
    const protectedPosts = rules.filter((r) => r.method === 'POST' && r.access !== 'public');
    expect(protectedPosts.length).toBeGreaterThan(10);
    for (const r of protectedPosts) {
      const res = await visitor.post(concrete(r.url), { baseRevision: '1' });
      expect(res.statusCode, `POST ${r.url}`).toBe(401);
      expect(res.json<{ error: string }>().error, `POST ${r.url}`).toBe('unauthenticated');
    }
  });

  it('answers 403 to a reader on every route that needs a higher role', async () => {
    const roleRoutes = rules.filter((r) => roleRules.has(r.access));
    expect(roleRoutes.length).toBeGreaterThan(10);
    for (const r of roleRoutes) {
      const url = concrete(r.url);
      const res =
        r.method === 'GET' ? await reader.get(url) : await reader.post(url, { baseRevision: '1' });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      // The access rule refused (not the CSRF check, which also answers 403).
      expect(res.json<{ message: string }>().message, `${r.method} ${r.url}`).toBe(
        `This needs the ${String(r.access)} role`,
      );
    }
  });

  it('lets a signed-in reader reach public pages', async () => {
    expect((await reader.get('/en/')).statusCode).toBe(200);
    expect((await reader.get('/signin')).statusCode).toBe(200);
    // A listing's feed answers a signed-in reader as it does a visitor (an empty month here).
    expect((await reader.get('/en/2024/01/feed.xml')).statusCode).toBe(200);
  });

  it('refuses an author who is not an author of the post, and a plain author who publishes', async () => {
    const owner = await buildUser(ctx.deps, ['author']);
    const outsider = await buildUser(ctx.deps, ['author']);
    const ownerAgent = new Agent(ctx.app);
    await ownerAgent.signIn(owner.username);
    const id = postIdFrom(
      await ownerAgent.post('/write/new', postForm([owner.id], { title: 'Mine' })),
    );

    const other = new Agent(ctx.app);
    await other.signIn(outsider.username);
    const view = await other.get(`/write/${id}`);
    expect(view.statusCode).toBe(403);
    expect(view.body).toContain('authors and editors');
    const save = await other.post(
      `/write/${id}`,
      postForm([outsider.id], { title: 'Taken over', baseRevision: '1' }),
    );
    expect(save.statusCode).toBe(403);
    expect((await other.post(`/write/${id}/submit`)).statusCode).toBe(403);

    // The owner may not publish their own post without the editor role.
    const publish = await ownerAgent.post(`/write/${id}/publish`);
    expect(publish.statusCode).toBe(403);

    const post = await ctx.deps.store.posts.findById(id);
    expect(post?.currentRevision).toBe(1);
    expect(post?.status).toBe('draft');
    expect((await ctx.deps.store.posts.revision(id, 1))?.title).toBe('Mine');
  });

  it('refuses form posts without the CSRF token and saves nothing', async () => {
    // Sign-in without the token: no session is started.
    const user = await buildUser(ctx.deps, ['author']);
    const visitor = new Agent(ctx.app);
    await visitor.get('/signin');
    const signIn = await visitor.post(
      '/signin',
      { login: user.username, password: 'correct horse battery', next: '/' },
      { withCsrf: false },
    );
    expect(signIn.statusCode).toBe(403);
    expect(signIn.body).toContain('security token');
    expect(signIn.cookies.find((c) => c.name === 'pp_session')).toBeUndefined();

    // A wrong token is no better than none.
    const forged = await new Agent(ctx.app).post(
      '/signin',
      { login: user.username, password: 'correct horse battery', _csrf: 'forged' },
      { withCsrf: false },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.cookies.find((c) => c.name === 'pp_session')).toBeUndefined();

    const author = new Agent(ctx.app);
    await author.signIn(user.username);
    const create = await author.post(
      '/write/new',
      postForm([user.id], { title: 'Should not exist' }),
      { withCsrf: false },
    );
    expect(create.statusCode).toBe(403);
    expect(await ctx.deps.store.posts.listForAuthor(user.id)).toEqual([]);

    const before = await ctx.deps.store.media.list(100, 0);
    const png = await pngBytes(40, 30);
    const uploadRes = await upload(
      ctx.app,
      author,
      { name: 'x.png', data: png },
      { expect: 'image', csrf: false },
    );
    expect(uploadRes.statusCode).toBe(403);
    expect(await ctx.deps.store.media.list(100, 0)).toHaveLength(before.length);

    // The same requests with the token succeed, so the refusals above were the token's doing.
    expect(
      (await author.post('/write/new', postForm([user.id], { title: 'With token' }))).statusCode,
    ).toBe(303);
    expect(
      (await upload(ctx.app, author, { name: 'x.png', data: png }, { expect: 'image' })).statusCode,
    ).toBe(201);
    expect(await ctx.deps.store.media.list(100, 0)).toHaveLength(before.length + 1);
  });
});

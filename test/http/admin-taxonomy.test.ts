/**
 * The taxonomy page through HTTP on every engine: editors and administrators manage it
 * (access 'editor'); outsiders, readers, translators, authors and reviewers are refused; forms
 * need CSRF. Creating and renaming terms (the slug follows the name), merging categories —
 * every post keeps a category (with both: one; with the merged one: the target), in the
 * published and current revisions and the join tables, so the reader page lists the target,
 * the old archive answers 404, the page cache drops the old page, and a later save and
 * publication do not bring the old term back — deleting with and without a replacement, and
 * events (create, edit, merge, delete). Every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { PostRecord, UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pathOf, read, writePost } from './reader/reader-support.js';

const actor = (u: UserRecord) => ({ id: u.id, roles: u.roles });

describe.each(engines())('taxonomy administration on $name', (engine) => {
  let ctx: TestContext;
  let editorUser: UserRecord;
  let author: UserRecord;
  let editor: Agent;

  const termId = async (kind: 'tag' | 'category', slug: string) => {
    const term = await ctx.deps.store.posts.findTerm(kind, slug);
    if (!term) throw new Error(`no ${kind} ${slug}`);
    return term.id;
  };
  const metadataOf = async (post: PostRecord) =>
    (await ctx.deps.store.posts.revisions(post.id)).map((r) => r.metadata);

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editorUser = await buildUser(ctx.deps, ['editor']);
    author = await buildUser(ctx.deps, ['author']);
    editor = new Agent(ctx.app);
    await editor.signIn(editorUser.username);
  });
  afterAll(() => ctx.close());

  it('lets editors and administrators in and refuses everyone else', async () => {
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/admin/taxonomy');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fadmin%2Ftaxonomy');
    const posts = [
      '/admin/taxonomy/terms',
      '/admin/taxonomy/terms/x',
      '/admin/taxonomy/terms/x/merge',
      '/admin/taxonomy/terms/x/delete',
      '/admin/taxonomy/events',
      '/admin/taxonomy/events/x',
      '/admin/taxonomy/events/x/delete',
    ];
    for (const url of posts)
      expect((await visitor.post(url, { kind: 'tag', name: 'x' })).statusCode, url).toBe(401);
    for (const role of ['reader', 'translator', 'author', 'reviewer'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      expect((await agent.get('/admin/taxonomy')).statusCode, role).toBe(403);
      for (const url of posts)
        expect(
          (await agent.post(url, { kind: 'tag', name: 'Intruder' })).statusCode,
          `${role} ${url}`,
        ).toBe(403);
    }
    expect(await ctx.deps.store.posts.findTerm('tag', 'intruder')).toBeNull();
    const adminUser = await buildUser(ctx.deps, ['admin']);
    const admin = new Agent(ctx.app);
    await admin.signIn(adminUser.username);
    expect((await admin.get('/admin/taxonomy')).statusCode).toBe(200);
    expect((await editor.get('/admin/taxonomy')).statusCode).toBe(200);
    const noCsrf = await editor.post(
      '/admin/taxonomy/terms',
      { kind: 'tag', name: 'Sneaky' },
      { withCsrf: false },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(await ctx.deps.store.posts.findTerm('tag', 'sneaky')).toBeNull();
  });

  it('creates and renames terms; the slug follows the name; problems name the field', async () => {
    const created = await editor.post('/admin/taxonomy/terms', {
      kind: 'category',
      name: 'Field Reports',
      description: 'From the chapters',
    });
    expect(created.statusCode).toBe(303);
    const id = await termId('category', 'field-reports');
    const again = await editor.post('/admin/taxonomy/terms', {
      kind: 'category',
      name: 'field reports',
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('href="#new-category-name"');
    const empty = await editor.post(`/admin/taxonomy/terms/${id}`, { name: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(`href="#name-${id}"`);

    const post = await writePost(ctx.deps, actor(author), actor(editorUser), {
      language: 'en',
      title: 'Report from Nairobi',
      categories: ['Field Reports'],
      publishedAt: '2026-03-01T10:00:00.000Z',
    });
    const renamed = await editor.post(`/admin/taxonomy/terms/${id}`, {
      name: 'Chapter Reports',
      description: 'Reports from the chapters',
    });
    expect(renamed.statusCode).toBe(303);
    const details = await ctx.deps.store.posts.termDetails(id);
    expect(details).toMatchObject({
      name: 'Chapter Reports',
      slug: 'chapter-reports',
      description: 'Reports from the chapters',
      posts: 1,
    });
    expect((await metadataOf(post)).map((m) => m.categories)).toEqual([['Chapter Reports']]);
    const page = await read(ctx.app, pathOf(post));
    expect(page.body).toContain('href="/en/category/chapter-reports"');
    expect((await read(ctx.app, '/en/category/field-reports')).statusCode).toBe(404);
    const entry = (await ctx.deps.store.audit.list({ limit: 5 })).find(
      (e) => e.action === 'term.update',
    );
    expect(entry).toMatchObject({ subject: { id }, actorId: editorUser.id });
  });

  it('nests categories: a parent lists what is filed below it, cached pages follow', async () => {
    for (const name of ['Regions', 'East Africa', 'Uganda'])
      expect(
        (await editor.post('/admin/taxonomy/terms', { kind: 'category', name })).statusCode,
      ).toBe(303);
    const regions = await termId('category', 'regions');
    const east = await termId('category', 'east-africa');
    const uganda = await termId('category', 'uganda');
    const move = (id: string, name: string, parentId: string) =>
      editor.post(`/admin/taxonomy/terms/${id}`, { name, description: '', parentId });
    expect((await move(east, 'East Africa', regions)).statusCode).toBe(303);
    expect((await move(uganda, 'Uganda', east)).statusCode).toBe(303);
    // Never under itself or below itself; a tag does not nest; an unknown parent is refused.
    const cycle = await move(regions, 'Regions', uganda);
    expect(cycle.statusCode).toBe(422);
    expect(cycle.body).toContain(`href="#parentId-${regions}"`);
    expect((await move(east, 'East Africa', east)).statusCode).toBe(422);
    expect((await move(east, 'East Africa', 'no-such-term')).statusCode).toBe(422);
    expect((await ctx.deps.store.posts.termDetails(regions))?.parentId).toBeNull();
    const tag = await editor.post('/admin/taxonomy/terms', { kind: 'tag', name: 'rainfall' });
    expect(tag.statusCode).toBe(303);
    const tagId = await termId('tag', 'rainfall');
    const nestedTag = await move(tagId, 'rainfall', regions);
    expect(nestedTag.statusCode).toBe(422);
    expect(nestedTag.body).toContain(`href="#parentId-${tagId}"`);
    // The page shows the tree: the select offers no category below the one edited.
    const page = (await editor.get('/admin/taxonomy')).body;
    const regionsForm = page.slice(page.indexOf(`id="parentId-${regions}"`));
    expect(regionsForm.slice(0, regionsForm.indexOf('</select>'))).not.toContain(
      `value="${uganda}"`,
    );
    expect(page).toContain(`<option value="${east}" selected>East Africa</option>`);

    // An empty parent: only categories with published posts are archives (404 before).
    expect((await read(ctx.app, '/en/category/regions')).statusCode).toBe(404);
    const post = await writePost(ctx.deps, actor(author), actor(editorUser), {
      language: 'en',
      title: 'Rains return to Gulu',
      categories: ['Uganda'],
      publishedAt: '2026-04-01T10:00:00.000Z',
    });
    const top = await read(ctx.app, '/en/category/regions');
    expect(top.statusCode).toBe(200);
    expect(top.body).toContain(`href="${pathOf(post)}"`);
    expect(top.body).toMatch(/class="subcategories"[\s\S]*href="\/en\/category\/east-africa"/);
    expect(top.body).not.toContain('href="/en/category/uganda"');
    const leaf = await read(ctx.app, '/en/category/uganda');
    expect(leaf.body).toMatch(
      /class="category-trail"[\s\S]*href="\/en\/category\/regions"[\s\S]*href="\/en\/category\/east-africa"/,
    );
    // A second post in the leaf reaches the cached parent archive.
    const second = await writePost(ctx.deps, actor(author), actor(editorUser), {
      language: 'en',
      title: 'Seed fair in Mbarara',
      categories: ['Uganda'],
      publishedAt: '2026-04-02T10:00:00.000Z',
    });
    expect((await read(ctx.app, '/en/category/regions')).body).toContain(
      `href="${pathOf(second)}"`,
    );
    // Moving Uganda to the top: Regions no longer lists it, and the cached pages follow.
    expect((await move(uganda, 'Uganda', '')).statusCode).toBe(303);
    expect((await read(ctx.app, '/en/category/regions')).statusCode).toBe(404);
    expect((await read(ctx.app, '/en/category/uganda')).body).not.toContain('category-trail');
    // Deleting a parent moves its children up to its own parent.
    expect((await move(uganda, 'Uganda', east)).statusCode).toBe(303);
    expect((await editor.post(`/admin/taxonomy/terms/${east}/delete`, {})).statusCode).toBe(303);
    expect((await ctx.deps.store.posts.termDetails(uganda))?.parentId).toBe(regions);
  });

  it('merges a category: every post keeps one, in every revision, and it stays merged', async () => {
    const ed = actor(editorUser);
    const onlyOld = await writePost(ctx.deps, actor(author), ed, {
      language: 'en',
      title: 'Only the old category',
      categories: ['Meetups'],
      tags: ['nairobi'],
      publishedAt: '2026-04-01T10:00:00.000Z',
    });
    const both = await writePost(ctx.deps, actor(author), ed, {
      language: 'en',
      title: 'Both categories',
      categories: ['Meetups', 'Gatherings'],
      publishedAt: '2026-04-02T10:00:00.000Z',
    });
    const onlyTarget = await writePost(ctx.deps, actor(author), ed, {
      language: 'en',
      title: 'Only the target',
      categories: ['Gatherings'],
      publishedAt: '2026-04-03T10:00:00.000Z',
    });
    const draft = await writePost(ctx.deps, actor(author), ed, {
      language: 'en',
      title: 'A draft meetup',
      categories: ['Meetups'],
    });
    // A newer unpublished revision of a published post: current and published differ.
    await savePost(ctx.deps, actor(author), onlyOld.id, 1, {
      language: 'en',
      slug: onlyOld.slug,
      title: 'Only the old category (edited)',
      body: 'Edited.',
      categories: ['Meetups', 'Photos'],
      tags: ['nairobi'],
      authorIds: [],
    });
    // Readers have seen (and the page cache kept) the page before the merge.
    const before = await read(ctx.app, pathOf(onlyOld));
    expect(before.body).toContain('href="/en/category/meetups"');
    expect((await read(ctx.app, pathOf(onlyOld))).body).toBe(before.body);
    expect((await read(ctx.app, '/en/category/meetups')).statusCode).toBe(200);

    const source = await termId('category', 'meetups');
    const target = await termId('category', 'gatherings');
    const merged = await editor.post(`/admin/taxonomy/terms/${source}/merge`, { target });
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toBe('/admin/taxonomy?done=merged');

    expect(await ctx.deps.store.posts.findTerm('category', 'meetups')).toBeNull();
    expect((await metadataOf(onlyOld)).map((m) => m.categories)).toEqual([
      ['Gatherings', 'Photos'],
      ['Gatherings'],
    ]);
    expect((await metadataOf(both)).map((m) => m.categories)).toEqual([['Gatherings']]);
    expect((await metadataOf(onlyTarget)).map((m) => m.categories)).toEqual([['Gatherings']]);
    expect((await metadataOf(draft)).map((m) => m.categories)).toEqual([['Gatherings']]);
    // Tags and other relations are untouched.
    expect((await metadataOf(onlyOld)).map((m) => m.tags)).toEqual([['nairobi'], ['nairobi']]);
    // Join tables: published posts follow the published revision, the draft its current one.
    for (const post of [onlyOld, both, onlyTarget, draft])
      expect(
        (await ctx.deps.store.posts.termsOfPost(post.id))
          .filter((t) => t.kind === 'category')
          .map((t) => t.slug),
        post.slug,
      ).toEqual(['gatherings']);

    // Readers: the post page lists the target (the cached page was dropped), the old archive
    // is gone, the target's archive lists all three published posts.
    const after = await read(ctx.app, pathOf(onlyOld));
    expect(after.body).toContain('href="/en/category/gatherings"');
    expect(after.body).not.toContain('/category/meetups');
    expect((await read(ctx.app, '/en/category/meetups')).statusCode).toBe(404);
    const archive = await read(ctx.app, '/en/category/gatherings');
    for (const post of [onlyOld, both, onlyTarget])
      expect(archive.body).toContain(pathOf(post).split('/').pop());

    // A later save from the current revision and its publication do not resurrect it.
    const current = await ctx.deps.store.posts.revision(onlyOld.id, 2);
    await savePost(ctx.deps, actor(author), onlyOld.id, 2, {
      language: 'en',
      slug: onlyOld.slug,
      title: current!.title,
      body: current!.bodyMarkdown,
      categories: current!.metadata.categories,
      tags: current!.metadata.tags,
      authorIds: current!.metadata.authorIds,
    });
    await publishPost(ctx.deps, ed, onlyOld.id);
    expect(await ctx.deps.store.posts.findTerm('category', 'meetups')).toBeNull();
    expect((await ctx.deps.store.posts.termsOfPost(onlyOld.id)).map((t) => t.slug).sort()).toEqual([
      'gatherings',
      'nairobi',
      'photos',
    ]);

    const entry = (await ctx.deps.store.audit.list({ limit: 5 })).find(
      (e) => e.action === 'term.merge',
    );
    expect(entry).toMatchObject({
      subject: { kind: 'category', id: source, label: 'Meetups' },
      details: { into: { id: target, name: 'Gatherings' }, posts: 3 },
    });
    // A tag cannot merge into a category; a term not into itself.
    const tag = await termId('tag', 'nairobi');
    expect((await editor.post(`/admin/taxonomy/terms/${tag}/merge`, { target })).statusCode).toBe(
      422,
    );
    expect(
      (await editor.post(`/admin/taxonomy/terms/${target}/merge`, { target })).statusCode,
    ).toBe(422);
  });

  it('deletes a tag: posts just lose it, or move to the replacement', async () => {
    const post = await writePost(ctx.deps, actor(author), actor(editorUser), {
      language: 'en',
      title: 'Tagged twice',
      tags: ['obsolete', 'keep-me', 'renamed-away'],
      publishedAt: '2026-05-01T10:00:00.000Z',
    });
    const obsolete = await termId('tag', 'obsolete');
    expect(
      (await editor.post(`/admin/taxonomy/terms/${obsolete}/delete`, { replacement: '' }))
        .statusCode,
    ).toBe(303);
    expect((await metadataOf(post)).map((m) => m.tags)).toEqual([['keep-me', 'renamed-away']]);
    expect(await ctx.deps.store.posts.findTerm('tag', 'obsolete')).toBeNull();
    const away = await termId('tag', 'renamed-away');
    const keep = await termId('tag', 'keep-me');
    expect(
      (await editor.post(`/admin/taxonomy/terms/${away}/delete`, { replacement: keep })).statusCode,
    ).toBe(303);
    expect((await metadataOf(post)).map((m) => m.tags)).toEqual([['keep-me']]);
    expect((await ctx.deps.store.posts.termsOfPost(post.id)).map((t) => t.slug)).toEqual([
      'keep-me',
    ]);
    const page = await read(ctx.app, pathOf(post));
    expect(page.body).toContain('href="/en/tag/keep-me"');
    expect(page.body).not.toContain('/tag/obsolete');
    const actions = (await ctx.deps.store.audit.list({ limit: 5 })).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['term.merge', 'term.delete']);
  });

  it('creates, edits, merges and deletes events', async () => {
    const create = (name: string, slug: string) =>
      editor.post('/admin/taxonomy/events', {
        name,
        slug,
        startsOn: '2026-06-01',
        endsOn: '2026-06-02',
        location: 'Nairobi',
        url: 'https://example.org/event',
        description: 'Two days',
      });
    expect((await create('Edit-a-thon Nairobi', 'nairobi-2026')).statusCode).toBe(303);
    expect((await create('Nairobi duplicate', 'nairobi-dup')).statusCode).toBe(303);
    const bad = await editor.post('/admin/taxonomy/events', {
      name: 'Backwards',
      startsOn: '2026-06-02',
      endsOn: '2026-06-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#new-event-endsOn"');
    const taken = await create('Another', 'nairobi-2026');
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('href="#new-event-slug"');

    const main = (await ctx.deps.store.posts.findEvent('nairobi-2026'))!;
    const dup = (await ctx.deps.store.posts.findEvent('nairobi-dup'))!;
    const post = await writePost(ctx.deps, actor(author), actor(editorUser), {
      language: 'en',
      title: 'At both events',
      eventIds: [dup.id, main.id],
      publishedAt: '2026-06-03T10:00:00.000Z',
    });
    const other = await writePost(ctx.deps, actor(author), actor(editorUser), {
      language: 'en',
      title: 'At the duplicate',
      eventIds: [dup.id],
      publishedAt: '2026-06-04T10:00:00.000Z',
    });
    const edited = await editor.post(`/admin/taxonomy/events/${main.id}`, {
      name: 'Edit-a-thon Nairobi 2026',
      slug: 'nairobi-2026',
      startsOn: '2026-06-01',
      endsOn: '',
      location: 'Nairobi, Kenya',
      url: '',
      description: '',
    });
    expect(edited.statusCode).toBe(303);
    expect(await ctx.deps.store.posts.eventDetails(main.id)).toMatchObject({
      name: 'Edit-a-thon Nairobi 2026',
      endsOn: null,
      location: 'Nairobi, Kenya',
      posts: 1,
    });
    expect(
      (await editor.post(`/admin/taxonomy/events/${dup.id}/delete`, { target: main.id }))
        .statusCode,
    ).toBe(303);
    expect(await ctx.deps.store.posts.eventDetails(dup.id)).toBeNull();
    expect((await metadataOf(post)).map((m) => m.eventIds)).toEqual([[main.id]]);
    expect((await metadataOf(other)).map((m) => m.eventIds)).toEqual([[main.id]]);
    expect((await ctx.deps.store.posts.eventDetails(main.id))?.posts).toBe(2);
    expect((await read(ctx.app, '/en/event/nairobi-dup')).statusCode).toBe(404);
    expect(
      (await editor.post(`/admin/taxonomy/events/${main.id}/delete`, { target: '' })).statusCode,
    ).toBe(303);
    expect((await metadataOf(other)).map((m) => m.eventIds)).toEqual([[]]);
    const actions = (await ctx.deps.store.audit.list({ limit: 6 })).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual([
      'event.delete',
      'event.merge',
      'event.update',
      'event.create',
    ]);
  });
});

/**
 * /admin/organizations and /admin/organizations/:slug through HTTP on every engine:
 * administrators only (anonymous visitors sent to sign in, readers, translators and editors
 * refused on every GET and POST), forms need CSRF. Editing (a taken slug refused naming
 * `slug`), members added by user name with a role, their role changed, removed, the same
 * member twice refused (also when two administrators race), the logo set from an image and
 * refused for a PDF, an audit row for each, and the reader's archive showing the logo (with
 * its alt text) and the description. Migration 0021: the database refuses an unknown role,
 * deleting the logo's media clears it, and it rolls back and applies again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../src/db/migrations/0021_organization_roles.js';
import { createStore } from '../../src/db/store.js';
import { ValidationError } from '../../src/domain/errors.js';
import { createOrganization } from '../../src/services/admin/admin.service.js';
import { addMember } from '../../src/services/admin/organizations.service.js';
import type { MediaRecord, UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp, testDeps } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { read } from './reader/reader-support.js';

const actor = (u: UserRecord) => ({ id: u.id, roles: u.roles });

describe.each(engines())('organization administration on $name', (engine) => {
  let ctx: TestContext;
  let adminUser: UserRecord;
  let admin: Agent;
  let orgId = '';

  const media = (over: Partial<MediaRecord> & { id: string }): MediaRecord => ({
    kind: 'image',
    mime: 'image/png',
    filename: `${over.id}.png`,
    size: 1000,
    width: 400,
    height: 200,
    storageKey: `2026/05/${over.id}.png`,
    variants: [],
    alt: '',
    uploadedBy: adminUser.id,
    createdAt: '2026-05-01T10:00:00.000Z',
    ...over,
  });
  const lastAudit = async (action: string) =>
    (await ctx.deps.store.audit.list({ limit: 50 })).find((e) => e.action === action);

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    adminUser = await buildUser(ctx.deps, ['admin']);
    admin = new Agent(ctx.app);
    await admin.signIn(adminUser.username);
    const org = await createOrganization(ctx.deps, actor(adminUser), {
      name: 'Wikimedia Kenya',
      slug: 'wmke',
      kind: 'chapter',
      country: 'KE',
    });
    orgId = org.id;
    await createOrganization(ctx.deps, actor(adminUser), {
      name: 'Wikimedia Serbia',
      slug: 'wmrs',
      kind: 'chapter',
    });
  });
  afterAll(() => ctx.close());

  it('lets administrators in and refuses everyone else on every page and form', async () => {
    const member = await buildUser(ctx.deps, ['reader']);
    await ctx.deps.store.organizations.addMember(orgId, member.id);
    const gets = ['/admin/organizations', '/admin/organizations/wmke'];
    const posts = [
      '/admin/organizations/wmke',
      '/admin/organizations/wmke/members',
      `/admin/organizations/wmke/members/${member.id}/role`,
      `/admin/organizations/wmke/members/${member.id}/remove`,
      '/admin/organizations/wmke/logo',
    ];
    const form = { name: 'Hijacked', kind: 'other', username: 'x', role: 'coordinator' };
    const visitor = new Agent(ctx.app);
    for (const url of gets) {
      const page = await visitor.get(url);
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location, url).toBe(`/signin?next=${encodeURIComponent(url)}`);
    }
    for (const url of posts) expect((await visitor.post(url, form)).statusCode, url).toBe(401);
    for (const role of ['reader', 'translator', 'editor'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      for (const url of gets) expect((await agent.get(url)).statusCode, `${role} ${url}`).toBe(403);
      for (const url of posts)
        expect((await agent.post(url, form)).statusCode, `${role} ${url}`).toBe(403);
    }
    const noCsrf = await admin.post('/admin/organizations/wmke', form, { withCsrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect((await ctx.deps.store.organizations.findBySlug('wmke'))?.name).toBe('Wikimedia Kenya');
    expect(await ctx.deps.store.organizations.members(orgId)).toEqual([
      { userId: member.id, role: 'member' },
    ]);
    await ctx.deps.store.organizations.removeMember(orgId, member.id);

    const list = await admin.get('/admin/organizations');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/admin/organizations/wmke"');
    expect(list.body).toContain('href="/admin/organizations/wmrs"');
    expect((await admin.get('/admin')).body).toContain('href="/admin/organizations"');
    expect((await admin.get('/admin/organizations/nope')).statusCode).toBe(404);
  });

  it('edits an organization; a taken slug is refused naming the slug field', async () => {
    const taken = await admin.post('/admin/organizations/wmke', {
      name: 'Wikimedia Kenya',
      slug: 'wmrs',
      kind: 'chapter',
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('href="#org-slug"');
    expect(taken.body).toContain('An organization already uses &quot;wmrs&quot;');
    expect((await ctx.deps.store.organizations.findBySlug('wmrs'))?.name).toBe('Wikimedia Serbia');

    const saved = await admin.post('/admin/organizations/wmke', {
      name: 'Wikimedia Kenya',
      slug: 'wikimedia-kenya',
      kind: 'chapter',
      country: 'ke',
      website: 'https://wikimedia.or.ke',
      description: 'The Kenyan chapter: edit-a-thons in Nairobi and Mombasa.',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/organizations/wikimedia-kenya?done=saved');
    expect(await ctx.deps.store.organizations.findBySlug('wmke')).toBeNull();
    expect(await ctx.deps.store.organizations.findBySlug('wikimedia-kenya')).toMatchObject({
      id: orgId,
      country: 'KE',
      website: 'https://wikimedia.or.ke',
    });
    const page = await admin.get('/admin/organizations/wikimedia-kenya?done=saved');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="status"');
    expect(await lastAudit('organization.update')).toMatchObject({
      actorId: adminUser.id,
      subject: { kind: 'organization', id: orgId },
      details: { before: { slug: 'wmke' }, after: { slug: 'wikimedia-kenya' } },
    });
  });

  it('adds members by user name with a role, changes roles, removes; twice is refused', async () => {
    const amani = await buildUser(ctx.deps, ['translator'], { displayName: 'Amani Otieno' });
    const base = '/admin/organizations/wikimedia-kenya';
    const added = await admin.post(`${base}/members`, {
      username: `@${amani.username}`,
      role: 'coordinator',
    });
    expect(added.statusCode).toBe(303);
    expect(await ctx.deps.store.organizations.members(orgId)).toEqual([
      { userId: amani.id, role: 'coordinator' },
    ]);
    expect(await lastAudit('organization.member_add')).toMatchObject({
      subject: { id: orgId },
      details: { user: amani.username, role: 'coordinator' },
    });

    const twice = await admin.post(`${base}/members`, { username: amani.username, role: 'member' });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('href="#new-username"');
    expect(twice.body).toContain('is already a member');
    const nobody = await admin.post(`${base}/members`, { username: 'no-such-person', role: '' });
    expect(nobody.statusCode).toBe(422);
    const badRole = await admin.post(`${base}/members`, { username: amani.username, role: 'boss' });
    expect(badRole.statusCode).toBe(422);
    expect(badRole.body).toContain('href="#new-role"');

    const page = await admin.get(base);
    expect(page.body).toContain(`data-member="${amani.username}"`);
    expect(page.body).toContain('Amani Otieno');

    const role = await admin.post(`${base}/members/${amani.id}/role`, { role: 'member' });
    expect(role.statusCode).toBe(303);
    expect(await ctx.deps.store.organizations.members(orgId)).toEqual([
      { userId: amani.id, role: 'member' },
    ]);
    expect(await lastAudit('organization.member_role')).toMatchObject({
      details: { user: amani.username, before: 'coordinator', after: 'member' },
    });

    const removed = await admin.post(`${base}/members/${amani.id}/remove`);
    expect(removed.statusCode).toBe(303);
    expect(await ctx.deps.store.organizations.members(orgId)).toEqual([]);
    expect(await lastAudit('organization.member_remove')).toMatchObject({
      details: { user: amani.username },
    });
    const again = await admin.post(`${base}/members/${amani.id}/remove`);
    expect(again.statusCode).toBe(422);
    const roleOfNobody = await admin.post(`${base}/members/${amani.id}/role`, { role: 'member' });
    expect(roleOfNobody.statusCode).toBe(422);

    // Two administrators adding the same person at once: one adds, one is told.
    const results = await Promise.allSettled([
      addMember(ctx.deps, actor(adminUser), 'wikimedia-kenya', {
        username: amani.username,
        role: 'member',
      }),
      addMember(ctx.deps, actor(adminUser), 'wikimedia-kenya', {
        username: amani.username,
        role: 'coordinator',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(ValidationError);
    expect(await ctx.deps.store.organizations.members(orgId)).toHaveLength(1);
    const adds = (await ctx.deps.store.audit.list({ limit: 50 })).filter(
      (e) => e.action === 'organization.member_add',
    );
    expect(adds).toHaveLength(2);

    const list = await admin.get('/admin/organizations');
    expect(list.body).toMatch(/data-organization="wikimedia-kenya"[\s\S]*?Members: 1/);
  });

  it('sets the logo from an image, refuses a PDF; the archive shows logo and description', async () => {
    const image = media({ id: 'logo-kenya', alt: 'Wikimedia Kenya logo: a green globe' });
    const pdf = media({
      id: 'annual-report',
      kind: 'document',
      mime: 'application/pdf',
      filename: 'annual-report.pdf',
      width: null,
      height: null,
      storageKey: '2026/05/annual-report.pdf',
    });
    await ctx.deps.store.media.insert(image);
    await ctx.deps.store.media.insert(pdf);
    const base = '/admin/organizations/wikimedia-kenya';

    const page = await admin.get(base);
    expect(page.body).toContain('value="logo-kenya"');
    expect(page.body).not.toContain('value="annual-report"');
    const searched = await admin.get(`${base}?q=globe`);
    expect(searched.body).toContain('value="logo-kenya"');

    const refused = await admin.post(`${base}/logo`, { mediaId: pdf.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#logo"');
    expect(refused.body).toContain('must be an image');
    expect((await ctx.deps.store.organizations.findBySlug('wikimedia-kenya'))?.logoMediaId).toBe(
      null,
    );

    const set = await admin.post(`${base}/logo`, { mediaId: image.id });
    expect(set.statusCode).toBe(303);
    expect((await ctx.deps.store.organizations.findBySlug('wikimedia-kenya'))?.logoMediaId).toBe(
      image.id,
    );
    expect(await lastAudit('organization.logo')).toMatchObject({
      subject: { id: orgId },
      details: { before: null, after: image.id },
    });
    const list = await admin.get('/admin/organizations');
    expect(list.body).toContain('src="/media/2026/05/logo-kenya.png"');

    const archive = await read(ctx.app, '/en/organization/wikimedia-kenya');
    expect(archive.statusCode).toBe(200);
    expect(archive.body).toContain('src="/media/2026/05/logo-kenya.png"');
    expect(archive.body).toContain('alt="Wikimedia Kenya logo: a green globe"');
    expect(archive.body).toContain('The Kenyan chapter: edit-a-thons in Nairobi and Mombasa.');

    const cleared = await admin.post(`${base}/logo`, { mediaId: '' });
    expect(cleared.statusCode).toBe(303);
    expect((await ctx.deps.store.organizations.findBySlug('wikimedia-kenya'))?.logoMediaId).toBe(
      null,
    );
    const logos = (await ctx.deps.store.audit.list({ limit: 50 })).filter(
      (e) => e.action === 'organization.logo',
    );
    expect(logos[0]).toMatchObject({ details: { before: image.id, after: null } });
    const after = await read(ctx.app, '/en/organization/wikimedia-kenya');
    expect(after.body).not.toContain('logo-kenya.png');
  });
});

describe.each(engines())('migration 0021 on $name', (engine) => {
  it('checks roles, clears a deleted logo, and goes down and up again', async () => {
    const handle = await engine.open();
    const mediaDir = await mkdtemp(join(tmpdir(), 'polyphony-orgs-'));
    try {
      const deps = testDeps(handle.db, mediaDir);
      const adminUser = await buildUser(deps, ['admin']);
      const person = await buildUser(deps, ['reader']);
      const org = await createOrganization(deps, actor(adminUser), {
        name: 'Wikimedia Argentina',
        kind: 'chapter',
      });
      await deps.store.organizations.addMember(org.id, person.id, 'coordinator');
      await expect(
        sql`INSERT INTO organization_members (organization_id, user_id, role)
          VALUES (${org.id}, ${adminUser.id}, 'owner')`.execute(handle.db),
      ).rejects.toThrow();
      await expect(
        sql`UPDATE organization_members SET role = 'owner'`.execute(handle.db),
      ).rejects.toThrow();

      await deps.store.media.insert({
        id: 'logo-ar',
        kind: 'image',
        mime: 'image/png',
        filename: 'logo.png',
        size: 10,
        width: 10,
        height: 10,
        storageKey: '2026/05/logo-ar.png',
        variants: [],
        alt: 'Logo',
        uploadedBy: adminUser.id,
        createdAt: '2026-05-01T10:00:00.000Z',
      });
      await deps.store.organizations.setLogo(org.id, 'logo-ar');
      await deps.store.media.delete('logo-ar');
      expect((await deps.store.organizations.findBySlug(org.slug))?.logoMediaId).toBeNull();

      await down(handle.db);
      await up(handle.db);
      const store = createStore(handle.db);
      // Rows that were there get the default role.
      expect(await store.organizations.members(org.id)).toEqual([
        { userId: person.id, role: 'member' },
      ]);
      await expect(
        sql`UPDATE organization_members SET role = 'owner'`.execute(handle.db),
      ).rejects.toThrow();
    } finally {
      await handle.close();
      await rm(mediaDir, { recursive: true, force: true });
    }
  });
});

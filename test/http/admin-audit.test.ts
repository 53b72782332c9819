/**
 * The audit log through HTTP on every engine: outsiders are sent to sign in and every role but
 * administrator refused; an administrator's actions (roles, organizations, members) appear
 * newest first with who, what and the change; a refused change records nothing; the family
 * filter and paging work, and what a user typed is shown as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE } from '../../src/services/admin/audit.service.js';
import { Agent, buildUser } from '../support/app.js';
import { startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import type { UserRecord } from '../../src/services/repositories.js';

describe.each(engines())('audit log on $name', (engine) => {
  let ctx: TestContext;
  let admin: Agent;
  let adminUser: UserRecord;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    adminUser = await buildUser(ctx.deps, ['admin'], { username: `boss_${engine.name.length}` });
    admin = new Agent(ctx.app);
    await admin.signIn(adminUser.username);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('sends a signed-out visitor to sign in and refuses every other role', async () => {
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/admin/audit');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fadmin%2Faudit');
    for (const role of ['reader', 'translator', 'author', 'reviewer', 'editor'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      const refused = await agent.get('/admin/audit');
      expect(refused.statusCode, role).toBe(403);
      expect(refused.body, role).not.toContain('data-action=');
    }
  });

  it('records role changes and organizations with who, what and the change, newest first', async () => {
    const volunteer = await buildUser(ctx.deps, ['reader']);
    expect(
      (await admin.post(`/admin/users/${volunteer.id}/roles`, { roles: ['translator'] }))
        .statusCode,
    ).toBe(303);
    const org = await admin.post('/admin/organizations', {
      name: 'Wikimedia <b>Kenya</b>',
      slug: 'wmke',
      kind: 'chapter',
      country: 'KE',
      website: '',
      description: '',
    });
    expect(org.statusCode).toBe(303);

    const entries = await ctx.deps.store.audit.list({ limit: 10 });
    expect(entries.map((e) => e.action).slice(0, 2)).toEqual(['organization.create', 'user.roles']);
    const roles = entries.find((e) => e.action === 'user.roles');
    expect(roles).toMatchObject({
      actorId: adminUser.id,
      actorName: adminUser.username,
      subject: { kind: 'user', id: volunteer.id, label: volunteer.username },
      details: { before: ['reader'], after: ['translator'] },
    });

    const page = await admin.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-action="user.roles"');
    expect(page.body).toContain('data-action="organization.create"');
    expect(page.body).toContain(volunteer.username);
    // What an administrator typed is text, never markup.
    expect(page.body).toContain('Wikimedia &lt;b>Kenya&lt;/b>');
    expect(page.body).not.toContain('<b>Kenya</b>');
    expect(page.body.indexOf('organization.create')).toBeLessThan(page.body.indexOf('user.roles'));
  });

  it('records nothing for a refused change', async () => {
    const before = (await ctx.deps.store.audit.list({ limit: 1000 })).length;
    // An administrator may not remove their own administrator role.
    const refused = await admin.post(`/admin/users/${adminUser.id}/roles`, { roles: ['editor'] });
    expect(refused.statusCode).toBe(422);
    expect((await ctx.deps.store.audit.list({ limit: 1000 })).length).toBe(before);
  });

  it('filters by family and pages through older entries', async () => {
    const person = await buildUser(ctx.deps, ['reader']);
    for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++) {
      const roles = i % 2 === 0 ? ['translator'] : ['reader'];
      expect((await admin.post(`/admin/users/${person.id}/roles`, { roles })).statusCode).toBe(303);
    }
    const users = await admin.get('/admin/audit?action=user.');
    expect(users.body).not.toContain('data-action="organization.create"');
    const rows = users.body.match(/data-action="user\.roles"/g) ?? [];
    expect(rows.length).toBe(AUDIT_PAGE_SIZE);
    const next = /rel="next" href="([^"]+)"/.exec(users.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    const older = await admin.get(next ?? '');
    expect(older.statusCode).toBe(200);
    // The rest of the role changes: the 53 of this test plus one from the first.
    expect((older.body.match(/data-action="user\.roles"/g) ?? []).length).toBe(4);
    expect(older.body).not.toContain('rel="next"');

    const orgs = await admin.get('/admin/audit?action=organization.');
    expect(orgs.body).toContain('data-action="organization.create"');
    expect(orgs.body).not.toContain('data-action="user.roles"');
    // A malformed filter or cursor is ignored, never an error.
    expect((await admin.get('/admin/audit?action=%27%20or%201%3D1&before=zz')).statusCode).toBe(
      200,
    );
  });
});

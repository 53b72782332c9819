/**
 * The background jobs page through HTTP on every engine: outsiders are sent to sign in and
 * every role but administrator refused (the page and the retry); an administrator sees the
 * counts and each parked job with its last error (as text), and a retry — with the CSRF
 * token only — puts it back in the queue as a new job, audited, which the runner then runs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalogs.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { jobNames } from '../../src/services/jobs.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

describe.each(engines())('the background jobs page on $name', (engine) => {
  let ctx: TestContext;
  let admin: Agent;
  let adminUser: UserRecord;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    adminUser = await buildUser(ctx.deps, ['admin']);
    admin = new Agent(ctx.app);
    await admin.signIn(adminUser.username);
  });
  afterAll(() => ctx.close());

  /** A digest job parked after `attempts` failures, with `error` as its last. */
  async function parkedJob(error: string, attempts = 5): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await ctx.deps.store.jobs.enqueue({
      id,
      kind: 'send-digests',
      payload: JSON.stringify({ hour: `h-${id.slice(0, 8)}` }),
      runAfter: now,
      createdAt: now,
      dedupeKey: `digests:${id}`,
      orderingKey: null,
      sequence: null,
    });
    for (let attempt = 1; attempt <= attempts; attempt++) {
      expect(await ctx.deps.store.jobs.claim(id, 'test', now, '2999-01-01T00:00:00.000Z')).toBe(
        true,
      );
      await ctx.deps.store.jobs.fail(id, 'test', error, attempt < attempts ? now : null, now);
    }
    return id;
  }

  it('sends a signed-out visitor to sign in and refuses every other role', async () => {
    const id = await parkedJob('refused test');
    const visitor = new Agent(ctx.app);
    const page = await visitor.get('/admin/jobs');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/signin?next=%2Fadmin%2Fjobs');
    for (const role of ['reader', 'translator', 'author', 'reviewer', 'editor'] as const) {
      const user = await buildUser(ctx.deps, [role]);
      const agent = new Agent(ctx.app);
      await agent.signIn(user.username);
      expect((await agent.get('/admin/jobs')).statusCode, role).toBe(403);
      expect((await agent.post(`/admin/jobs/${id}/retry`)).statusCode, role).toBe(403);
    }
    expect((await ctx.deps.store.jobs.find(id))?.failedAt).not.toBeNull();
  });

  it('shows the counts and each parked job with its last error, as text', async () => {
    const id = await parkedJob('SMTP said <b>550</b> mailbox unavailable');
    const page = await admin.get('/admin/jobs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-job="${id}"`);
    expect(page.body).toContain('Sending the digests');
    expect(page.body).toContain('SMTP said &lt;b>550&lt;/b> mailbox unavailable');
    expect(page.body).not.toContain('<b>550</b>');
    const { failed } = await ctx.deps.store.jobs.counts();
    expect(page.body).toMatch(new RegExp(`<strong>${failed}</strong> parked`));
    expect((await admin.get('/admin')).body).toContain('href="/admin/jobs"');
    // Every job the code runs has its description (the page names a parked one by it).
    for (const name of jobNames) expect(catalogs.en?.[`jobs.kind.${name}`], name).toBeTruthy();
  });

  it('puts a parked job back in the queue on retry (CSRF required), audited, and it runs', async () => {
    const id = await parkedJob('the mail server was down');
    const forged = await admin.post(`/admin/jobs/${id}/retry`, {}, { withCsrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await ctx.deps.store.jobs.find(id))?.failedAt).not.toBeNull();

    const retried = await admin.post(`/admin/jobs/${id}/retry`);
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe('/admin/jobs?retried=1');
    expect(await ctx.deps.store.jobs.find(id)).toBeNull();
    const [entry] = await ctx.deps.store.audit.list({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'job.retry',
      actorId: adminUser.id,
      subject: { kind: 'job', label: 'send-digests' },
      details: { parkedAs: id, attempts: 5, lastError: 'the mail server was down' },
    });
    const requeued = await ctx.deps.store.jobs.find(entry?.subject.id ?? '');
    expect(requeued).toMatchObject({ attempts: 0, lastError: null, failedAt: null });
    expect((await admin.get('/admin/jobs?retried=1')).body).toContain(
      'The job is back in the queue.',
    );
    // The runner takes it like any due job (no digest is due, so it succeeds at once).
    const errors: unknown[] = [];
    await runDueJobs(ctx.deps, (e) => errors.push(e));
    expect(errors).toEqual([]);
    expect((await ctx.deps.store.jobs.find(entry?.subject.id ?? ''))?.doneAt).not.toBeNull();
    // A second retry of the same (no longer parked) job finds nothing.
    expect((await admin.post(`/admin/jobs/${id}/retry`)).statusCode).toBe(404);
  });
});

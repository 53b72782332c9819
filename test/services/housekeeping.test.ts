/**
 * Housekeeping (issue 12, jobs): expired sessions, password-reset tokens and sign-in states,
 * presence rows older than a day and jobs done over a week ago are deleted; live sessions,
 * fresh presence, recent and unfinished jobs and parked jobs (the dead letters) stay, on every
 * engine. A second run finds nothing, and runs at once (instances sharing the database) share
 * the work without an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import {
  DONE_JOBS_KEPT_MS,
  PRESENCE_KEPT_MS,
  pruneExpiredRows,
} from '../../src/services/admin/housekeeping.service.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { engines } from '../support/databases.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const HOUR = 3_600_000;

describe.each(engines())('housekeeping on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
    ctx.deps.clock = { now: () => NOW };
  });
  afterAll(() => ctx.close());

  it('deletes what expired or is long done, and keeps the rest', async () => {
    const { store } = ctx.deps;
    const db = ctx.database.db;
    const user = await buildUser(ctx.deps, ['editor', 'translator']);
    const actor: Actor = { id: user.id, roles: user.roles };
    const before = {
      sessions: (await db.selectFrom('sessions').select('id_hash').execute()).length,
      jobs: await db.selectFrom('jobs').select(['id', 'done_at', 'failed_at']).execute(),
    };

    for (const [idHash, expiresAt] of [
      ['session-expired', ago(HOUR)],
      ['session-live', later(HOUR)],
    ] as const)
      await store.sessions.create({ idHash, userId: user.id, createdAt: ago(2 * HOUR), expiresAt });
    for (const [tokenHash, expiresAt] of [
      ['reset-expired', ago(1)],
      ['reset-live', later(HOUR)],
    ] as const)
      await store.sessions.createPasswordReset({
        tokenHash,
        userId: user.id,
        createdAt: ago(HOUR),
        expiresAt,
      });

    const providerId = ctx.deps.newId();
    await store.signIn.insertProvider({
      id: providerId,
      slug: `housekeeping-${engine.name}`,
      kind: 'oidc',
      label: 'Test provider',
      issuer: 'https://id.example.test',
      authorizationEndpoint: null,
      tokenEndpoint: null,
      profileEndpoint: null,
      subjectField: 'sub',
      usernameField: 'preferred_username',
      clientId: 'client',
      clientSecret: 'secret',
      scopes: ['openid'],
      enabled: true,
      newUserRole: 'reader',
      createdAt: ago(HOUR),
      updatedAt: ago(HOUR),
    });
    for (const [stateHash, expiresAt] of [
      ['state-expired', ago(60_000)],
      ['state-live', later(60_000)],
    ] as const)
      await store.signIn.insertState({
        stateHash,
        providerId,
        browserHash: `browser-${stateHash}`,
        nonce: 'n',
        codeVerifier: 'v',
        intent: 'sign_in',
        userId: null,
        next: '/',
        createdAt: ago(HOUR),
        expiresAt,
        usedAt: null,
      });

    const post = await createPost(ctx.deps, actor, {
      language: 'en',
      title: 'Housekeeping',
      slug: `housekeeping-${engine.name}`,
      body: 'One paragraph.',
    });
    await publishPost(ctx.deps, actor, post.id);
    const translationIds = [ctx.deps.newId(), ctx.deps.newId()];
    for (const [i, id] of translationIds.entries())
      await store.translations.createTranslation({
        id,
        postId: post.id,
        language: ['es', 'sw'][i] ?? 'es',
        slug: `housekeeping-${i}`,
        status: 'in_progress',
        publishedAt: null,
        createdBy: user.id,
        createdAt: ago(HOUR),
        updatedAt: ago(HOUR),
      });
    await store.translations.touchPresence(translationIds[0]!, user.id, ago(PRESENCE_KEPT_MS + 1));
    await store.translations.touchPresence(translationIds[1]!, user.id, ago(60_000));

    const job = (id: string, fields: { done_at?: string; failed_at?: string }) => ({
      id,
      kind: 'test-housekeeping',
      payload: '{}',
      run_after: ago(DONE_JOBS_KEPT_MS * 2),
      created_at: ago(DONE_JOBS_KEPT_MS * 2),
      done_at: fields.done_at ?? null,
      failed_at: fields.failed_at ?? null,
      last_error: fields.failed_at ? 'gave up' : null,
    });
    await db
      .insertInto('jobs')
      .values([
        job('job-done-long-ago', { done_at: ago(DONE_JOBS_KEPT_MS + 1) }),
        job('job-done-recently', { done_at: ago(HOUR) }),
        job('job-parked', { failed_at: ago(DONE_JOBS_KEPT_MS * 2) }),
        job('job-waiting', {}),
      ])
      .execute();

    const pruned = await pruneExpiredRows(ctx.deps);
    expect(pruned).toEqual({
      sessions: 1,
      passwordResets: 1,
      signInStates: 1,
      presence: 1,
      // Plus any job of the set-up done over a week before NOW (none: they are all newer).
      jobs: 1,
    });

    const sessions = await db.selectFrom('sessions').select('id_hash').execute();
    expect(sessions.map((s) => s.id_hash)).toContain('session-live');
    expect(sessions.map((s) => s.id_hash)).not.toContain('session-expired');
    expect(sessions).toHaveLength(before.sessions + 1);
    const resets = await db.selectFrom('password_resets').select('token_hash').execute();
    expect(resets.map((r) => r.token_hash).sort()).toEqual(['reset-live']);
    const states = await db.selectFrom('sign_in_states').select('state_hash').execute();
    expect(states.map((s) => s.state_hash)).toEqual(['state-live']);
    expect(
      await store.translations.presence(translationIds[0]!, ago(2 * PRESENCE_KEPT_MS)),
    ).toEqual([]);
    expect(await store.translations.presence(translationIds[1]!, ago(HOUR))).toEqual([user.id]);
    const jobs = await db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'test-housekeeping')
      .execute();
    expect(jobs.map((j) => j.id).sort()).toEqual([
      'job-done-recently',
      'job-parked',
      'job-waiting',
    ]);
    // The set-up's own jobs (publishing enqueues some) are all newer than a week: kept.
    expect(
      (await db.selectFrom('jobs').select('id').where('kind', '!=', 'test-housekeeping').execute())
        .length,
    ).toBeGreaterThanOrEqual(before.jobs.length);

    // Nothing left to do; runs at once share it without an error.
    const again = await Promise.all([pruneExpiredRows(ctx.deps), pruneExpiredRows(ctx.deps)]);
    for (const run of again)
      expect(run).toEqual({
        sessions: 0,
        passwordResets: 0,
        signInStates: 0,
        presence: 0,
        jobs: 0,
      });
  });
});

/**
 * The pg-boss job queue on the real PostgreSQL server, with two instances (each its own pool
 * and its own pg-boss) on one database: every job written to the outbox runs exactly once,
 * the jobs of one ordering key run in sequence order even when the oldest fails first, a job
 * failing every attempt is retried with backoff and then parked (and a permanent error parks
 * it at once), handing a row on twice sends it once, stop() lets the running job finish, a
 * running attempt keeps /readyz ready until it outlives pg-boss's time limit, two
 * instances starting on an empty database both start, and `serve` on a PostgreSQL server runs
 * its jobs through pg-boss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { withDefaultUser } from '../../src/db/connection.js';
import { handOnDue, startPgBossQueue } from '../../src/jobs/pg-boss-queue.js';
import { HANDED_ON_RUNNER } from '../../src/services/repositories.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { createJobRegistry, defineHandler } from '../../src/jobs/registry.js';
import type { JobRegistry } from '../../src/jobs/registry.js';
import { JobAttemptError } from '../../src/jobs/runner.js';
import { createRuntime, serve } from '../../src/main.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  enqueueJob,
  MARK_OUTDATED_JOB,
  outdatedOrderingKey,
  SEND_NOTIFICATION_EMAIL_JOB,
} from '../../src/services/jobs.js';
import type { MarkOutdatedPayload } from '../../src/services/jobs.js';
import { checkReadiness } from '../../src/services/operations/check-readiness.service.js';
import { markOutdated } from '../../src/services/translation/mark-outdated.service.js';
import { at, freshDatabase, serverUrl } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();
const LATER = '2099-01-01T00:00:00.000Z';

/** Resolves once `check` holds (polled), or fails naming `what` after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const marking = (postId: string, revision: number): MarkOutdatedPayload => ({
  postId,
  revision,
  changes: [],
  minorUnitIds: [],
});

describe.skipIf(!url)('the pg-boss job queue on the PostgreSQL server', () => {
  let database: ServerDatabase;
  let a: ServiceDeps;
  let b: ServiceDeps;
  let inspector: pg.Client;
  let queues: JobQueue[] = [];

  beforeAll(async () => {
    database = await freshDatabase(url ?? '');
    a = await database.client();
    b = await database.client();
    inspector = new pg.Client({ connectionString: withDefaultUser(database.url) });
    await inspector.connect();
  });
  afterAll(async () => {
    await inspector.end();
    await database.drop();
  });

  /** Starts one pg-boss queue per client, with fast relays and retries. */
  async function start(
    registry: JobRegistry,
    errors: unknown[],
    clients: ServiceDeps[] = [a, b],
    maxAttempts?: number,
  ): Promise<void> {
    const started = await Promise.allSettled(
      clients.map((deps) =>
        startPgBossQueue(deps, {
          connectionString: withDefaultUser(database.url),
          onError: (error) => errors.push(error),
          registry,
          relayIntervalMs: 100,
          retryDelaySeconds: 1,
          ...(maxAttempts ? { maxAttempts } : {}),
        }),
      ),
    );
    queues = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      await stopAll();
      throw failed.reason;
    }
  }

  async function stopAll(): Promise<void> {
    await Promise.all(queues.map((queue) => queue.stop()));
    queues = [];
  }

  /** pg-boss's state of the job handed on for outbox row `id`. */
  async function bossState(id: string): Promise<string | undefined> {
    const result = await inspector.query<{ state: string }>(
      'SELECT state FROM pgboss.job WHERE id = $1',
      [id],
    );
    return result.rows[0]?.state;
  }

  it('runs 100 outdated-marking jobs enqueued from both instances exactly once each', async () => {
    const runs = new Map<string, number>();
    const registry = createJobRegistry(
      [
        defineHandler(MARK_OUTDATED_JOB, async (deps, payload) => {
          runs.set(payload.postId, (runs.get(payload.postId) ?? 0) + 1);
          return markOutdated(deps, payload);
        }),
      ],
      [MARK_OUTDATED_JOB],
    );
    const errors: unknown[] = [];
    await start(registry, errors);
    const posts = Array.from({ length: 100 }, (_, i) => `post-${i}`);
    await Promise.all(
      posts.map((postId, i) =>
        enqueueJob(a, i % 2 === 0 ? a.store : b.store, MARK_OUTDATED_JOB, marking(postId, 2), {
          dedupeKey: `${MARK_OUTDATED_JOB}:${postId}:2`,
          ordering: { key: outdatedOrderingKey(postId), sequence: 2 },
        }),
      ),
    );
    await until('every job to finish', async () => (await a.store.jobs.counts()).waiting === 0);
    await stopAll();
    expect(errors).toEqual([]);
    expect(runs.size).toBe(100);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    const rows = await inspector.query<{ state: string; count: string }>(
      `SELECT state, count(*) FROM pgboss.job WHERE name = $1 GROUP BY state`,
      [MARK_OUTDATED_JOB],
    );
    expect(rows.rows).toEqual([{ state: 'completed', count: '100' }]);
    // The marks committed with the work: a late duplicate of any of them would change nothing.
    for (const postId of posts.slice(0, 5))
      expect(await a.store.jobs.advanceSequence(outdatedOrderingKey(postId), 2, LATER)).toBe(false);
  });

  it('runs the jobs of one ordering key in sequence order when the oldest fails first', async () => {
    const ran: number[] = [];
    let failures = 0;
    const registry = createJobRegistry(
      [
        defineHandler(MARK_OUTDATED_JOB, async (_deps, payload) => {
          if (payload.revision === 1 && failures === 0) {
            failures++;
            throw new Error('the first attempt fails');
          }
          ran.push(payload.revision);
          return 0;
        }),
      ],
      [MARK_OUTDATED_JOB],
    );
    const errors: unknown[] = [];
    const key = outdatedOrderingKey('ordered-post');
    const ids: string[] = [];
    for (let revision = 1; revision <= 5; revision++) {
      const store = revision % 2 === 0 ? a.store : b.store;
      await enqueueJob(
        { ...a, newId: () => `00000000-0000-4000-8000-00000000000${revision}` },
        store,
        MARK_OUTDATED_JOB,
        marking('ordered-post', revision),
        { dedupeKey: `ordered:${revision}`, ordering: { key, sequence: revision } },
      );
      ids.push(`00000000-0000-4000-8000-00000000000${revision}`);
    }
    await start(registry, errors);
    await until('the five jobs to finish', async () => (await a.store.jobs.counts()).waiting === 0);
    await stopAll();
    expect(ran).toEqual([1, 2, 3, 4, 5]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(JobAttemptError);
    expect((errors[0] as JobAttemptError).parked).toBe(false);
    const first = await a.store.jobs.find(ids[0] ?? '');
    expect(first).toMatchObject({ attempts: 1, lastError: 'the first attempt fails' });
    expect(first?.doneAt).not.toBeNull();
  });

  it('retries a failing job with backoff up to the cap, then parks it; a permanent error at once', async () => {
    const registry = createJobRegistry(
      [
        defineHandler(SEND_NOTIFICATION_EMAIL_JOB, () => {
          throw new Error('the mail server refused');
        }),
      ],
      [SEND_NOTIFICATION_EMAIL_JOB],
    );
    const errors: unknown[] = [];
    await enqueueJob(
      { ...a, newId: () => '00000000-0000-4000-8000-0000000000a1' },
      a.store,
      SEND_NOTIFICATION_EMAIL_JOB,
      { notificationId: 'doomed' },
      { dedupeKey: 'doomed' },
    );
    // A stored payload the schema refuses can never succeed.
    const now = new Date().toISOString();
    await a.store.jobs.enqueue({
      id: '00000000-0000-4000-8000-0000000000a2',
      kind: SEND_NOTIFICATION_EMAIL_JOB,
      payload: JSON.stringify({ notificationId: 5 }),
      runAfter: now,
      createdAt: now,
      dedupeKey: 'malformed',
      orderingKey: null,
      sequence: null,
    });
    await start(registry, errors, [a, b], 3);
    await until('both jobs to be parked', async () => (await a.store.jobs.counts()).failed === 2);
    await stopAll();
    const doomed = await a.store.jobs.find('00000000-0000-4000-8000-0000000000a1');
    expect(doomed).toMatchObject({ attempts: 3, lastError: 'the mail server refused' });
    expect(doomed?.failedAt).not.toBeNull();
    expect(await bossState('00000000-0000-4000-8000-0000000000a1')).toBe('failed');
    const malformed = await a.store.jobs.find('00000000-0000-4000-8000-0000000000a2');
    expect(malformed?.attempts).toBe(1);
    expect(malformed?.lastError).toMatch(/invalid payload/);
    expect(await bossState('00000000-0000-4000-8000-0000000000a2')).toBe('completed');
    const attempts = errors.filter((e): e is JobAttemptError => e instanceof JobAttemptError);
    expect(attempts.map((e) => [e.job.id.slice(-2), e.attempt, e.parked]).sort()).toEqual([
      ['a1', 1, false],
      ['a1', 2, false],
      ['a1', 3, true],
      ['a2', 1, true],
    ]);
    const parked = await a.store.jobs.failed(10);
    expect(parked.map((job) => job.id).sort()).toEqual([
      '00000000-0000-4000-8000-0000000000a1',
      '00000000-0000-4000-8000-0000000000a2',
    ]);
  });

  it('runs a parked job put back in the queue (under a new id, pg-boss takes it as new)', async () => {
    let runs = 0;
    const registry = createJobRegistry(
      [
        defineHandler(SEND_NOTIFICATION_EMAIL_JOB, () => {
          runs++;
          return Promise.resolve();
        }),
      ],
      [SEND_NOTIFICATION_EMAIL_JOB],
    );
    // Parked by the test before (its attempts used up, pg-boss's job failed).
    const parked = '00000000-0000-4000-8000-0000000000a1';
    const fresh = '00000000-0000-4000-8000-0000000000a3';
    expect(await a.store.jobs.requeueParked(parked, fresh, new Date().toISOString())).toBe(true);
    const errors: unknown[] = [];
    await start(registry, errors);
    await until('the retried job to be done', async () =>
      Boolean((await a.store.jobs.find(fresh))?.doneAt),
    );
    await stopAll();
    expect(runs).toBe(1);
    expect(errors).toEqual([]);
    expect(await bossState(fresh)).toBe('completed');
  });

  it('sends a row handed on twice (its lease ran out) to pg-boss once', async () => {
    const registry = createJobRegistry(
      [defineHandler(SEND_NOTIFICATION_EMAIL_JOB, () => Promise.resolve())],
      [SEND_NOTIFICATION_EMAIL_JOB],
    );
    const boss = new PgBoss({
      connectionString: withDefaultUser(database.url),
      schema: 'pgboss',
      schedule: false,
    });
    boss.on('error', () => undefined);
    await boss.start();
    try {
      await boss.createQueue(SEND_NOTIFICATION_EMAIL_JOB);
      const id = '00000000-0000-4000-8000-0000000000b1';
      await enqueueJob(
        { ...a, newId: () => id },
        a.store,
        SEND_NOTIFICATION_EMAIL_JOB,
        {
          notificationId: 'twice',
        },
        { dedupeKey: 'twice' },
      );
      expect(await handOnDue(a, boss, registry)).toBe(1);
      // Not claimable while handed on; once the lease has run out, handed on again.
      expect(await handOnDue(b, boss, registry)).toBe(0);
      expect(await handOnDue(at(b, LATER), boss, registry)).toBe(1);
      const rows = await inspector.query('SELECT id FROM pgboss.job WHERE id = $1', [id]);
      expect(rows.rowCount).toBe(1);
      expect((await a.store.jobs.find(id))?.claimedBy).toBe(HANDED_ON_RUNNER);
      await boss.deleteJob(SEND_NOTIFICATION_EMAIL_JOB, id);
      await a.store.jobs.complete(id, HANDED_ON_RUNNER, new Date().toISOString());
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it('lets the running job finish on stop()', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    const registry = createJobRegistry(
      [
        defineHandler(SEND_NOTIFICATION_EMAIL_JOB, async () => {
          started();
          await new Promise((resolve) => setTimeout(resolve, 700));
          finished = true;
        }),
      ],
      [SEND_NOTIFICATION_EMAIL_JOB],
    );
    const id = '00000000-0000-4000-8000-0000000000c1';
    await enqueueJob(
      { ...a, newId: () => id },
      a.store,
      SEND_NOTIFICATION_EMAIL_JOB,
      {
        notificationId: 'slow',
      },
      { dedupeKey: 'slow' },
    );
    const errors: unknown[] = [];
    await start(registry, errors, [a]);
    await running;
    await stopAll();
    expect(finished).toBe(true);
    expect((await a.store.jobs.find(id))?.doneAt).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it('keeps /readyz ready while an attempt runs, stalled once it outlives its time limit', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const registry = createJobRegistry(
      [
        defineHandler(SEND_NOTIFICATION_EMAIL_JOB, async () => {
          started();
          await released;
        }),
      ],
      [SEND_NOTIFICATION_EMAIL_JOB],
    );
    const id = '00000000-0000-4000-8000-0000000000e1';
    await enqueueJob(
      { ...a, newId: () => id },
      a.store,
      SEND_NOTIFICATION_EMAIL_JOB,
      { notificationId: 'long' },
      { dedupeKey: 'long' },
    );
    const errors: unknown[] = [];
    await start(registry, errors, [a]);
    try {
      await running;
      const later = (minutes: number) => ({
        ...a,
        clock: { now: () => new Date(Date.now() + minutes * 60_000) },
      });
      // Six minutes into the attempt: pg-boss gives it fifteen, so it is at work.
      expect((await checkReadiness(later(6))).checks.jobs).toEqual({ ok: true });
      // Past its fifteen and five more untouched: pg-boss should have failed and retried it.
      expect((await checkReadiness(later(21))).checks.jobs).toMatchObject({
        ok: false,
        stalled: 1,
      });
    } finally {
      release();
      await stopAll();
    }
    expect((await a.store.jobs.find(id))?.doneAt).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it('starts on an empty database from two instances at once (three times)', async () => {
    const registry = createJobRegistry(
      [defineHandler(SEND_NOTIFICATION_EMAIL_JOB, () => Promise.resolve())],
      [SEND_NOTIFICATION_EMAIL_JOB],
    );
    for (let round = 0; round < 3; round++) {
      const empty = await freshDatabase(url ?? '');
      try {
        const clients = [await empty.client(), await empty.client()];
        const errors: unknown[] = [];
        const started = await Promise.allSettled(
          clients.map((deps) =>
            startPgBossQueue(deps, {
              connectionString: withDefaultUser(empty.url),
              onError: (error) => errors.push(error),
              registry,
            }),
          ),
        );
        await Promise.all(
          started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : Promise.resolve())),
        );
        expect(
          started.map((s): unknown => (s.status === 'fulfilled' ? 'started' : s.reason)),
        ).toEqual(['started', 'started']);
        expect(errors).toEqual([]);
      } finally {
        await empty.drop();
      }
    }
  });

  it('serve on a PostgreSQL server runs its jobs on pg-boss', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polyphony-pgboss-'));
    const env = loadEnv({
      DATABASE_URL: database.url,
      MEDIA_DIR: join(dir, 'media'),
      IMPORT_DIR: join(dir, 'imports'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'never',
    });
    const runtime = await createRuntime(env, { log: () => undefined });
    const server = await serve(runtime, env);
    try {
      const id = '00000000-0000-4000-8000-0000000000d1';
      await enqueueJob(
        { ...runtime.deps, newId: () => id },
        runtime.deps.store,
        MARK_OUTDATED_JOB,
        marking('served-post', 3),
        { dedupeKey: 'served', ordering: { key: outdatedOrderingKey('served-post'), sequence: 3 } },
      );
      await until('the job to be done', async () => (await a.store.jobs.find(id))?.doneAt != null);
      expect(await bossState(id)).toBe('completed');
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

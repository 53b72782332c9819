/**
 * The job registry and runner on every engine: exactly one handler per job name (checked when
 * the registry is built), payloads validated, jobs deduplicated by key, attempts capped (then
 * parked as failed with the last error, visible and never picked up again), a bad payload
 * parked at once, a lease that keeps a claimed job from a second runner until it runs out (and
 * is extended, or an attempt counted on it, only by the runner holding it).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { createJobRegistry, defineHandler, jobRegistry } from '../../src/jobs/registry.js';
import { JobAttemptError, MAX_ATTEMPTS, runDueJobs } from '../../src/jobs/runner.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { enqueueJob, MARK_OUTDATED_JOB } from '../../src/services/jobs.js';
import type { MarkOutdatedPayload } from '../../src/services/jobs.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

const payload = (postId: string, revision = 2): MarkOutdatedPayload => ({
  postId,
  revision,
  changes: [],
  minorUnitIds: [],
});

describe('the job registry', () => {
  const handler = defineHandler(MARK_OUTDATED_JOB, () => Promise.resolve());

  it('accepts exactly one handler per job name (the application’s own registry too)', () => {
    expect(createJobRegistry([handler], [MARK_OUTDATED_JOB]).size).toBe(1);
    expect(jobRegistry().has(MARK_OUTDATED_JOB)).toBe(true);
  });

  it('refuses a name with two handlers, a name without one and a handler for no job', () => {
    expect(() => createJobRegistry([handler, handler])).toThrow(/more than one handler/);
    expect(() => createJobRegistry([])).toThrow(/no handler for job mark-outdated/);
    expect(() => createJobRegistry([handler], ['mark-outdated', 'send-digest'])).toThrow(
      /no handler for job send-digest/,
    );
    expect(() => createJobRegistry([handler], [])).toThrow(/not a job name/);
  });
});

describe.each(engines())('the job runner on $name', (engine) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  const at = (iso: string): ServiceDeps => ({ ...deps, clock: { now: () => new Date(iso) } });

  beforeAll(async () => {
    handle = await engine.open();
    deps = testDeps(handle.db, '/nonexistent');
  });
  afterAll(() => handle.close());

  /** A job due at `now`, written directly; its id. */
  async function enqueueDue(now: string): Promise<string> {
    const id = randomUUID();
    await deps.store.jobs.enqueue({
      id,
      kind: MARK_OUTDATED_JOB,
      payload: JSON.stringify(payload(randomUUID())),
      runAfter: now,
      createdAt: now,
      dedupeKey: id,
      orderingKey: null,
      sequence: null,
    });
    return id;
  }

  it('adds a job once per dedupe key', async () => {
    const postId = randomUUID();
    const enqueue = () =>
      deps.store.transaction((store) =>
        enqueueJob(deps, store, MARK_OUTDATED_JOB, payload(postId), {
          dedupeKey: `dedupe:${postId}`,
        }),
      );
    expect(await enqueue()).toBe(true);
    expect(await enqueue()).toBe(false);
    const ran: string[] = [];
    const registry = createJobRegistry(
      [
        defineHandler(MARK_OUTDATED_JOB, (_d, p) => {
          ran.push(p.postId);
          return Promise.resolve();
        }),
      ],
      [MARK_OUTDATED_JOB],
    );
    await runDueJobs(deps, undefined, { registry });
    expect(ran.filter((id) => id === postId)).toEqual([postId]);
  });

  it('refuses to enqueue a payload its schema rejects', async () => {
    await expect(
      deps.store.transaction((store) =>
        enqueueJob(
          deps,
          store,
          MARK_OUTDATED_JOB,
          { ...payload(randomUUID()), revision: 0 },
          { dedupeKey: randomUUID() },
        ),
      ),
    ).rejects.toThrow(/revision/);
  });

  it(`parks a job that failed ${MAX_ATTEMPTS} times, with its last error, and never runs it again`, async () => {
    const postId = randomUUID();
    await deps.store.transaction((store) =>
      enqueueJob(deps, store, MARK_OUTDATED_JOB, payload(postId), { dedupeKey: postId }),
    );
    let attempts = 0;
    const registry = createJobRegistry(
      [
        defineHandler(MARK_OUTDATED_JOB, (_d, p) => {
          if (p.postId !== postId) return Promise.resolve();
          attempts += 1;
          return Promise.reject(new Error(`the database went away (attempt ${attempts})`));
        }),
      ],
      [MARK_OUTDATED_JOB],
    );
    const errors: JobAttemptError[] = [];
    const onError = (e: unknown) => {
      if (e instanceof JobAttemptError) errors.push(e);
    };
    // Each retry waits for its backoff (5 s, 10 s, 20 s…): run a day apart.
    for (let day = 1; day <= MAX_ATTEMPTS + 2; day++)
      await runDueJobs(at(`2090-01-${String(day).padStart(2, '0')}T00:00:00Z`), onError, {
        registry,
      });
    expect(attempts).toBe(MAX_ATTEMPTS);
    expect(errors.map((e) => e.parked)).toEqual([
      ...Array.from({ length: MAX_ATTEMPTS - 1 }, () => false),
      true,
    ]);
    const parked = (await deps.store.jobs.failed(50)).find((j) => j.dedupeKey === postId);
    expect(parked?.attempts).toBe(MAX_ATTEMPTS);
    expect(parked?.lastError).toBe(`the database went away (attempt ${MAX_ATTEMPTS})`);
    expect(parked?.doneAt).toBeNull();
  });

  it('parks a job whose stored payload its schema rejects at once', async () => {
    const id = randomUUID();
    const now = new Date().toISOString();
    await deps.store.jobs.enqueue({
      id,
      kind: MARK_OUTDATED_JOB,
      payload: JSON.stringify({ postId: 'p', revision: 'two' }),
      runAfter: now,
      createdAt: now,
      dedupeKey: id,
      orderingKey: null,
      sequence: null,
    });
    const errors: unknown[] = [];
    await runDueJobs(deps, (e) => errors.push(e));
    const job = await deps.store.jobs.find(id);
    expect(job?.failedAt).not.toBeNull();
    expect(job?.attempts).toBe(1);
    expect(job?.lastError).toMatch(/invalid payload/);
  });

  it('keeps a claimed job from another runner until its lease runs out', async () => {
    const now = '2091-01-01T00:00:00.000Z';
    const id = await enqueueDue(now);
    const lease = '2091-01-01T00:05:00.000Z';
    expect(await deps.store.jobs.claim(id, 'A', now, lease)).toBe(true);
    expect(await deps.store.jobs.claim(id, 'B', now, lease)).toBe(false);
    expect(await deps.store.jobs.claim(id, 'B', '2091-01-01T00:06:00.000Z', '2091-01-02')).toBe(
      true,
    );
    // A, whose lease ran out, can no longer complete it; B can.
    expect(await deps.store.jobs.complete(id, 'A', '2091-01-01T00:07:00.000Z')).toBe(false);
    expect(await deps.store.jobs.complete(id, 'B', '2091-01-01T00:07:00.000Z')).toBe(true);
  });

  it('extends a lease and counts attempts only for the runner holding the job', async () => {
    const now = '2092-01-01T00:00:00.000Z';
    const id = await enqueueDue(now);
    expect(await deps.store.jobs.claim(id, 'pg-boss', now, '2092-01-01T00:05:00.000Z')).toBe(true);
    expect(await deps.store.jobs.extendClaim(id, 'other', '2092-01-02T00:00:00.000Z')).toBe(false);
    expect(await deps.store.jobs.extendClaim(id, 'pg-boss', '2092-01-01T01:00:00.000Z')).toBe(true);
    // Still leased at 00:30 (the extended lease), so no other runner can claim it.
    expect(await deps.store.jobs.claim(id, 'B', '2092-01-01T00:30:00.000Z', '2092-01-02')).toBe(
      false,
    );
    await deps.store.jobs.recordAttempt(id, 'other', 'not mine', '2092-01-03T00:00:00.000Z');
    await deps.store.jobs.recordAttempt(
      id,
      'pg-boss',
      'the mail server refused',
      '2092-01-01T02:00:00.000Z',
    );
    expect(await deps.store.jobs.find(id)).toMatchObject({
      attempts: 1,
      lastError: 'the mail server refused',
      claimedBy: 'pg-boss',
      claimedUntil: '2092-01-01T02:00:00.000Z',
      doneAt: null,
      failedAt: null,
    });
    expect(await deps.store.jobs.complete(id, 'pg-boss', '2092-01-01T00:40:00.000Z')).toBe(true);
    // A finished job's lease is not extended.
    expect(await deps.store.jobs.extendClaim(id, 'pg-boss', '2092-01-05T00:00:00.000Z')).toBe(
      false,
    );
  });
});

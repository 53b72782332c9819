/**
 * The pg-boss relay's bookkeeping on every engine (pg-boss itself is exercised on the real
 * server in test/concurrency/pg-boss-queue.test.ts): a handed-on row stays leased to pg-boss,
 * a row whose send failed is taken again at the next pass, a handed-on row no worker takes
 * reads as stalled on /readyz after five minutes, and a row of a job name without a handler
 * is parked instead of sent.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { handOnDue } from '../../src/jobs/pg-boss-queue.js';
import { HANDED_ON_RUNNER } from '../../src/services/repositories.js';
import { createJobRegistry, defineHandler } from '../../src/jobs/registry.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { SEND_NOTIFICATION_EMAIL_JOB } from '../../src/services/jobs.js';
import { checkReadiness } from '../../src/services/operations/check-readiness.service.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

const registry = createJobRegistry(
  [defineHandler(SEND_NOTIFICATION_EMAIL_JOB, () => Promise.resolve())],
  [SEND_NOTIFICATION_EMAIL_JOB],
);

describe.each(engines())('the pg-boss relay on $name', (engine) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  const at = (iso: string): ServiceDeps => ({ ...deps, clock: { now: () => new Date(iso) } });

  beforeAll(async () => {
    handle = await engine.open();
    deps = testDeps(handle.db, '/nonexistent');
  });
  afterAll(() => handle.close());

  async function enqueue(kind: string, now: string): Promise<string> {
    const id = randomUUID();
    await deps.store.jobs.enqueue({
      id,
      kind,
      payload: JSON.stringify({ notificationId: id }),
      runAfter: now,
      createdAt: now,
      dedupeKey: id,
      orderingKey: null,
      sequence: null,
    });
    return id;
  }

  it('leases a sent row to pg-boss, and takes a row whose send failed again at the next pass', async () => {
    const now = '2093-01-01T00:00:00.000Z';
    const id = await enqueue(SEND_NOTIFICATION_EMAIL_JOB, now);
    const down = { send: () => Promise.reject(new Error('the database went away')) };
    await expect(handOnDue(at(now), down, registry)).rejects.toThrow(/went away/);
    const sent: string[] = [];
    const up = {
      send: (_name: string, _data: object, options: { id: string }) => {
        sent.push(options.id);
        return Promise.resolve(options.id);
      },
    };
    expect(await handOnDue(at('2093-01-01T00:00:01.000Z'), up, registry)).toBe(1);
    expect(sent).toEqual([id]);
    expect(await deps.store.jobs.find(id)).toMatchObject({ claimedBy: HANDED_ON_RUNNER });
    // Leased while pg-boss holds it: a later pass sends nothing.
    expect(await handOnDue(at('2093-01-01T00:10:00.000Z'), up, registry)).toBe(0);
    expect(sent).toEqual([id]);
    await deps.store.jobs.complete(id, HANDED_ON_RUNNER, '2093-01-01T00:11:00.000Z');
  });

  it('reads a handed-on row no pg-boss worker takes as stalled after five minutes', async () => {
    const now = '2095-01-01T00:00:00.000Z';
    const id = await enqueue(SEND_NOTIFICATION_EMAIL_JOB, now);
    const accepted = { send: (_n: string, _d: object, o: { id: string }) => Promise.resolve(o.id) };
    expect(await handOnDue(at(now), accepted, registry)).toBe(1);
    // Its lease runs for an hour, but nothing has touched it: pg-boss's workers are gone.
    expect((await checkReadiness(at('2095-01-01T00:04:00.000Z'))).checks.jobs).toEqual({
      ok: true,
    });
    expect((await checkReadiness(at('2095-01-01T00:06:00.000Z'))).checks.jobs).toMatchObject({
      ok: false,
      stalled: 1,
    });
    // A worker's failed attempt renews the lease: at work again.
    await deps.store.jobs.recordAttempt(
      id,
      HANDED_ON_RUNNER,
      'boom',
      new Date(Date.parse('2095-01-01T00:06:00.000Z') + 60 * 60_000).toISOString(),
    );
    expect((await checkReadiness(at('2095-01-01T00:07:00.000Z'))).checks.jobs).toEqual({
      ok: true,
    });
    await deps.store.jobs.complete(id, HANDED_ON_RUNNER, '2095-01-01T00:08:00.000Z');
    expect((await checkReadiness(at('2095-01-01T00:30:00.000Z'))).checks.jobs).toEqual({
      ok: true,
    });
  });

  it('parks a row whose job name has no handler instead of sending it', async () => {
    const now = '2094-01-01T00:00:00.000Z';
    const id = await enqueue('a-job-name-since-removed', now);
    const never = { send: () => Promise.reject(new Error('must not be sent')) };
    expect(await handOnDue(at(now), never, registry)).toBe(0);
    const row = await deps.store.jobs.find(id);
    expect(row?.failedAt).not.toBeNull();
    expect(row?.lastError).toMatch(/no handler for job kind "a-job-name-since-removed"/);
  });
});

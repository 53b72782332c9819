/**
 * startHousekeeping (src/jobs/housekeeping.ts): prunes at once when started, reports what it
 * deleted only when it deleted something, reports a failure without stopping, and stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHousekeeping } from '../../src/jobs/housekeeping.js';
import type { Pruned } from '../../src/services/admin/housekeeping.service.js';
import { engines } from '../support/databases.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const sqlite = engines().filter((engine) => engine.name === 'sqlite');

describe.each(sqlite)('housekeeping schedule on $name', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp(engine);
  });
  afterAll(() => ctx.close());

  it('prunes when started and reports only what it deleted', async () => {
    const user = await buildUser(ctx.deps, ['reader']);
    const past = new Date(Date.now() - 60_000).toISOString();
    await ctx.deps.store.sessions.create({
      idHash: 'expired-at-start',
      userId: user.id,
      createdAt: past,
      expiresAt: past,
    });
    const reports: Pruned[] = [];
    const errors: unknown[] = [];
    const first = startHousekeeping(
      ctx.deps,
      (p) => reports.push(p),
      (e) => errors.push(e),
      20,
    );
    // The first run starts at once; let it and a few more (which find nothing) run.
    await new Promise((resolve) => setTimeout(resolve, 120));
    await first.stop();
    expect(errors).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.sessions).toBe(1);

    // A failing run is reported, and the schedule goes on.
    const failing = {
      ...ctx.deps,
      store: {
        ...ctx.deps.store,
        sessions: {
          ...ctx.deps.store.sessions,
          pruneExpired: () => Promise.reject(new Error('database away')),
        },
      },
    };
    const second = startHousekeeping(
      failing,
      (p) => reports.push(p),
      (e) => errors.push(e),
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 70));
    await second.stop();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(String(errors[0])).toContain('database away');
    expect(reports).toHaveLength(1);
  });
});

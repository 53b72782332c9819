/**
 * Two instances (separate processes) starting at once on one empty SQLite file: both migrate
 * and neither crashes (Kysely's migration lock is a no-op on SQLite; ours is the file's write
 * lock, BEGIN IMMEDIATE), and exactly one seeds the demo while the other starts normally.
 * Needs no server: SQLite's concurrency is between processes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'polyphony-sqlite-instances-'));

interface InstanceResult {
  ok: boolean;
  seeded?: boolean;
  users?: number;
  error?: string;
}

async function instance(file: string): Promise<InstanceResult> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'test/concurrency/instance.ts', `sqlite:${file}`, join(dir, 'media')],
    { timeout: 120_000 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line || '{"ok":false,"error":"no output"}') as InstanceResult;
}

describe('two instances starting at once on one SQLite file', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('both migrate the empty file, one seeds the demo and the other starts normally', async () => {
    for (let round = 0; round < 2; round++) {
      const file = join(dir, `site-${round}.db`);
      const results = await Promise.all([instance(file), instance(file)]);
      expect(results.map((r) => r.error ?? 'ok')).toEqual(['ok', 'ok']);
      expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
      expect(results.map((r) => r.users)).toEqual([11, 11]);
    }
    // Two rounds of two real processes, each migrating and one seeding the whole demo (its
    // translations included: some 150 saves and reviews) while the other waits for the lock.
  }, 180_000);
});

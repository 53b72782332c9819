/**
 * Issue 11, acceptance 2: the WordPress import killed with SIGKILL at three different points
 * (while authors and terms go in, among the posts, among the translations), each time run
 * again, ends with exactly the database of an uninterrupted import (canonical dumps equal).
 * Runs the real command line (`src/cli.ts import-wxr`) in child processes on SQLite files.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { loadEnv } from '../../src/config/env.js';
import { createRuntime } from '../../src/main.js';
import { canonicalDump } from '../support/dump.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/wxr/site.xml');
const dir = mkdtempSync(join(tmpdir(), 'polyphony-import-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the import on `db`; with `killWhen`, sends SIGKILL as soon as a printed line matches
 * it. Resolves with the lines printed and whether the process was killed.
 */
function runImport(
  db: string,
  media: string,
  uploads: string,
  killWhen?: RegExp,
): Promise<{ lines: string[]; killed: boolean; code: number | null }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'import-wxr', FIXTURE, '--uploads', uploads],
    {
      env: { ...process.env, DATABASE_URL: `sqlite:${db}`, MEDIA_DIR: media, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  let killed = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    if (killWhen && !killed && killWhen.test(line)) {
      killed = child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ lines, killed, code }));
  });
}

describe('WordPress import killed with SIGKILL', () => {
  it('ends, once run again, exactly as an uninterrupted import', async () => {
    const uploads = join(dir, 'uploads');
    mkdirSync(join(uploads, '2024/03'), { recursive: true });
    const jpeg = await sharp({
      create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 90, b: 160 } },
    })
      .jpeg()
      .toBuffer();
    writeFileSync(join(uploads, '2024/03/kiosk.jpg'), jpeg);
    writeFileSync(join(uploads, '2024/03/water-point.jpg'), jpeg);

    // One empty site with its administrator, started once (the first start writes the site's
    // languages), then copied: both imports start from the same bytes.
    const seed = join(dir, 'seed.db');
    const runtime = await createRuntime(
      loadEnv({ DATABASE_URL: `sqlite:${seed}`, MEDIA_DIR: join(dir, 'media-seed') }),
      { log: () => undefined },
    );
    await runtime.close();
    const handle = await openDatabase(`sqlite:${seed}`);
    await handle.db
      .insertInto('users')
      .values({
        id: '00000000-0000-4000-8000-000000000001',
        username: 'admin',
        username_key: 'admin',
        username_skeleton: 'admin',
        display_name: 'Admin',
        email: 'admin@example.org',
        password_hash: null,
        time_zone: 'UTC',
        bio: '',
        created_at: '2024-01-01T00:00:00.000Z',
      })
      .execute();
    await handle.db
      .insertInto('user_roles')
      .values({ user_id: '00000000-0000-4000-8000-000000000001', role: 'admin' })
      .execute();
    await handle.close();
    const whole = join(dir, 'whole.db');
    const killedDb = join(dir, 'killed.db');
    copyFileSync(seed, whole);
    copyFileSync(seed, killedDb);

    const uninterrupted = await runImport(whole, join(dir, 'media-whole'), uploads);
    expect(uninterrupted.code).toBe(0);
    expect(uninterrupted.lines.at(-1)).toMatch(/^Done/);

    const killPoints = [/ term post_tag:/, /^imported +post 103 /, /^imported +translation 111 /];
    for (const point of killPoints) {
      const run = await runImport(killedDb, join(dir, 'media-killed'), uploads, point);
      expect(run.killed, `the run reached ${point}`).toBe(true);
      expect(run.lines.at(-1)).not.toMatch(/^Done/);
    }
    const finished = await runImport(killedDb, join(dir, 'media-killed'), uploads);
    expect(finished.code).toBe(0);
    // The last run found most of the work done by the killed ones.
    expect(finished.lines.filter((l) => l.startsWith('unchanged')).length).toBeGreaterThan(10);

    const dump = async (file: string) => {
      const h = await openDatabase(`sqlite:${file}`);
      try {
        return await canonicalDump(h.db);
      } finally {
        await h.close();
      }
    };
    const expected = await dump(whole);
    expect(expected.posts).toHaveLength(11);
    expect(await dump(killedDb)).toEqual(expected);
  }, 180_000);
});

/**
 * `polyphony export-static` as the command line runs it: arguments, the exit codes (0 done,
 * 1 refused, 2 usage), the report lines, and `--incremental` over the directory a first run
 * wrote. What the export holds is test/interchange/static-export.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { staticExportCommand } from '../../src/cli/static-export-command.js';
import { loadEnv } from '../../src/config/env.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { MANIFEST_FILE } from '../../src/interchange/static/manifest.js';
import { applySiteSettings } from '../../src/services/admin/site-settings.service.js';
import { seedDemoOnce } from '../../src/services/demo/seed-demo.service.js';
import { testDeps } from '../support/app.js';

describe('polyphony export-static', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-static-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  function capture() {
    const out: string[] = [];
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    return { out, errors };
  }

  it('exports, updates with --incremental, refuses what it may not write into', async () => {
    const file = join(dir, 'site.db');
    const handle = await openDatabase(`sqlite:${file}`);
    await migrateToLatest(handle);
    const deps = testDeps(handle.db, join(dir, 'media'));
    await applySiteSettings(deps);
    await seedDemoOnce(deps, await loadDemoAssets(), { adminPassword: 'static cli password 1' });
    await handle.close();
    const env = loadEnv({
      DATABASE_URL: `sqlite:${file}`,
      MEDIA_DIR: join(dir, 'media'),
      PUBLIC_URL: 'https://blog.example.org',
    });
    const target = join(dir, 'site');

    let io = capture();
    expect(await staticExportCommand([target], env)).toBe(0);
    expect(io.out.join('\n')).toMatch(/export 1, (\d+) files — \1 new, 0 rewritten, 0 removed/);
    expect(existsSync(join(target, 'en', 'index.html'))).toBe(true);
    expect(existsSync(join(target, MANIFEST_FILE))).toBe(true);
    vi.restoreAllMocks();

    io = capture();
    expect(await staticExportCommand([target], env)).toBe(1);
    expect(io.errors.join('\n')).toMatch(/is not empty.*--incremental/);
    vi.restoreAllMocks();

    io = capture();
    expect(await staticExportCommand([target, '--incremental'], env)).toBe(0);
    expect(io.out.join('\n')).toMatch(/export 2, \d+ files — 0 new, 0 rewritten, 0 removed/);
    vi.restoreAllMocks();

    // A directory some other program wrote is never updated.
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    io = capture();
    expect(await staticExportCommand([other, '--incremental'], env)).toBe(1);
    expect(io.errors.join('\n')).toContain(`holds no ${MANIFEST_FILE}`);
    vi.restoreAllMocks();

    io = capture();
    expect(await staticExportCommand([], env)).toBe(2);
    expect(await staticExportCommand([target, 'extra'], env)).toBe(2);
    expect(await staticExportCommand([target, '--bogus'], env)).toBe(2);
    expect(io.errors).toHaveLength(3);
  }, 180_000);
});

// Starts Polyphony the way `npm start` does: build once (`node scripts/build.js`, esbuild,
// about a second), then `node --enable-source-maps dist/cli.js serve` per server, in
// production mode, on a SQLite database in the bench's temporary directory.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForOk } from './http.js';
import type { HttpResponse } from './http.js';
import { assertRunning, startChild, stopChild } from './processes.js';
import type { ManagedChild } from './processes.js';

export const DEMO_POST_PATH = '/en/2026/10/14/four-continents-one-playbook';

export interface PolyphonyServer {
  child: ManagedChild;
  origin: string;
  /** The first 200 answer of `readyPath`, once the server was ready. */
  page: HttpResponse;
  startupMs: number;
  stop(): Promise<void>;
}

export interface PolyphonyOptions {
  repoRoot: string;
  /** Name for log lines and errors, e.g. "polyphony" or "polyphony-10k". */
  name: string;
  /** SQLite database file (created and, unless seedDemo is 'never', seeded on first start). */
  databaseFile: string;
  mediaDir: string;
  port: number;
  /** Polled until it answers 200. */
  readyPath: string;
  readyTimeoutMs: number;
  pageCache: 'on' | 'off';
  seedDemo?: 'auto' | 'never';
  /** Comma-separated BCP 47 tags; the server's default when absent. */
  siteLanguages?: string;
  /** WORKERS: processes serving HTTP (default 1, one process). */
  workers?: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: readonly string[];
}

/** `node scripts/build.js` in the repository, as `npm start` runs it; throws on failure. */
export function buildPolyphony(repoRoot: string): number {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['scripts/build.js'], {
    cwd: repoRoot,
    stdio: 'inherit',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `node scripts/build.js failed (status ${String(result.status)}` +
        `${result.error ? `, ${result.error.message}` : ''})`,
    );
  }
  return Date.now() - started;
}

export async function startPolyphony(options: PolyphonyOptions): Promise<PolyphonyServer> {
  mkdirSync(options.mediaDir, { recursive: true });
  const origin = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${options.databaseFile}`,
    MEDIA_DIR: options.mediaDir,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PAGE_CACHE: options.pageCache,
    SEED_DEMO: options.seedDemo ?? 'auto',
    WORKERS: String(options.workers ?? 1),
  };
  if (options.siteLanguages !== undefined) env.SITE_LANGUAGES = options.siteLanguages;
  else delete env.SITE_LANGUAGES;
  const started = Date.now();
  const child = startChild(
    options.name,
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      ...startFlags(options.repoRoot),
      join('dist', 'cli.js'),
      'serve',
    ],
    { cwd: options.repoRoot, env },
  );
  try {
    const page = await waitForOk(origin + options.readyPath, {
      timeoutMs: options.readyTimeoutMs,
      intervalMs: 250,
      check: () => assertRunning(child),
    });
    return { child, origin, page, startupMs: Date.now() - started, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/**
 * The Node flags `npm start` runs the server with (from package.json's start script), so the
 * bench measures the server exactly as operators run it.
 */
export function startFlags(repoRoot: string): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const start = pkg.scripts?.start ?? '';
  const match = /node((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/cli\.js/.exec(start);
  return (match?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

// Starts Polyphony the way an operator would (`node bin/polyphony.js serve`) on a fresh
// SQLite database, which makes it seed the demo content on first start.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitForOk } from './http.js';
import type { HttpResponse } from './http.js';
import { assertRunning, startChild } from './processes.js';
import type { ManagedChild } from './processes.js';

export const DEMO_POST_PATH = '/en/2026/10/14/four-continents-one-playbook';

export interface PolyphonyServer {
  child: ManagedChild;
  origin: string;
  /** The first 200 answer of the page, once the server was ready. */
  page: HttpResponse;
  startupMs: number;
}

export interface PolyphonyOptions {
  repoRoot: string;
  workDir: string;
  port: number;
  path: string;
  readyTimeoutMs: number;
}

export async function startPolyphony(options: PolyphonyOptions): Promise<PolyphonyServer> {
  const mediaDir = join(options.workDir, 'media');
  mkdirSync(mediaDir, { recursive: true });
  const origin = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(options.workDir, 'bench.db')}`,
    MEDIA_DIR: mediaDir,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  const started = Date.now();
  const child = startChild('polyphony', process.execPath, ['bin/polyphony.js', 'serve'], {
    cwd: options.repoRoot,
    env,
  });
  const page = await waitForOk(origin + options.path, {
    timeoutMs: options.readyTimeoutMs,
    intervalMs: 500,
    check: () => assertRunning(child),
  });
  return { child, origin, page, startupMs: Date.now() - started };
}

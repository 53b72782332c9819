/**
 * `polyphony serve` as a real child process for tests: the environment of a private site in
 * `dir` (SQLite file, media and import folders, any free port on loopback) with `overrides` on
 * top, its stdout kept line by line, and `lineWhere` to wait for a line printed so far or to come.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServeProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  lines: string[];
  /** The first line that passes `test`; rejects with every line printed after `ms`. */
  lineWhere: (test: (line: string) => boolean, ms?: number) => Promise<string>;
}

export function startServe(dir: string, overrides: NodeJS.ProcessEnv): ServeProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'site.db')}`,
    MEDIA_DIR: join(dir, 'media'),
    IMPORT_DIR: join(dir, 'imports'),
    PORT: '0',
    HOST: '127.0.0.1',
    ...overrides,
  };
  // What the developer's shell may hold would change what the child prints or where.
  for (const key of ['PUBLIC_URL', 'METRICS_LISTEN', 'METRICS_TOKEN'])
    if (!(key in overrides)) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  const lines: string[] = [];
  const waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      for (const waiter of [...waiters])
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
    });
  const lineWhere = (test: (line: string) => boolean, ms = 60_000): Promise<string> => {
    const seen = lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (line: string) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no such line in ${ms} ms; printed:\n${lines.join('\n')}`));
      }, ms);
      waiters.push(waiter);
    });
  };
  return { child, exited, lines, lineWhere };
}

// Runs bench/lib/seed-many.ts in its own process (its memory and CPU are not the server's) and
// reads the JSON line it prints last.
import { join } from 'node:path';
import { startChild } from './processes.js';

/** The languages the big site is written in (its servers run with them as SITE_LANGUAGES). */
export const BIG_SITE_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl', 'fr', 'pt', 'hi', 'zh'];

export interface SeedResult {
  posts: number;
  seconds: number;
  wallSeconds: number;
  markdownParseSeconds?: number;
}

/** Runs bench/lib/seed-many.ts in its own process (its memory is not the server's). */
export async function seedMany(
  repoRoot: string,
  databaseFile: string,
  posts: number,
): Promise<SeedResult> {
  const started = Date.now();
  const lines: string[] = [];
  const child = startChild(
    'seed-many',
    process.execPath,
    ['--import', 'tsx', join('bench', 'lib', 'seed-many.ts'), databaseFile, String(posts)],
    { cwd: repoRoot, echo: false, onLine: (line) => lines.push(line) },
  );
  const { code, signal } = await child.exited;
  const wallSeconds = (Date.now() - started) / 1000;
  if (code !== 0) {
    throw new Error(
      `seed-many failed (code ${String(code)}, signal ${String(signal)}):\n    ` +
        child.recentOutput.slice(-15).join('\n    '),
    );
  }
  const last = lines.at(-1) ?? '{}';
  const reported = JSON.parse(last) as Partial<SeedResult>;
  return {
    posts: reported.posts ?? posts,
    seconds: reported.seconds ?? wallSeconds,
    wallSeconds,
    ...(reported.markdownParseSeconds === undefined
      ? {}
      : { markdownParseSeconds: reported.markdownParseSeconds }),
  };
}

/**
 * Where the project's own files are, whether the code runs from `src/` (tsx, tests) or from
 * the `dist/` bundle that `npm start` builds: the nearest folder upwards with package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findRoot(import.meta.dirname);

/** A path inside the project, e.g. `projectPath('public', 'assets')`. */
export function projectPath(...parts: string[]): string {
  return join(projectRoot, ...parts);
}

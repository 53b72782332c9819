/** Media bytes on the local filesystem under one root directory. */
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Storage } from '../../services/ports.js';

/** Keys are relative paths like `2026/11/abc.webp`; anything escaping the root is refused. */
export function fsStorage(root: string): Storage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = resolve(join(base, key));
    if (!full.startsWith(base + sep))
      throw new Error(`storage key escapes the media directory: ${key}`);
    return full;
  };
  return {
    async put(key, data) {
      const full = pathOf(key);
      await mkdir(dirname(full), { recursive: true });
      const temp = `${full}.${process.pid}.tmp`;
      await writeFile(temp, data);
      await rename(temp, full);
    },
    get: (key) => readFile(pathOf(key)),
    delete: (key) => rm(pathOf(key), { force: true }),
    localPath: (key) => pathOf(key),
  };
}

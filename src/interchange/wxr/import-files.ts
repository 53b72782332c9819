/**
 * Uploaded WordPress exports on the local filesystem (the ImportFiles port), in a directory of
 * their own, never the media directory (nothing here is served). Keys are plain names: anything
 * with a path separator or a dot at the start is refused.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, open as openFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ImportFiles } from '../../services/ports.js';
import { uploadsDirectory, wordPressFile } from './wordpress-file.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*\.xml$/;

export function importFiles(dir: string, uploadsDir?: string): ImportFiles {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not an import file name: ${key}`);
    return join(root, key);
  };
  return {
    async save(key, data) {
      const full = pathOf(key);
      await mkdir(root, { recursive: true });
      const temp = `${full}.${process.pid}.part`;
      try {
        await pipeline(data, createWriteStream(temp, { flags: 'wx' }));
        await rename(temp, full);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return (await stat(full)).size;
    },
    async head(key, bytes) {
      const handle = await openFile(pathOf(key), 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    open: (key) => wordPressFile(pathOf(key)),
    delete: (key) => rm(pathOf(key), { force: true }),
    uploads: () => (uploadsDir ? uploadsDirectory(uploadsDir) : null),
  };
}

/**
 * The export directory on disk: files written whole (a temporary name, then a rename, so a
 * static server never sends half a page), readable by the web server's user (0644 files,
 * 0755 directories: everything here is public), never outside the directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** What a directory holds before an export: nothing there, nothing in it, or something. */
export type DirectoryState = 'missing' | 'empty' | 'not-empty';

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** Throws when `dir` exists and is not a directory. */
export async function directoryState(dir: string): Promise<DirectoryState> {
  try {
    return (await readdir(dir)).length === 0 ? 'empty' : 'not-empty';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
}

export interface OutputDirectory {
  readonly root: string;
  /** The size of the file at `path`, or null when there is none. */
  size(path: string): Promise<number | null>;
  /** The file's text, or null when there is none. */
  readText(path: string): Promise<string | null>;
  /** Writes the whole file under a temporary name and renames it into place. */
  write(path: string, data: Buffer | string): Promise<void>;
  /** Removes the file, then its directories left empty (never the root). */
  remove(path: string): Promise<void>;
}

/** The export directory at `root` (created when missing). */
export function outputDirectory(root: string): OutputDirectory {
  const base = resolve(root);
  const inside = (path: string): string => {
    const full = resolve(base, ...path.split('/'));
    const rel = relative(base, full);
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..'))
      throw new Error(`refusing to write outside the export directory: ${path}`);
    return full;
  };
  return {
    root: base,
    async size(path) {
      try {
        const info = await stat(inside(path));
        return info.isFile() ? info.size : null;
      } catch (error) {
        if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
        throw error;
      }
    },
    async readText(path) {
      try {
        return await readFile(inside(path), 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return null;
        throw error;
      }
    },
    async write(path, data) {
      const full = inside(path);
      await mkdir(dirname(full), { recursive: true, mode: 0o755 });
      // A dot name: static servers configured as README.md says never serve it.
      const temporary = join(dirname(full), `.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temporary, data, { mode: 0o644 });
        await rename(temporary, full);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async remove(path) {
      const full = inside(path);
      await rm(full, { force: true });
      let dir = dirname(full);
      while (dir !== base && dir.startsWith(base + sep)) {
        try {
          await rmdir(dir);
        } catch (error) {
          const code = errorCode(error);
          if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT') break;
          throw error;
        }
        dir = dirname(dir);
      }
    },
  };
}

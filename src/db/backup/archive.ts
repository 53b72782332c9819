/**
 * A backup file: a gzipped tar holding
 *   manifest.json          format, version, date, source engine, migrations, tables (columns,
 *                          row counts), media files and the ones that were missing
 *   tables/<table>.jsonl   one JSON array per row, in the manifest's column order
 *   media/<storage key>    the bytes of every media file and variant the rows name
 * The format is documented in docs/backup.md. It holds secrets (password and token hashes,
 * the site's cookie secret): it is written readable by its owner only.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import * as tar from 'tar';
import type { Storage } from '../../services/ports.js';
import type { Database } from '../schema.js';
import { checkRestorable, RestoreRefusedError, restoreTables } from './restore.js';
import type { Row } from './snapshot.js';
import { withSnapshot } from './snapshot.js';

export const BACKUP_FORMAT = 'polyphony-backup';
export const BACKUP_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number }[];
  media: { files: string[]; missing: string[] };
}

/** Rows handed to the restore per page. */
const RESTORE_PAGE = 500;

/** Media keys a `media` row names: the original and each variant. */
function mediaKeys(columns: string[], row: Row): string[] {
  const key = row[columns.indexOf('storage_key')];
  const variants = row[columns.indexOf('variants')];
  const keys = typeof key === 'string' ? [key] : [];
  if (typeof variants === 'string') {
    const parsed: unknown = JSON.parse(variants);
    if (Array.isArray(parsed))
      for (const v of parsed as { key?: unknown }[])
        if (typeof v.key === 'string') keys.push(v.key);
  }
  return keys;
}

/** `root/key`, refusing a key that would leave `root`. */
function inside(root: string, key: string): string {
  const base = resolve(root);
  const full = resolve(base, key);
  if (!full.startsWith(base + sep)) throw new RestoreRefusedError(`Media key escapes: ${key}`);
  return full;
}

/** Writes a consistent backup of `db` and its media to `file`; answers the manifest. */
export async function writeBackup(
  db: Kysely<Database>,
  engine: 'sqlite' | 'postgres',
  storage: Storage,
  file: string,
  now: Date = new Date(),
): Promise<BackupManifest> {
  const work = await mkdtemp(join(tmpdir(), 'polyphony-backup-'));
  try {
    await mkdir(join(work, 'tables'));
    const keys: string[] = [];
    const { migrations, tables } = await withSnapshot(db, async (reader) => {
      const written: BackupManifest['tables'] = [];
      for (const table of reader.tables) {
        const out = createWriteStream(join(work, 'tables', `${table.name}.jsonl`));
        let rows = 0;
        for await (const page of reader.rows(table)) {
          for (const row of page) {
            if (table.name === 'media') keys.push(...mediaKeys(table.columns, row));
            if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
          }
          rows += page.length;
        }
        out.end();
        await once(out, 'close');
        written.push({ name: table.name, columns: table.columns, rows });
      }
      return { migrations: reader.migrations, tables: written };
    });
    // Media files are written before the rows that name them and never changed in place, so
    // copying them after the snapshot gets every file the snapshot names (unless deleted since).
    const files: string[] = [];
    const missing: string[] = [];
    for (const key of [...new Set(keys)].sort()) {
      const data = await storage.get(key).catch(() => null);
      if (!data) {
        missing.push(key);
        continue;
      }
      const path = inside(join(work, 'media'), key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
      files.push(key);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      engine,
      migrations,
      tables,
      media: { files, missing },
    };
    await writeFile(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(join(work, 'media'), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await tar.create({ gzip: true, file: partial, cwd: work, portable: true }, [
      'manifest.json',
      'tables',
      'media',
    ]);
    await chmod(partial, 0o600);
    await rename(partial, file);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function parseManifest(text: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RestoreRefusedError('manifest.json is not JSON: this is not a Polyphony backup');
  }
  const m = value as Partial<BackupManifest>;
  if (m.format !== BACKUP_FORMAT)
    throw new RestoreRefusedError('manifest.json does not describe a Polyphony backup');
  if (m.version !== BACKUP_VERSION)
    throw new RestoreRefusedError(
      `This backup has format version ${String(m.version)}; this Polyphony reads version ${BACKUP_VERSION}`,
    );
  if (!Array.isArray(m.migrations) || !Array.isArray(m.tables) || !m.media)
    throw new RestoreRefusedError('manifest.json lacks migrations, tables or media');
  return m as BackupManifest;
}

async function* pages(path: string, table: string, width: number): AsyncGenerator<Row[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let page: Row[] = [];
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line === '') continue;
    const row: unknown = JSON.parse(line);
    if (!Array.isArray(row) || row.length !== width)
      throw new RestoreRefusedError(`tables/${table}.jsonl line ${number}: not a row of ${width}`);
    page.push(row);
    if (page.length === RESTORE_PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

export interface RestoreReport {
  manifest: BackupManifest;
  rows: Map<string, number>;
  media: number;
}

/**
 * Restores `file` into the empty, migrated `db` and its media into `storage`. Throws
 * RestoreRefusedError (nothing written) when the file is not a backup, comes from other
 * migrations, or the database is not empty.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  storage: Storage,
  file: string,
): Promise<RestoreReport> {
  const work = await mkdtemp(join(tmpdir(), 'polyphony-restore-'));
  try {
    await tar
      .extract({
        file,
        cwd: work,
        strict: true,
        // Regular files and folders only: a link in the archive could point anywhere.
        filter: (_path, entry) =>
          !('type' in entry) || entry.type === 'File' || entry.type === 'Directory',
      })
      .catch((error: unknown) => {
        throw new RestoreRefusedError(
          `${file} is not a readable backup (${error instanceof Error ? error.message : String(error)})`,
        );
      });
    const manifestText = await readFile(join(work, 'manifest.json'), 'utf8').catch(() => {
      throw new RestoreRefusedError(`${file} has no manifest.json: this is not a Polyphony backup`);
    });
    const manifest = parseManifest(manifestText);
    const source = {
      migrations: manifest.migrations,
      tables: manifest.tables,
      rows: (name: string) => {
        const table = manifest.tables.find((t) => t.name === name);
        if (!table) throw new RestoreRefusedError(`The backup has no table ${name}`);
        return pages(inside(join(work, 'tables'), `${name}.jsonl`), name, table.columns.length);
      },
    };
    const tables = await checkRestorable(db, source);
    // Files first: a file no row names yet is harmless, a row without its file is not.
    for (const key of manifest.media.files)
      await storage.put(key, await readFile(inside(join(work, 'media'), key)));
    const rows = await restoreTables(db, source, tables);
    return { manifest, rows, media: manifest.media.files.length };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * `polyphony backup FILE`: a consistent snapshot of the site named by DATABASE_URL (any
 * engine, running or not) and its media (MEDIA_DIR) in one file.
 * `polyphony restore FILE`: fills the empty database named by DATABASE_URL (any engine: this
 * is how a site moves from SQLite to PostgreSQL) and MEDIA_DIR from such a file.
 * Format and guarantees: docs/backup.md.
 */
import { writeBackup, restoreBackup } from '../db/backup/archive.js';
import { RestoreRefusedError } from '../db/backup/restore.js';
import { openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Env } from '../config/env.js';
import { fsStorage } from '../integrations/storage/fs-storage.js';

export async function backupCommand(args: string[], env: Env): Promise<number> {
  const [file] = args;
  if (!file || args.length > 1) {
    console.error('backup needs FILE');
    return 2;
  }
  const database = await openDatabase(env.DATABASE_URL);
  try {
    const manifest = await writeBackup(
      database.db,
      database.engine,
      fsStorage(env.MEDIA_DIR),
      file,
    );
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `${file}: ${rows} rows in ${manifest.tables.length} tables, ${manifest.media.files.length} media files`,
    );
    for (const key of manifest.media.missing) console.log(`missing media file: ${key}`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function restoreCommand(args: string[], env: Env): Promise<number> {
  const [file] = args;
  if (!file || args.length > 1) {
    console.error('restore needs FILE');
    return 2;
  }
  const database = await openDatabase(env.DATABASE_URL);
  try {
    await migrateToLatest(database);
    const report = await restoreBackup(database.db, fsStorage(env.MEDIA_DIR), file);
    const rows = [...report.rows.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `Restored ${rows} rows in ${report.rows.size} tables and ${report.media} media files from a ${report.manifest.engine} backup of ${report.manifest.createdAt}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefusedError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await database.close();
  }
}

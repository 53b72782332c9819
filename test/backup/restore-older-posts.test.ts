/**
 * A backup made before migration 0034 (posts without `kind`, nor the listing indexes of 0035)
 * restores into this version on each engine: its posts come back as posts, the column's
 * default. A backup missing any other migration is still refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup, writeBackup } from '../../src/db/backup/archive.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import * as m0034 from '../../src/db/migrations/0034_post_kind.js';
import * as m0035 from '../../src/db/migrations/0035_listing_indexes.js';
import * as m0036 from '../../src/db/migrations/0036_read_path_indexes.js';
import * as m0033 from '../../src/db/migrations/0033_import_runs.js';
import { fsStorage } from '../../src/integrations/storage/fs-storage.js';
import { engines } from '../support/databases.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
async function backupWithout(
  dir: string,
  name: string,
  undo: (db: Kysely<any>) => Promise<void>,
  migrations: string[],
): Promise<string> {
  const handle = await openDatabase(`sqlite:${join(dir, `${name}.db`)}`);
  try {
    await migrateToLatest(handle);
    const db: Kysely<any> = handle.db;
    await undo(db);
    await db.deleteFrom('kysely_migration').where('name', 'in', migrations).execute();
    await db
      .insertInto('posts')
      .values({
        id: 'older-post',
        source_language: 'en',
        slug: 'older-post',
        status: 'draft',
        current_revision: 1,
        published_revision: null,
        published_at: null,
        scheduled_at: null,
        created_by: null,
        created_at: '2024-01-01T00:00:00.000Z',
        updated_at: '2024-01-01T00:00:00.000Z',
      })
      .execute();
    const file = join(dir, `${name}.backup.tgz`);
    const media = fsStorage(mkdtempSync(join(dir, 'media-')));
    await writeBackup(handle.db, 'sqlite', media, file);
    return file;
  } finally {
    await handle.close();
  }
}

describe('a backup from before post kinds', () => {
  let dir: string;
  let before0034: string;
  let before0033: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polyphony-older-backup-'));
    before0034 = await backupWithout(
      dir,
      'before-0034',
      async (db) => {
        await m0036.down(db);
        await m0035.down(db);
        await m0034.down(db);
      },
      ['0034_post_kind', '0035_listing_indexes', '0036_read_path_indexes'],
    );
    before0033 = await backupWithout(
      dir,
      'before-0033',
      async (db) => {
        await m0036.down(db);
        await m0035.down(db);
        await m0034.down(db);
        await m0033.down(db);
      },
      ['0033_import_runs', '0034_post_kind', '0035_listing_indexes', '0036_read_path_indexes'],
    );
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(engines())('restores into $name, its posts posts', async (engine) => {
    const handle = await engine.open();
    try {
      const report = await restoreBackup(
        handle.db,
        fsStorage(mkdtempSync(join(dir, 'restored-'))),
        before0034,
      );
      expect(report.rows.get('posts')).toBe(1);
      const rows = await handle.db.selectFrom('posts').select(['id', 'kind']).execute();
      expect(rows).toEqual([{ id: 'older-post', kind: 'post' }]);
    } finally {
      await handle.close();
    }
  });

  it('still refuses one from before another migration, with nothing written', async () => {
    const [engine] = engines();
    const handle = await engine!.open();
    try {
      await expect(
        restoreBackup(handle.db, fsStorage(mkdtempSync(join(dir, 'refused-'))), before0033),
      ).rejects.toThrow(/older version of Polyphony \(without migrations 0033_import_runs/);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM posts`.execute(handle.db);
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

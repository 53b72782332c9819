/**
 * A backup taken while translators save (issue 11, acceptance 4): the snapshot holds each save
 * whole or not at all, so the restored database is consistent — every target has the history
 * row of its version, and no history row is ahead of its target. On the PostgreSQL server the
 * saves run on other connections of the pool; on SQLite through a second connection to the
 * same file (WAL), as `polyphony backup` reads a running site.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { restoreBackup, writeBackup } from '../../src/db/backup/archive.js';
import { withSnapshot } from '../../src/db/backup/snapshot.js';
import type { Row, SnapshotReader } from '../../src/db/backup/snapshot.js';
import { openDatabase } from '../../src/db/connection.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { fsStorage } from '../../src/integrations/storage/fs-storage.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

interface Source {
  name: string;
  /** The connection the site writes through, and the one the backup reads through. */
  open(): Promise<{ writer: DatabaseHandle; reader: DatabaseHandle; close(): Promise<void> }>;
}

function sources(): Source[] {
  const list: Source[] = [
    {
      name: 'sqlite file, second connection',
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'polyphony-load-'));
        const writer = await openDatabase(`sqlite:${join(dir, 'site.db')}`);
        await migrateToLatest(writer);
        const reader = await openDatabase(`sqlite:${join(dir, 'site.db')}`);
        return {
          writer,
          reader,
          close: async () => {
            await reader.close();
            await writer.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  const server = engines().find((e) => e.name === 'postgres');
  if (server)
    list.push({
      name: 'postgres server, other connections of the pool',
      open: async () => {
        const handle = await server.open();
        return { writer: handle, reader: handle, close: () => handle.close() };
      },
    });
  return list;
}

const PARAGRAPHS = 12;

describe.each(sources())('backup while saves are under way: $name', (source) => {
  it('restores to a consistent state', async () => {
    const site = await source.open();
    const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-media-'));
    const deps = testDeps(site.writer.db, mediaDir);
    const [target] = engines();
    const restored = await target!.open();
    try {
      const author = await buildUser(deps, ['author']);
      const editor = await buildUser(deps, ['editor']);
      const translator = await buildUser(deps, ['translator']);
      const body = Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n');
      const post = await createPost(deps, author, {
        language: 'en',
        title: 'Under load',
        slug: 'under-load',
        body,
      });
      await publishPost(deps, editor, post.id);
      const { units } = await loadEditor(deps, translator, post.id, 'es');

      let saves = 0;
      let stop = false;
      const translate = async (language: string) => {
        const versions = new Map<string, number>();
        for (let round = 1; !stop; round += 1)
          for (const unit of units) {
            if (stop) break;
            const result = await saveTarget(deps, translator, {
              postId: post.id,
              language,
              unitId: unit.unitId,
              text: `${language} round ${round} of ${unit.unitId}`,
              version: versions.get(unit.unitId) ?? 0,
              sourceRevision: unit.sourceRevision,
            });
            versions.set(unit.unitId, result.target?.version ?? 0);
            saves += 1;
            // As requests do, each save lets the event loop turn (SQLite's driver is synchronous).
            await new Promise((resolve) => setImmediate(resolve));
          }
      };
      const writers = [translate('es'), translate('de')];
      // A writer that fails ends the wait (and the test, through Promise.all below).
      const failed = Promise.all(writers).then(() => undefined);
      while (saves < 20)
        await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, 5))]);
      const before = saves;
      const file = join(mediaDir, '..', `${post.id}.backup.tgz`);
      await writeBackup(site.reader.db, site.reader.engine, fsStorage(mediaDir), file);
      const during = saves - before;
      stop = true;
      await Promise.all(writers);
      // The saves really were under way while the snapshot was read.
      expect(during).toBeGreaterThan(0);

      await restoreBackup(restored.db, fsStorage(mkdtempSync(join(tmpdir(), 'pp-m-'))), file);
      rmSync(file, { force: true });
      const { rows: orphans } = await sql<{ unit_id: string }>`
        SELECT t.unit_id FROM targets t
        WHERE NOT EXISTS (SELECT 1 FROM target_history h
          WHERE h.translation_id = t.translation_id AND h.unit_id = t.unit_id
            AND h.version = t.version AND h.text = t.text)`.execute(restored.db);
      expect(orphans).toEqual([]);
      const { rows: ahead } = await sql<{ unit_id: string }>`
        SELECT h.unit_id FROM target_history h JOIN targets t
          ON t.translation_id = h.translation_id AND t.unit_id = h.unit_id
        WHERE h.version > t.version`.execute(restored.db);
      expect(ahead).toEqual([]);
      const { rows: counted } = await sql<{ n: number | string }>`
        SELECT count(*) AS n FROM targets`.execute(restored.db);
      expect(Number(counted[0]?.n)).toBeGreaterThan(0);
    } finally {
      await restored.close();
      await site.close();
      rmSync(mediaDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reads every table as of one instant, whatever commits meanwhile', async () => {
    const site = await source.open();
    const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-media-'));
    const deps = testDeps(site.writer.db, mediaDir);
    try {
      const author = await buildUser(deps, ['author']);
      const editor = await buildUser(deps, ['editor']);
      const translator = await buildUser(deps, ['translator']);
      const post = await createPost(deps, author, {
        language: 'en',
        title: 'One instant',
        slug: 'one-instant',
        body: 'Only paragraph.',
      });
      await publishPost(deps, editor, post.id);
      const [unit] = (await loadEditor(deps, translator, post.id, 'es')).units;
      const save = (text: string, version: number) =>
        saveTarget(deps, translator, {
          postId: post.id,
          language: 'es',
          unitId: unit!.unitId,
          text,
          version,
          sourceRevision: unit!.sourceRevision,
        });
      await save('primera versión', 0);
      const all = async (reader: SnapshotReader, name: string): Promise<Row[]> => {
        const table = reader.tables.find((t) => t.name === name);
        const rows: Row[] = [];
        for await (const page of reader.rows(table!)) rows.push(...page);
        return rows;
      };
      const seen = await withSnapshot(site.reader.db, async (reader) => {
        const history = await all(reader, 'target_history');
        // A save commits on another connection between two tables of the snapshot…
        await save('segunda versión', 1);
        const targets = await all(reader, 'targets');
        return { history: history.length, targets: targets.map((row) => row.join('|')) };
      });
      // …and the snapshot sees neither its history row nor its target.
      expect(seen.history).toBe(1);
      expect(seen.targets.join('\n')).toContain('primera versión');
      expect(seen.targets.join('\n')).not.toContain('segunda versión');
    } finally {
      await site.close();
      rmSync(mediaDir, { recursive: true, force: true });
    }
  });
});

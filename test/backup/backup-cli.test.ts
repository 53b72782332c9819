/** `polyphony backup FILE` and `polyphony restore FILE`: exit codes and what they print. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { backupCommand, restoreCommand } from '../../src/cli/backup-commands.js';
import { loadEnv } from '../../src/config/env.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildUser, testDeps } from '../support/app.js';

describe('backup and restore commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-backup-cli-'));
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs a site up to a private file and restores it once into an empty database', async () => {
    const source = await openDatabase(`sqlite:${join(dir, 'a.db')}`);
    await migrateToLatest(source);
    await buildUser(testDeps(source.db, join(dir, 'media-a')), ['admin'], { username: 'ana' });
    await source.close();
    const out: string[] = [];
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const file = join(dir, 'a.backup.tgz');
    const from = loadEnv({
      DATABASE_URL: `sqlite:${join(dir, 'a.db')}`,
      MEDIA_DIR: join(dir, 'm'),
    });
    expect(await backupCommand([file], from)).toBe(0);
    expect(out.join('\n')).toMatch(/a\.backup\.tgz: \d+ rows in \d+ tables, 0 media files/);
    // Password hashes and secrets inside: readable by its owner only.
    expect(statSync(file).mode & 0o077).toBe(0);

    const to = loadEnv({ DATABASE_URL: `sqlite:${join(dir, 'b.db')}`, MEDIA_DIR: join(dir, 'n') });
    expect(await restoreCommand([file], to)).toBe(0);
    expect(out.join('\n')).toMatch(
      /Restored \d+ rows in \d+ tables and 0 media files from a sqlite backup/,
    );
    const restored = await openDatabase(`sqlite:${join(dir, 'b.db')}`);
    const user = await restored.db
      .selectFrom('users')
      .select('username')
      .where('username', '=', 'ana')
      .executeTakeFirst();
    await restored.close();
    expect(user?.username).toBe('ana');

    // A second restore into the now full database is refused, exit 1, saying why.
    expect(await restoreCommand([file], to)).toBe(1);
    expect(errors.join('\n')).toMatch(/Restore fills an empty database/);
    expect(await restoreCommand([], to)).toBe(2);
  });
});

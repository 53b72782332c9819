/**
 * Migration 0005 on each engine: existing users get their look-alike key, computed as the
 * domain computes it; where old names already look alike, the oldest keeps the key and the
 * others get NULL (so the unique index can be built), and new look-alikes of either are
 * still refused.
 */
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import * as m0005 from '../../src/db/migrations/0005_accounts.js';
import { ValidationError } from '../../src/domain/errors.js';
import { usernameKey, usernameSkeleton } from '../../src/domain/user.js';
import { createUser } from '../../src/services/auth/auth.service.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
async function insertUser(db: Kysely<any>, id: string, username: string, createdAt: string) {
  await db
    .insertInto('users')
    .values({
      id,
      username,
      username_key: usernameKey(username),
      display_name: username,
      email: `${id}@example.org`,
      password_hash: null,
      time_zone: 'UTC',
      bio: '',
      avatar_media_id: null,
      created_at: createdAt,
    })
    .execute();
}

describe.each(engines())('migration 0005 on $name', (engine) => {
  it('backfills look-alike keys, oldest first, and the index holds afterwards', async () => {
    const handle = await engine.open();
    try {
      const db: Kysely<any> = handle.db;
      // Back to the schema before 0005, with users made before the rule existed.
      await m0005.down(db);
      await insertUser(db, 'u1', 'marisol', '2025-01-01T00:00:00.000Z');
      await insertUser(db, 'u2', 'm\u0430risol', '2025-02-01T00:00:00.000Z');
      await insertUser(db, 'u3', 'Јована', '2025-03-01T00:00:00.000Z');
      await m0005.up(db);

      const rows = await handle.db
        .selectFrom('users')
        .select(['id', 'username', 'username_skeleton'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.id, r.username_skeleton])).toEqual([
        ['u1', usernameSkeleton('marisol')],
        ['u2', null],
        ['u3', usernameSkeleton('Јована')],
      ]);

      const deps = testDeps(handle.db, '/nonexistent-media-dir');
      const lookalike = createUser(deps, {
        username: 'maris\u03BFl',
        displayName: 'Greek omicron',
        email: 'omicron@example.org',
        password: 'correct horse battery',
      });
      await expect(lookalike).rejects.toBeInstanceOf(ValidationError);
      await expect(lookalike).rejects.toThrow(/looks like one that is already taken/);
    } finally {
      await handle.close();
    }
  });
});

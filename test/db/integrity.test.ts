/**
 * Acceptance (issue 7): unknown stored states were coerced to `draft`. Now the database refuses
 * them (migration 0006: CHECK constraints on PostgreSQL, triggers on SQLite), the migration's
 * copied value lists match the domain's, and repositories that still meet an unknown value
 * (a database edited by hand, or newer than the code) say so instead of guessing.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import {
  checkedColumns as checkedIn0006,
  down,
  up,
} from '../../src/db/migrations/0006_integrity.js';
import { provenanceColumns } from '../../src/db/migrations/0012_origins.js';
import { createStore } from '../../src/db/store.js';
import { postStatuses } from '../../src/domain/post.js';
import { roles } from '../../src/domain/roles.js';
import { provenances, targetStates } from '../../src/domain/targets.js';
import { unitKinds } from '../../src/domain/units/index.js';
import { organizationKinds } from '../../src/services/ports/organization.repository.js';
import type {
  MediaRecord,
  TermRecord,
  TranslationRecord,
} from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';

// Lists that exist only as types: a Record over the type has to name every member, and no
// other, or this file does not compile.
const mediaKinds: Record<MediaRecord['kind'], true> = { image: true, document: true };
const termKinds: Record<TermRecord['kind'], true> = { tag: true, category: true };
const translationStatuses: Record<TranslationRecord['status'], true> = {
  in_progress: true,
  published: true,
};

const domainLists: Record<string, readonly string[]> = {
  'posts.status': postStatuses,
  'user_roles.role': roles,
  'organizations.kind': organizationKinds,
  'media.kind': Object.keys(mediaKinds),
  'taxonomy_terms.kind': Object.keys(termKinds),
  'post_units.kind': unitKinds,
  'translations.status': Object.keys(translationStatuses),
  'targets.state': targetStates,
  'targets.previous_state': targetStates,
  'targets.provenance': provenances,
  'target_history.state': targetStates,
  'target_history.previous_state': targetStates,
  'target_history.provenance': provenances,
  'target_candidates.provenance': provenances,
};

/** The lists as the latest migrations leave them (0012 replaced the provenance lists). */
const checkedColumns = checkedIn0006.map(
  (c) => provenanceColumns.find((p) => p.table === c.table && p.column === c.column) ?? c,
);

describe('0006_integrity value lists (as 0012 left the provenance lists)', () => {
  it('checks exactly the columns the domain has lists for', () => {
    expect(checkedColumns.map((c) => `${c.table}.${c.column}`).sort()).toEqual(
      Object.keys(domainLists).sort(),
    );
  });

  it.each(checkedColumns.map((c) => [`${c.table}.${c.column}`, c.values] as const))(
    '%s matches the domain (a changed list needs a new migration)',
    (column, values) => {
      expect([...values].sort()).toEqual([...(domainLists[column] ?? [])].sort());
    },
  );
});

let counter = 0;
const id = (prefix: string) => `${prefix}-${(counter += 1)}`;
const NOW = '2026-11-25T10:00:00.000Z';

/** One valid row of each checked table (parents inserted first), with fresh keys. */
function validRows(): Record<string, Record<string, string | number>> {
  const user = id('user');
  const post = id('post');
  const translation = id('translation');
  return {
    users: {
      id: user,
      username: user,
      username_key: user,
      display_name: user,
      email: `${user}@example.org`,
      created_at: NOW,
    },
    user_roles: { user_id: user, role: 'author' },
    organizations: {
      id: id('org'),
      slug: id('org'),
      name: 'Org',
      kind: 'chapter',
      created_at: NOW,
    },
    media: {
      id: id('media'),
      kind: 'image',
      mime: 'image/png',
      filename: 'a.png',
      size: 1,
      storage_key: id('key'),
      created_at: NOW,
    },
    posts: {
      id: post,
      source_language: 'en',
      slug: post,
      status: 'draft',
      current_revision: 1,
      created_at: NOW,
      updated_at: NOW,
    },
    taxonomy_terms: { id: id('term'), kind: 'tag', slug: id('term'), name: 'Term' },
    post_units: {
      post_id: post,
      revision: 1,
      unit_id: 'u1',
      position: 0,
      path: 'title',
      kind: 'title',
      source: 'Title',
      codes: '{}',
    },
    translations: {
      id: translation,
      post_id: post,
      language: 'es',
      slug: translation,
      status: 'in_progress',
      created_at: NOW,
      updated_at: NOW,
    },
    targets: {
      translation_id: translation,
      unit_id: 'u1',
      text: 'Título',
      state: 'translated',
      previous_state: 'reviewed',
      version: 1,
      provenance: 'human',
      updated_at: NOW,
    },
    target_history: {
      id: id('history'),
      translation_id: translation,
      unit_id: 'u1',
      version: 1,
      text: 'Título',
      state: 'translated',
      previous_state: 'draft',
      provenance: 'human',
      action: 'save',
      created_at: NOW,
    },
    target_candidates: {
      id: id('candidate'),
      translation_id: translation,
      unit_id: 'u1',
      text: 'Título',
      text_hash: id('hash'),
      status: 'pending',
      provenance: 'human',
      base_source: 'Title',
      base_revision: 1,
      based_on_version: 1,
      created_at: NOW,
    },
  };
}

function insert(table: string, row: Record<string, string | number>): RawBuilder<unknown> {
  const columns = Object.keys(row);
  return sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    VALUES (${sql.join(columns.map((c) => row[c]))})`;
}

/** The key columns that identify a row of `table` in validRows(). */
const keyOf: Record<string, string[]> = {
  user_roles: ['user_id', 'role'],
  post_units: ['post_id', 'revision', 'unit_id'],
  targets: ['translation_id', 'unit_id'],
};

describe.each(engines())('stored states and kinds on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(() => handle.close());

  /** Inserts a full set of valid rows and returns them. */
  const seed = async () => {
    const rows = validRows();
    for (const [table, row] of Object.entries(rows)) await insert(table, row).execute(handle.db);
    return rows;
  };

  it.each(checkedColumns.map((c) => [`${c.table}.${c.column}`, c] as const))(
    'refuses an unknown %s on insert and on update',
    async (_label, { table, column }) => {
      const rows = await seed();
      const good = rows[table];
      if (!good) throw new Error(`no fixture for ${table}`);
      // Insert: a fresh row of the same shape with the bad value.
      const fresh = validRows();
      for (const [t, row] of Object.entries(fresh)) {
        if (t === table) break;
        await insert(t, row).execute(handle.db);
      }
      const bad = { ...fresh[table], [column]: 'bogus' };
      await expect(insert(table, bad).execute(handle.db)).rejects.toThrow(
        engine.name === 'sqlite' ? `${table}.${column} must be one of` : `${table}_${column}_known`,
      );
      // Update: the valid row keeps its value.
      const keys = keyOf[table] ?? ['id'];
      const where = sql.join(
        keys.map((k) => sql`${sql.ref(k)} = ${good[k]}`),
        sql` AND `,
      );
      await expect(
        sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = 'bogus' WHERE ${where}`.execute(
          handle.db,
        ),
      ).rejects.toThrow();
      const stored = await sql<Record<string, unknown>>`
        SELECT ${sql.ref(column)} AS value FROM ${sql.table(table)} WHERE ${where}`.execute(
        handle.db,
      );
      expect(stored.rows).toEqual([{ value: good[column] }]);
    },
  );

  it('still accepts every known value and NULL where the column allows it', async () => {
    const rows = await seed();
    const translation = rows.translations?.id;
    for (const state of targetStates)
      await sql`UPDATE targets SET state = ${state}, previous_state = NULL
        WHERE translation_id = ${translation}`.execute(handle.db);
    const post = rows.posts?.id;
    for (const status of postStatuses)
      await sql`UPDATE posts SET status = ${status} WHERE id = ${post}`.execute(handle.db);
    const found = await sql<{
      status: string;
    }>`SELECT status FROM posts WHERE id = ${post}`.execute(handle.db);
    expect(found.rows).toEqual([{ status: postStatuses.at(-1) }]);
  });

  it('refuses to add the checks over rows that already break them, naming them', async () => {
    await down(handle.db);
    const rows = validRows();
    rows.posts = { ...rows.posts, status: 'archived' };
    rows.media = { ...rows.media, kind: 'video' };
    for (const [table, row] of Object.entries(rows)) await insert(table, row).execute(handle.db);
    await expect(up(handle.db)).rejects.toThrow(
      /posts\.status: "archived"[\s\S]*media\.kind: "video"|media\.kind: "video"[\s\S]*posts\.status: "archived"/,
    );
    // Fixed, the migration applies and the checks hold again.
    await sql`UPDATE posts SET status = 'draft' WHERE status = 'archived'`.execute(handle.db);
    await sql`UPDATE media SET kind = 'document' WHERE kind = 'video'`.execute(handle.db);
    await up(handle.db);
    await expect(
      sql`UPDATE posts SET status = 'archived' WHERE id = ${rows.posts.id}`.execute(handle.db),
    ).rejects.toThrow();
  });

  it('makes repositories say so when they meet an unknown value, never guess', async () => {
    const rows = await seed();
    await down(handle.db);
    const post = String(rows.posts?.id);
    const organization = String(rows.organizations?.id);
    const media = String(rows.media?.id);
    const user = String(rows.users?.id);
    await sql`UPDATE posts SET status = 'archived' WHERE id = ${post}`.execute(handle.db);
    await sql`UPDATE organizations SET kind = 'guild' WHERE id = ${organization}`.execute(
      handle.db,
    );
    await sql`UPDATE media SET kind = 'video' WHERE id = ${media}`.execute(handle.db);
    await sql`INSERT INTO user_roles (user_id, role) VALUES (${user}, 'overlord')`.execute(
      handle.db,
    );
    const store = createStore(handle.db);
    try {
      await expect(store.posts.findById(post)).rejects.toThrow(
        'posts.status holds "archived", which this version does not know',
      );
      await expect(store.organizations.listByIds([organization])).rejects.toThrow(
        'organizations.kind holds "guild"',
      );
      await expect(store.media.listByIds([media])).rejects.toThrow('media.kind holds "video"');
      await expect(store.users.findById(user)).rejects.toThrow('user_roles.role holds "overlord"');
    } finally {
      await sql`DELETE FROM user_roles WHERE role = 'overlord'`.execute(handle.db);
      await sql`UPDATE posts SET status = 'draft' WHERE id = ${post}`.execute(handle.db);
      await sql`UPDATE organizations SET kind = 'other' WHERE id = ${organization}`.execute(
        handle.db,
      );
      await sql`UPDATE media SET kind = 'image' WHERE id = ${media}`.execute(handle.db);
      await up(handle.db);
    }
  });
});

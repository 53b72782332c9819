/** Users and their roles. */
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { roles as knownRoles } from '../../domain/roles.js';
import type { Role } from '../../domain/roles.js';
import { usernameSkeleton } from '../../domain/user.js';
import type {
  NewUser,
  UserConflict,
  UserRecord,
  UserRepository,
} from '../../services/repositories.js';
import type { Database, UsersTable } from '../schema.js';
import { storedValue } from './stored-value.js';

/**
 * The unique rule a refused insert broke, from the engine's error: PostgreSQL (pg, PGlite)
 * names the constraint or index (code 23505), SQLite names the column in its message.
 */
function brokenUniqueRule(error: unknown): UserConflict | null {
  if (!(error instanceof Error)) return null;
  const code = 'code' in error ? error.code : undefined;
  let where: string;
  if (code === '23505') {
    const constraint = 'constraint' in error ? error.constraint : undefined;
    where = typeof constraint === 'string' ? constraint : error.message;
  } else if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    where = error.message;
  } else {
    return null;
  }
  if (where.includes('username_skeleton')) return 'lookalike';
  if (where.includes('username_key')) return 'username';
  if (where.includes('email')) return 'email';
  return null;
}

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(user: NewUser): Promise<UserConflict | null> {
    try {
      await this.db
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          username_key: user.usernameKey,
          username_skeleton: usernameSkeleton(user.username),
          display_name: user.displayName,
          email: user.email,
          password_hash: user.passwordHash,
          time_zone: user.timeZone,
          bio: user.bio,
          avatar_media_id: null,
          created_at: user.createdAt,
        })
        .execute();
    } catch (error) {
      const conflict = brokenUniqueRule(error);
      if (conflict) return conflict;
      throw error;
    }
    await this.setRoles(user.id, user.roles);
    return null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.withRoles(row) : null;
  }

  async findByLogin(usernameKey: string, email: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('username_key', '=', usernameKey), eb('email', '=', email)]))
      .executeTakeFirst();
    return row ? this.withRoles(row) : null;
  }

  async publicProfiles(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'time_zone', 'bio'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          timeZone: r.time_zone,
          bio: r.bio,
        },
      ]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? this.withRoles(row) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? this.withRoles(row) : null;
  }

  async findTaken(usernameKey: string, skeleton: string, email: string) {
    const rows = await this.db
      .selectFrom('users')
      .select(['username_key', 'username_skeleton', 'email'])
      .where((eb) =>
        eb.or([
          eb('username_key', '=', usernameKey),
          eb('username_skeleton', '=', skeleton),
          eb('email', '=', email),
        ]),
      )
      .execute();
    return {
      username: rows.some((r) => r.username_key === usernameKey),
      lookalike: rows.some((r) => r.username_skeleton === skeleton),
      email: rows.some((r) => r.email === email),
    };
  }

  async listByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
    const roles = await this.rolesOf(rows.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, toUser(r, roles.get(r.id) ?? [])]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async listAll(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('display_name').execute();
    const roles = await this.rolesOf(rows.map((r) => r.id));
    return rows.map((r) => toUser(r, roles.get(r.id) ?? []));
  }

  async setRoles(userId: string, roles: readonly Role[]): Promise<void> {
    await this.db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roles.length > 0) {
      await this.db
        .insertInto('user_roles')
        .values([...new Set(roles)].map((role) => ({ user_id: userId, role })))
        .execute();
    }
  }

  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: hash })
      .where('id', '=', userId)
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async search(query: { text: string; offset: number; limit: number }): Promise<UserRecord[]> {
    let q = this.db.selectFrom('users').selectAll();
    const text = query.text.trim().toLowerCase();
    if (text !== '') {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or(
          (['display_name', 'username', 'email'] as const).map(
            (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    const rows = await q
      .orderBy('display_name')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const roles = await this.rolesOf(rows.map((r) => r.id));
    return rows.map((r) => toUser(r, roles.get(r.id) ?? []));
  }

  async setSuspension(
    userId: string,
    suspension: { at: string; by: string; reason: string } | null,
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        suspended_at: suspension?.at ?? null,
        suspended_by: suspension?.by ?? null,
        suspended_reason: suspension?.reason ?? '',
      })
      .where('id', '=', userId)
      .execute();
  }

  async reviewLanguages(userId: string): Promise<string[]> {
    return (await this.reviewLanguagesOf([userId])).get(userId) ?? [];
  }

  async reviewLanguagesOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (ids.length === 0) return map;
    const rows = await this.db
      .selectFrom('user_review_languages')
      .selectAll()
      .where('user_id', 'in', ids)
      .orderBy('language')
      .execute();
    for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.language]);
    return map;
  }

  async setReviewLanguages(userId: string, languages: readonly string[]): Promise<void> {
    await this.replaceLanguages('user_review_languages', userId, languages);
  }

  async translateLanguages(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('user_translate_languages')
      .select('language')
      .where('user_id', '=', userId)
      .orderBy('language')
      .execute();
    return rows.map((r) => r.language);
  }

  async setTranslateLanguages(userId: string, languages: readonly string[]): Promise<void> {
    await this.replaceLanguages('user_translate_languages', userId, languages);
  }

  async updateProfile(
    userId: string,
    profile: { displayName: string; bio: string; timeZone: string; avatarMediaId: string | null },
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        display_name: profile.displayName,
        bio: profile.bio,
        time_zone: profile.timeZone,
        avatar_media_id: profile.avatarMediaId,
      })
      .where('id', '=', userId)
      .execute();
  }

  private async replaceLanguages(
    table: 'user_review_languages' | 'user_translate_languages',
    userId: string,
    languages: readonly string[],
  ): Promise<void> {
    await this.db.deleteFrom(table).where('user_id', '=', userId).execute();
    if (languages.length > 0)
      await this.db
        .insertInto(table)
        .values([...new Set(languages)].map((language) => ({ user_id: userId, language })))
        .execute();
  }

  private async withRoles(row: Selectable<UsersTable>): Promise<UserRecord> {
    const roles = await this.rolesOf([row.id]);
    return toUser(row, roles.get(row.id) ?? []);
  }

  private async rolesOf(ids: string[]): Promise<Map<string, Role[]>> {
    const map = new Map<string, Role[]>();
    if (ids.length === 0) return map;
    const rows = await this.db
      .selectFrom('user_roles')
      .selectAll()
      .where('user_id', 'in', ids)
      .execute();
    for (const r of rows) {
      const list = map.get(r.user_id) ?? [];
      list.push(storedValue(knownRoles, r.role, 'user_roles.role'));
      map.set(r.user_id, list);
    }
    return map;
  }
}

/** Maps a users row (plus roles) to the service record. */
export function toUser(row: Selectable<UsersTable>, roles: Role[]): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    passwordHash: row.password_hash,
    timeZone: row.time_zone,
    bio: row.bio,
    avatarMediaId: row.avatar_media_id,
    roles,
    createdAt: row.created_at,
    suspendedAt: row.suspended_at,
    suspendedReason: row.suspended_reason,
  };
}

/** Sessions and password-reset tokens; only hashes of tokens are stored. */
import type { Kysely } from 'kysely';
import type { SessionRepository, UserRecord } from '../../services/repositories.js';
import type { Database } from '../schema.js';
import { KyselyUserRepository } from './user.repository.js';

export class KyselySessionRepository implements SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(s: {
    idHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: s.idHash,
        user_id: s.userId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async findUser(idHash: string, now: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select('user_id')
      .where('id_hash', '=', idHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? new KyselyUserRepository(this.db).findById(row.user_id) : null;
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async createPasswordReset(r: {
    tokenHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }) {
    await this.db
      .insertInto('password_resets')
      .values({
        token_hash: r.tokenHash,
        user_id: r.userId,
        created_at: r.createdAt,
        expires_at: r.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async consumePasswordReset(tokenHash: string, now: string): Promise<string | null> {
    const row = await this.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id ?? null;
  }
}

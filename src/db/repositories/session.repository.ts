/**
 * Sessions, password-reset tokens (only hashes of tokens are stored) and the fixed-window
 * counters behind per-account limits.
 */
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

  async pruneExpired(now: string): Promise<{ sessions: number; passwordResets: number }> {
    const sessions = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    const resets = await this.db
      .deleteFrom('password_resets')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return {
      sessions: Number(sessions.numDeletedRows),
      passwordResets: Number(resets.numDeletedRows),
    };
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteOthersForUser(userId: string, keepIdHash: string): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id_hash', '!=', keepIdHash)
      .execute();
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

  async revokePasswordResets(userId: string, now: string): Promise<void> {
    await this.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async countHit(
    counter: { scope: string; key: string },
    now: string,
    since: string,
  ): Promise<{ count: number; windowStart: string }> {
    await this.db
      .deleteFrom('rate_counters')
      .where('scope', '=', counter.scope)
      .where('window_start', '<=', since)
      .execute();
    // One statement: concurrent hits on one counter are counted exactly, on both engines.
    const row = await this.db
      .insertInto('rate_counters')
      .values({ scope: counter.scope, key: counter.key, window_start: now, count: 1 })
      .onConflict((oc) =>
        oc.columns(['scope', 'key']).doUpdateSet((eb) => {
          const open = eb('rate_counters.window_start', '>', since);
          return {
            count: eb
              .case()
              .when(open)
              .then(eb('rate_counters.count', '+', 1))
              .else(1)
              .end(),
            window_start: eb
              .case()
              .when(open)
              .then(eb.ref('rate_counters.window_start'))
              .else(now)
              .end(),
          };
        }),
      )
      .returning(['count', 'window_start'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), windowStart: row.window_start };
  }

  async clearCounter(counter: { scope: string; key: string }): Promise<void> {
    await this.db
      .deleteFrom('rate_counters')
      .where('scope', '=', counter.scope)
      .where('key', '=', counter.key)
      .execute();
  }
}

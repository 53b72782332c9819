/** Notifications, e-mail preferences, opt-outs, site secrets and interface languages (0024). */
import type { Kysely, Selectable } from 'kysely';
import type {
  NewNotification,
  NotificationRecord,
  NotificationRepository,
} from '../../services/ports/notification.repository.js';
import type { Database, NotificationsTable } from '../schema.js';

export class KyselyNotificationRepository implements NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(notification: NewNotification): Promise<void> {
    await this.db
      .insertInto('notifications')
      .values({
        id: notification.id,
        user_id: notification.userId,
        kind: notification.kind,
        params: JSON.stringify(notification.params),
        link: notification.link,
        created_at: notification.createdAt,
        read_at: null,
        email_state: notification.emailState,
      })
      .execute();
  }

  async findById(id: string): Promise<NotificationRecord | null> {
    const row = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listForUser(userId: string, offset: number, limit: number): Promise<NotificationRecord[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toRecord);
  }

  async countUnread(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async markRead(userId: string, id: string, at: string): Promise<boolean> {
    const found = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!found) return false;
    await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
    return true;
  }

  async markAllRead(userId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async claimEmail(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notifications')
      .set((eb) => ({ email_state: 'sending', email_attempts: eb('email_attempts', '+', 1) }))
      .where('id', '=', id)
      .where('email_state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async settleEmail(id: string, state: 'none' | 'pending' | 'sent' | 'failed'): Promise<boolean> {
    const result = await this.db
      .updateTable('notifications')
      .set({ email_state: state })
      .where('id', '=', id)
      .where('email_state', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async emailPreferences(userId: string): Promise<Map<string, boolean>> {
    const rows = await this.db
      .selectFrom('notification_preferences')
      .select(['kind', 'email'])
      .where('user_id', '=', userId)
      .execute();
    return new Map(rows.map((row) => [row.kind, row.email === 1]));
  }

  async setEmailPreference(userId: string, kind: string, email: boolean): Promise<void> {
    await this.db
      .insertInto('notification_preferences')
      .values({ user_id: userId, kind, email: email ? 1 : 0 })
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ email: email ? 1 : 0 }))
      .execute();
  }

  async isOptedOut(userId: string, scope: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('email_opt_outs')
      .select('scope')
      .where('user_id', '=', userId)
      .where('scope', '=', scope)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addOptOut(userId: string, scope: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto('email_opt_outs')
      .values({ user_id: userId, scope, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'scope']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeOptOut(userId: string, scope: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('email_opt_outs')
      .where('user_id', '=', userId)
      .where('scope', '=', scope)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async secret(name: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('site_secrets')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async insertSecret(name: string, value: string, at: string): Promise<void> {
    await this.db
      .insertInto('site_secrets')
      .values({ name, value, created_at: at })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  async interfaceLanguage(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('users')
      .select('interface_language')
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.interface_language ?? null;
  }

  async setInterfaceLanguage(userId: string, language: string | null): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ interface_language: language })
      .where('id', '=', userId)
      .execute();
  }
}

function toRecord(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    params: parseParams(row.params),
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
    emailState: row.email_state,
    emailAttempts: Number(row.email_attempts),
  };
}

function parseParams(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

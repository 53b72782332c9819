/**
 * Volunteers' texts of interface messages (0019). Approval is two conditional updates in the
 * caller's transaction; the partial unique index on approved rows decides a race.
 */
import type { Kysely, Selectable } from 'kysely';
import { isInterfaceTextStatus } from '../../domain/icu-message.js';
import type {
  InterfaceRepository,
  InterfaceTextRecord,
} from '../../services/ports/interface.repository.js';
import { isUniqueViolation } from '../errors.js';
import type { Database, InterfaceTranslationsTable } from '../schema.js';

export class KyselyInterfaceRepository implements InterfaceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: InterfaceTextRecord): Promise<void> {
    await this.db
      .insertInto('interface_translations')
      .values({
        id: record.id,
        language: record.language,
        message_key: record.key,
        text: record.text,
        source_text: record.sourceText,
        status: record.status,
        created_by: record.createdBy,
        created_at: record.createdAt,
        reviewed_by: record.reviewedBy,
        reviewed_at: record.reviewedAt,
        comment: record.comment,
      })
      .execute();
  }

  async findById(id: string): Promise<InterfaceTextRecord | null> {
    const row = await this.db
      .selectFrom('interface_translations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listApproved(language?: string): Promise<InterfaceTextRecord[]> {
    let query = this.db
      .selectFrom('interface_translations')
      .selectAll()
      .where('status', '=', 'approved');
    if (language !== undefined) query = query.where('language', '=', language);
    const rows = await query.orderBy('language').orderBy('message_key').execute();
    return rows.map(toRecord);
  }

  async findApproved(language: string, key: string): Promise<InterfaceTextRecord | null> {
    const row = await this.db
      .selectFrom('interface_translations')
      .selectAll()
      .where('language', '=', language)
      .where('message_key', '=', key)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listPending(language: string): Promise<InterfaceTextRecord[]> {
    const rows = await this.db
      .selectFrom('interface_translations')
      .selectAll()
      .where('language', '=', language)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async approve(
    id: string,
    reviewer: { by: string; at: string; comment: string | null },
  ): Promise<boolean> {
    const row = await this.db
      .selectFrom('interface_translations')
      .select(['language', 'message_key'])
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!row) return false;
    await this.db
      .updateTable('interface_translations')
      .set({ status: 'superseded' })
      .where('language', '=', row.language)
      .where('message_key', '=', row.message_key)
      .where('status', '=', 'approved')
      .execute();
    try {
      const result = await this.db
        .updateTable('interface_translations')
        .set({
          status: 'approved',
          reviewed_by: reviewer.by,
          reviewed_at: reviewer.at,
          comment: reviewer.comment,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    } catch (error) {
      // Another approval of this message committed first; the caller's transaction rolls back.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async reject(
    id: string,
    reviewer: { by: string; at: string; comment: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('interface_translations')
      .set({
        status: 'rejected',
        reviewed_by: reviewer.by,
        reviewed_at: reviewer.at,
        comment: reviewer.comment,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

function toRecord(row: Selectable<InterfaceTranslationsTable>): InterfaceTextRecord {
  if (!isInterfaceTextStatus(row.status))
    throw new Error(`interface_translations ${row.id}: unknown status ${row.status}`);
  return {
    id: row.id,
    language: row.language,
    key: row.message_key,
    text: row.text,
    sourceText: row.source_text,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    comment: row.comment,
  };
}

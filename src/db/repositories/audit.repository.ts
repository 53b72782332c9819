/** The audit log (0016): one insert per action; pages newest first by (at, id). */
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { AuditEntryRecord, AuditRepository } from '../../services/ports/audit.repository.js';
import type { AuditLogTable, Database } from '../schema.js';

export class KyselyAuditRepository implements AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(entry: AuditEntryRecord): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: entry.id,
        at: entry.at,
        actor_id: entry.actorId,
        actor_name: entry.actorName,
        action: entry.action,
        subject_kind: entry.subject.kind,
        subject_id: entry.subject.id,
        subject_label: entry.subject.label,
        details: JSON.stringify(entry.details),
      })
      .execute();
  }

  async list(query: Parameters<AuditRepository['list']>[0]): Promise<AuditEntryRecord[]> {
    let select = this.db.selectFrom('audit_log').selectAll();
    const before = query.before;
    if (before)
      select = select.where((eb) =>
        eb.or([
          eb('at', '<', before.at),
          eb.and([eb('at', '=', before.at), eb('id', '<', before.id)]),
        ]),
      );
    if (query.actionPrefix)
      select = select.where(
        sql<boolean>`action like ${`${query.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
      );
    if (query.subject)
      select = select
        .where('subject_kind', '=', query.subject.kind)
        .where('subject_id', '=', query.subject.id);
    const rows = await select
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: Selectable<AuditLogTable>): AuditEntryRecord {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      details = parsed as Record<string, unknown>;
  } catch {
    details = { unreadable: row.details };
  }
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subject: { kind: row.subject_kind, id: row.subject_id, label: row.subject_label },
    details,
  };
}

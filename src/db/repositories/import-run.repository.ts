/**
 * WordPress import runs and their report lines (migration 0033). Claims are one conditional
 * UPDATE each, and the UNIQUE `running_slot` makes "one import at a time" hold across
 * instances: a second runner setting the slot on another run gets a unique violation, read as
 * "not claimed".
 */
import type { Kysely, Selectable } from 'kysely';
import type { GroupReport, ImportEntry } from '../../services/import/import-report.js';
import type {
  ImportRunLine,
  ImportRunRecord,
  ImportRunRepository,
  ImportRunStatus,
  NewImportRun,
} from '../../services/ports/import-run.repository.js';
import { isUniqueViolation } from '../errors.js';
import type { Database, ImportRunEntriesTable, ImportRunsTable } from '../schema.js';

const SLOT = 'wxr';
/** Rows per INSERT: 8 parameters each, well under both engines' limits. */
const BATCH = 400;

function toRecord(row: Selectable<ImportRunsTable>): ImportRunRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    fileBytes: Number(row.file_bytes),
    withUploads: Number(row.with_uploads) === 1,
    status: row.status as ImportRunStatus,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
    attempts: Number(row.attempts),
    cancelRequested: Number(row.cancel_requested) === 1,
    expectedLines: row.expected_lines === null ? null : Number(row.expected_lines),
    writtenLines: Number(row.written_lines),
    groups: row.groups_json ? (JSON.parse(row.groups_json) as GroupReport[]) : [],
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function toLine(row: Selectable<ImportRunEntriesTable>): ImportRunLine {
  return {
    line: Number(row.line),
    entry: {
      kind: row.kind as ImportEntry['kind'],
      wpId: row.wp_id,
      label: row.label,
      outcome: row.outcome as ImportEntry['outcome'],
      notes: JSON.parse(row.notes_json) as string[],
      ...(row.target_id !== null ? { id: row.target_id } : {}),
    },
  };
}

export class KyselyImportRunRepository implements ImportRunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(run: NewImportRun): Promise<void> {
    await this.db
      .insertInto('import_runs')
      .values({
        id: run.id,
        file_name: run.fileName,
        file_bytes: run.fileBytes,
        with_uploads: run.withUploads ? 1 : 0,
        status: 'queued',
        running_slot: null,
        claimed_by: null,
        lease_until: null,
        attempts: 0,
        cancel_requested: 0,
        expected_lines: null,
        written_lines: 0,
        groups_json: null,
        error: null,
        created_by: run.createdBy,
        created_at: run.createdAt,
        started_at: null,
        finished_at: null,
      })
      .execute();
  }

  async find(id: string): Promise<ImportRunRecord | null> {
    const row = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(limit: number): Promise<ImportRunRecord[]> {
    const rows = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async nextClaimable(now: string): Promise<ImportRunRecord | null> {
    // A run whose runner died comes first: it holds the import slot until it is resumed.
    const stalled = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('status', '=', 'running')
      .where('lease_until', '<', now)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (stalled) return toRecord(stalled);
    const queued = await this.db
      .selectFrom('import_runs')
      .selectAll()
      .where('status', '=', 'queued')
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return queued ? toRecord(queued) : null;
  }

  async claim(id: string, runner: string, now: string, until: string): Promise<boolean> {
    try {
      const result = await this.db
        .updateTable('import_runs')
        .set((eb) => ({
          status: 'running',
          running_slot: SLOT,
          claimed_by: runner,
          lease_until: until,
          attempts: eb('attempts', '+', 1),
          started_at: eb.fn.coalesce('started_at', eb.val(now)),
        }))
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb('status', '=', 'queued'),
            eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
          ]),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    } catch (error) {
      // Another run holds the slot: one import at a time.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async renew(id: string, runner: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable('import_runs')
      .set({ lease_until: until })
      .where('id', '=', id)
      .where('claimed_by', '=', runner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async setExpected(id: string, runner: string, lines: number): Promise<void> {
    await this.db
      .updateTable('import_runs')
      .set({ expected_lines: lines })
      .where('id', '=', id)
      .where('claimed_by', '=', runner)
      .execute();
  }

  async addLines(id: string, lines: readonly ImportRunLine[]): Promise<void> {
    if (lines.length === 0) return;
    const rows = lines.map(({ line, entry }) => ({
      run_id: id,
      line,
      kind: entry.kind,
      wp_id: entry.wpId,
      label: entry.label,
      outcome: entry.outcome,
      notes_json: JSON.stringify(entry.notes),
      target_id: entry.id ?? null,
    }));
    const top = Math.max(...lines.map((l) => l.line)) + 1;
    await this.db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += BATCH) {
        await trx
          .insertInto('import_run_entries')
          .values(rows.slice(start, start + BATCH))
          .onConflict((oc) => oc.columns(['run_id', 'line']).doNothing())
          .execute();
      }
      await trx
        .updateTable('import_runs')
        .set({ written_lines: top })
        .where('id', '=', id)
        .where('written_lines', '<', top)
        .execute();
    });
  }

  async finish(
    id: string,
    runner: string,
    end: {
      status: 'done' | 'failed' | 'cancelled';
      at: string;
      error: string | null;
      groups: GroupReport[];
    },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('import_runs')
      .set({
        status: end.status,
        running_slot: null,
        lease_until: null,
        finished_at: end.at,
        error: end.error,
        groups_json: JSON.stringify(end.groups),
      })
      .where('id', '=', id)
      .where('claimed_by', '=', runner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async requestCancel(id: string, at: string): Promise<boolean> {
    const queued = await this.db
      .updateTable('import_runs')
      .set({ status: 'cancelled', cancel_requested: 1, finished_at: at })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (queued.numUpdatedRows > 0n) return true;
    const running = await this.db
      .updateTable('import_runs')
      .set({ cancel_requested: 1 })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return running.numUpdatedRows > 0n;
  }

  async lines(
    id: string,
    options: { from?: number; outcome?: ImportEntry['outcome']; limit: number },
  ): Promise<ImportRunLine[]> {
    let query = this.db
      .selectFrom('import_run_entries')
      .selectAll()
      .where('run_id', '=', id)
      .where('line', '>=', options.from ?? 0);
    if (options.outcome) query = query.where('outcome', '=', options.outcome);
    const rows = await query.orderBy('line').limit(options.limit).execute();
    return rows.map(toLine);
  }

  async counts(id: string): Promise<Record<string, Record<string, number>>> {
    const rows = await this.db
      .selectFrom('import_run_entries')
      .select(['kind', 'outcome', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
      .where('run_id', '=', id)
      .groupBy(['kind', 'outcome'])
      .execute();
    const counts: Record<string, Record<string, number>> = {};
    for (const row of rows) (counts[row.kind] ??= {})[row.outcome] = Number(row.n);
    return counts;
  }
}

/** Quality findings (0011): inserted in batches, superseded and dismissed by conditional updates. */
import type { Kysely, Selectable } from 'kysely';
import type { FindingParams } from '../../domain/checks/index.js';
import type {
  FindingDismissal,
  FindingRecord,
  FindingRepository,
} from '../../services/ports/finding.repository.js';
import type { Database, FindingsTable } from '../schema.js';

/** Rows per INSERT: well under SQLite's 32,766 bound parameters at 16 columns a row. */
const BATCH = 500;

export class KyselyFindingRepository implements FindingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(findings: readonly FindingRecord[]): Promise<void> {
    for (let at = 0; at < findings.length; at += BATCH) {
      await this.db
        .insertInto('findings')
        .values(findings.slice(at, at + BATCH).map(toRow))
        .execute();
    }
  }

  async supersede(translationId: string, unitId: string, textHash: string, at: string) {
    await this.db
      .updateTable('findings')
      .set({ superseded_at: at })
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('text_hash', '=', textHash)
      .where('superseded_at', 'is', null)
      .execute();
  }

  async dismissedOf(
    translationId: string,
    unitId: string,
    checks: readonly string[],
  ): Promise<FindingRecord[]> {
    if (checks.length === 0) return [];
    const rows = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('check_id', 'in', checks)
      .where('dismissed_at', 'is not', null)
      .orderBy('dismissed_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async current(translationId: string): Promise<FindingRecord[]> {
    const rows = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('superseded_at', 'is', null)
      .orderBy('unit_id')
      .orderBy('created_at')
      .orderBy('position')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<FindingRecord | null> {
    const row = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async dismiss(id: string, dismissal: FindingDismissal): Promise<boolean> {
    const result = await this.db
      .updateTable('findings')
      .set({
        dismissed_by: dismissal.by,
        dismissed_at: dismissal.at,
        dismiss_reason: dismissal.reason,
      })
      .where('id', '=', id)
      .where('dismissed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function toRow(f: FindingRecord): FindingsTable {
  return {
    id: f.id,
    translation_id: f.translationId,
    unit_id: f.unitId,
    target_version: f.targetVersion,
    text_hash: f.textHash,
    saved_by: f.savedBy,
    position: f.position,
    check_id: f.check,
    params: JSON.stringify(f.params),
    message: f.message,
    created_at: f.createdAt,
    superseded_at: f.supersededAt,
    dismissed_by: f.dismissal?.by ?? null,
    dismissed_at: f.dismissal?.at ?? null,
    dismiss_reason: f.dismissal?.reason ?? null,
  };
}

/**
 * The params column read back: a JSON object of strings and numbers. Anything else (a row
 * edited by hand) reads as no params rather than failing the editor — a warning decides
 * nothing, and its stored English message still says what it was.
 */
function parseParams(text: string): FindingParams {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const params: FindingParams = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number') params[key] = item;
  }
  return params;
}

function toRecord(row: Selectable<FindingsTable>): FindingRecord {
  return {
    id: row.id,
    translationId: row.translation_id,
    unitId: row.unit_id,
    targetVersion: Number(row.target_version),
    textHash: row.text_hash,
    savedBy: row.saved_by,
    position: Number(row.position),
    check: row.check_id,
    params: parseParams(row.params),
    message: row.message,
    createdAt: row.created_at,
    supersededAt: row.superseded_at,
    dismissal:
      row.dismissed_at !== null && row.dismiss_reason !== null
        ? { by: row.dismissed_by, at: row.dismissed_at, reason: row.dismiss_reason }
        : null,
  };
}

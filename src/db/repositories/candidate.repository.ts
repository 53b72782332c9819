/** Candidate texts of translated units; the unique indexes of 0004 keep one active per unit. */
import type { Kysely, Selectable } from 'kysely';
import { candidateStatuses, provenances } from '../../domain/targets.js';
import { storedValue } from './stored-value.js';
import { originColumns, originOf } from './translation.repository.js';
import type { CandidateStatus } from '../../domain/targets.js';
import type {
  CandidateDecision,
  CandidateRecord,
  CandidateRepository,
} from '../../services/ports/candidate.repository.js';
import type { Database, TargetCandidatesTable } from '../schema.js';

export class KyselyCandidateRepository implements CandidateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(c: CandidateRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('target_candidates')
      .values({
        id: c.id,
        translation_id: c.translationId,
        unit_id: c.unitId,
        text: c.text,
        text_hash: c.textHash,
        status: c.status,
        provenance: c.provenance,
        base_source: c.baseSource,
        base_revision: c.baseRevision,
        based_on_version: c.basedOnVersion,
        author_id: c.authorId,
        created_at: c.createdAt,
        decided_by: c.decidedBy,
        decided_at: c.decidedAt,
        comment: c.comment,
        ...originColumns(c.origin),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async findById(id: string): Promise<CandidateRecord | null> {
    const row = await this.db
      .selectFrom('target_candidates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toCandidate(row) : null;
  }

  async firstWithText(
    translationId: string,
    unitId: string,
    textHash: string,
  ): Promise<CandidateRecord | null> {
    const row = await this.db
      .selectFrom('target_candidates')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('text_hash', '=', textHash)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? toCandidate(row) : null;
  }

  async pendingWithText(
    translationId: string,
    unitId: string,
    textHash: string,
  ): Promise<CandidateRecord | null> {
    const row = await this.db
      .selectFrom('target_candidates')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('text_hash', '=', textHash)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row ? toCandidate(row) : null;
  }

  async active(translationId: string, unitId: string): Promise<CandidateRecord | null> {
    const row = await this.db
      .selectFrom('target_candidates')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row ? toCandidate(row) : null;
  }

  async pending(translationId: string): Promise<CandidateRecord[]> {
    const rows = await this.db
      .selectFrom('target_candidates')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCandidate);
  }

  async pendingCounts(translationIds: readonly string[]): Promise<Map<string, number>> {
    if (translationIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('target_candidates')
      .select((eb) => ['translation_id', eb.fn.countAll().as('count')])
      .where('translation_id', 'in', translationIds)
      .where('status', '=', 'pending')
      .groupBy('translation_id')
      .execute();
    return new Map(rows.map((r) => [r.translation_id, Number(r.count)]));
  }

  async pendingBy(authorId: string, since: string): Promise<CandidateRecord[]> {
    const rows = await this.db
      .selectFrom('target_candidates')
      .selectAll()
      .where('author_id', '=', authorId)
      .where('created_at', '>=', since)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCandidate);
  }

  async decide(
    id: string,
    from: readonly CandidateStatus[],
    to: CandidateStatus,
    decision: CandidateDecision,
  ): Promise<boolean> {
    if (from.length === 0) return false;
    const result = await this.db
      .updateTable('target_candidates')
      .set({
        status: to,
        decided_by: decision.by,
        decided_at: decision.at,
        comment: decision.comment,
      })
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async supersedeActive(translationId: string, unitId: string, at: string): Promise<void> {
    await this.db
      .updateTable('target_candidates')
      .set({ status: 'superseded', decided_at: at })
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('status', '=', 'active')
      .execute();
  }

  async supersedePendingOf(
    translationId: string,
    unitId: string,
    authorId: string,
    at: string,
  ): Promise<void> {
    await this.db
      .updateTable('target_candidates')
      .set({ status: 'superseded', decided_at: at, decided_by: authorId })
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .where('author_id', '=', authorId)
      .where('status', '=', 'pending')
      .execute();
  }
}

function toCandidate(r: Selectable<TargetCandidatesTable>): CandidateRecord {
  return {
    id: r.id,
    translationId: r.translation_id,
    unitId: r.unit_id,
    text: r.text,
    textHash: r.text_hash,
    status: storedValue(candidateStatuses, r.status, 'target_candidates.status'),
    provenance: storedValue(provenances, r.provenance, 'target_candidates.provenance'),
    baseSource: r.base_source,
    baseRevision: Number(r.base_revision),
    basedOnVersion: Number(r.based_on_version),
    authorId: r.author_id,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    comment: r.comment,
    origin: originOf(r),
  };
}

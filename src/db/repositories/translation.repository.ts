/** Units of published revisions, translations, their targets and history, presence. */
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { changesTarget, doneStates, provenances, targetStates } from '../../domain/targets.js';
import { unitKinds } from '../../domain/units/index.js';
import type { Origin, Provenance, TargetState } from '../../domain/targets.js';
import type {
  TargetHistoryRecord,
  TargetRecord,
  TranslationRecord,
  TranslationReference,
  TranslationRepository,
  UnitRecord,
} from '../../services/repositories.js';
import { isUniqueViolation } from '../errors.js';
import { storedValue } from './stored-value.js';
import type {
  Database,
  PostUnitsTable,
  TargetHistoryTable,
  TargetsTable,
  TranslationsTable,
} from '../schema.js';

/** A stored state; an unknown value is never silently coerced (UnknownStoredValueError). */
function state(value: string, column: string): TargetState {
  return storedValue(targetStates, value, column);
}

function optionalState(value: string | null, column: string): TargetState | null {
  return value === null ? null : state(value, column);
}

function provenance(value: string, column: string): Provenance {
  return storedValue(provenances, value, column);
}

export class KyselyTranslationRepository implements TranslationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertUnits(units: readonly UnitRecord[]): Promise<void> {
    for (let i = 0; i < units.length; i += 200) {
      await this.db
        .insertInto('post_units')
        .values(
          units.slice(i, i + 200).map((u) => ({
            post_id: u.postId,
            revision: u.revision,
            unit_id: u.unitId,
            position: u.position,
            path: u.path,
            kind: u.kind,
            source: u.source,
            codes: JSON.stringify(u.codes),
          })),
        )
        .execute();
    }
  }

  async units(postId: string, revision: number): Promise<UnitRecord[]> {
    const rows = await this.db
      .selectFrom('post_units')
      .selectAll()
      .where('post_id', '=', postId)
      .where('revision', '=', revision)
      .orderBy('position')
      .execute();
    return rows.map(toUnit);
  }

  async unitAt(postId: string, revision: number, unitId: string): Promise<UnitRecord | null> {
    const row = await this.db
      .selectFrom('post_units')
      .selectAll()
      .where('post_id', '=', postId)
      .where('revision', '=', revision)
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    return row ? toUnit(row) : null;
  }

  async latestUnitRevision(postId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('post_units')
      .select((eb) => eb.fn.max('revision').as('revision'))
      .where('post_id', '=', postId)
      .executeTakeFirst();
    return row?.revision === null || row?.revision === undefined ? null : Number(row.revision);
  }

  async createTranslation(t: TranslationRecord): Promise<void> {
    await this.db
      .insertInto('translations')
      .values({
        id: t.id,
        post_id: t.postId,
        language: t.language,
        slug: t.slug,
        status: t.status,
        published_at: t.publishedAt,
        created_by: t.createdBy,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })
      .execute();
  }

  async insertTranslationIfAbsent(t: TranslationRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('translations')
      .values({
        id: t.id,
        post_id: t.postId,
        language: t.language,
        slug: t.slug,
        status: t.status,
        published_at: t.publishedAt,
        created_by: t.createdBy,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async trySetSlug(id: string, slug: string, updatedAt: string): Promise<boolean> {
    const update = (db: Kysely<Database>) =>
      db
        .updateTable('translations')
        .set({ slug, updated_at: updatedAt })
        .where('id', '=', id)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('translations as other')
                .select('other.id')
                .whereRef('other.language', '=', 'translations.language')
                .where('other.slug', '=', slug)
                .where('other.id', '<>', id),
            ),
          ),
        )
        .executeTakeFirst();
    if (!this.db.isTransaction) {
      try {
        return Number((await update(this.db)).numUpdatedRows) === 1;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    }
    // A concurrent transaction may hold the same slug uncommitted: the update then fails on
    // the unique index, which on PostgreSQL would abort the whole transaction — hence the
    // savepoint.
    await sql`savepoint polyphony_slug`.execute(this.db);
    try {
      const result = await update(this.db);
      await sql`release savepoint polyphony_slug`.execute(this.db);
      return Number(result.numUpdatedRows) === 1;
    } catch (error) {
      await sql`rollback to savepoint polyphony_slug`.execute(this.db);
      await sql`release savepoint polyphony_slug`.execute(this.db);
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async updateTranslation(
    id: string,
    changes: Partial<Pick<TranslationRecord, 'slug' | 'status' | 'publishedAt' | 'updatedAt'>>,
  ): Promise<void> {
    const row: Partial<Selectable<TranslationsTable>> = {};
    if (changes.slug !== undefined) row.slug = changes.slug;
    if (changes.status !== undefined) row.status = changes.status;
    if (changes.publishedAt !== undefined) row.published_at = changes.publishedAt;
    if (changes.updatedAt !== undefined) row.updated_at = changes.updatedAt;
    if (Object.keys(row).length > 0)
      await this.db.updateTable('translations').set(row).where('id', '=', id).execute();
  }

  async findTranslation(postId: string, language: string): Promise<TranslationRecord | null> {
    const row = await this.db
      .selectFrom('translations')
      .selectAll()
      .where('post_id', '=', postId)
      .where('language', '=', language)
      .executeTakeFirst();
    return row ? toTranslation(row) : null;
  }

  async saveReference(reference: TranslationReference): Promise<void> {
    await this.db
      .insertInto('translation_references')
      .values({
        post_id: reference.postId,
        language: reference.language,
        source: reference.source,
        title: reference.title,
        body_markdown: reference.bodyMarkdown,
        unaligned: reference.unaligned,
        created_at: reference.createdAt,
      })
      .onConflict((oc) => oc.columns(['post_id', 'language']).doNothing())
      .execute();
  }

  async findReference(postId: string, language: string): Promise<TranslationReference | null> {
    const row = await this.db
      .selectFrom('translation_references')
      .selectAll()
      .where('post_id', '=', postId)
      .where('language', '=', language)
      .executeTakeFirst();
    return row
      ? {
          postId: row.post_id,
          language: row.language,
          source: row.source,
          title: row.title,
          bodyMarkdown: row.body_markdown,
          unaligned: row.unaligned,
          createdAt: row.created_at,
        }
      : null;
  }

  async findTranslationBySlug(language: string, slug: string): Promise<TranslationRecord | null> {
    const row = await this.db
      .selectFrom('translations')
      .selectAll()
      .where('language', '=', language)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toTranslation(row) : null;
  }

  async translationsOfPosts(postIds: readonly string[]): Promise<TranslationRecord[]> {
    if (postIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('translations')
      .selectAll()
      .where('post_id', 'in', postIds)
      .orderBy('language')
      .execute();
    return rows.map(toTranslation);
  }

  async translationsByIds(ids: readonly string[]): Promise<TranslationRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('translations')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    return rows.map(toTranslation);
  }

  async publishedTranslationIndex(): Promise<{ postId: string; language: string; slug: string }[]> {
    const rows = await this.db
      .selectFrom('translations')
      .select(['post_id', 'language', 'slug'])
      .where('status', '=', 'published')
      .orderBy('language')
      .execute();
    return rows.map((r) => ({ postId: r.post_id, language: r.language, slug: r.slug }));
  }

  async listTranslations(filter: {
    languages?: readonly string[];
    userId?: string;
  }): Promise<TranslationRecord[]> {
    let query = this.db.selectFrom('translations').selectAll();
    if (filter.languages) {
      if (filter.languages.length === 0) return [];
      query = query.where('language', 'in', filter.languages);
    }
    if (filter.userId !== undefined) {
      const userId = filter.userId;
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('target_history').select('translation_id').where('user_id', '=', userId),
      );
    }
    const rows = await query.orderBy('updated_at', 'desc').limit(200).execute();
    return rows.map(toTranslation);
  }

  async targets(translationIds: readonly string[]): Promise<TargetRecord[]> {
    if (translationIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('targets')
      .selectAll()
      .where('translation_id', 'in', translationIds)
      .execute();
    return rows.map(toTarget);
  }

  async completionCounts(
    postId: string,
    revision: number,
    translationIds: readonly string[],
  ): Promise<{ units: number; done: Map<string, number> }> {
    const total = await this.db
      .selectFrom('post_units')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('post_id', '=', postId)
      .where('revision', '=', revision)
      .executeTakeFirstOrThrow();
    const done = new Map<string, number>();
    if (translationIds.length > 0) {
      const rows = await this.db
        .selectFrom('targets')
        .innerJoin('post_units', (join) =>
          join
            .on('post_units.post_id', '=', postId)
            .on('post_units.revision', '=', revision)
            .onRef('post_units.unit_id', '=', 'targets.unit_id'),
        )
        .select(['targets.translation_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('targets.translation_id', 'in', translationIds)
        .where('targets.state', 'in', [...doneStates])
        .groupBy('targets.translation_id')
        .execute();
      for (const row of rows) done.set(row.translation_id, Number(row.n));
    }
    return { units: Number(total.n), done };
  }

  async targetsOfUnits(
    translationIds: readonly string[],
    unitIds: readonly string[],
  ): Promise<TargetRecord[]> {
    if (translationIds.length === 0 || unitIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('targets')
      .selectAll()
      .where('translation_id', 'in', translationIds)
      .where('unit_id', 'in', unitIds)
      .execute();
    return rows.map(toTarget);
  }

  async target(translationId: string, unitId: string): Promise<TargetRecord | null> {
    const row = await this.db
      .selectFrom('targets')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    return row ? toTarget(row) : null;
  }

  async writeTarget(t: TargetRecord, expectedVersion: number): Promise<boolean> {
    const values = {
      text: t.text,
      state: t.state,
      previous_state: t.previousState,
      base_source: t.baseSource,
      base_revision: t.baseRevision,
      version: t.version,
      provenance: t.provenance,
      translated_by: t.translatedBy,
      reviewed_by: t.reviewedBy,
      updated_at: t.updatedAt,
      ...originColumns(t.origin),
    };
    if (expectedVersion === 0) {
      const result = await this.db
        .insertInto('targets')
        .values({ translation_id: t.translationId, unit_id: t.unitId, ...values })
        .onConflict((oc) => oc.columns(['translation_id', 'unit_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const result = await this.db
      .updateTable('targets')
      .set(values)
      .where('translation_id', '=', t.translationId)
      .where('unit_id', '=', t.unitId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addHistory(h: TargetHistoryRecord): Promise<void> {
    await this.db
      .insertInto('target_history')
      .values({
        id: h.id,
        translation_id: h.translationId,
        unit_id: h.unitId,
        version: h.version,
        text: h.text,
        state: h.state,
        base_revision: h.baseRevision,
        provenance: h.provenance,
        action: h.action,
        comment: h.comment,
        user_id: h.userId,
        created_at: h.createdAt,
        base_source: h.snapshot?.baseSource ?? null,
        previous_state: h.snapshot?.previousState ?? null,
        translated_by: h.snapshot?.translatedBy ?? null,
        reviewed_by: h.snapshot?.reviewedBy ?? null,
        candidate_id: h.candidateId ?? null,
      })
      .execute();
  }

  async actionsBy(
    userId: string,
    since: string,
    actions: readonly string[],
  ): Promise<TargetHistoryRecord[]> {
    if (actions.length === 0) return [];
    const rows = await this.db
      .selectFrom('target_history')
      .selectAll()
      .where('user_id', '=', userId)
      .where('created_at', '>=', since)
      .where('action', 'in', actions)
      .orderBy('created_at')
      .orderBy('version')
      .execute();
    return rows.map(toHistory);
  }

  async history(translationId: string, unitId: string): Promise<TargetHistoryRecord[]> {
    const rows = await this.db
      .selectFrom('target_history')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('unit_id', '=', unitId)
      .orderBy('created_at')
      .orderBy('version')
      .execute();
    return rows.map(toHistory);
  }

  async sentBack(translationId: string): Promise<TargetHistoryRecord[]> {
    const rows = await this.db
      .selectFrom('target_history')
      .selectAll()
      .where('translation_id', '=', translationId)
      .where('action', '=', 'send_back')
      .orderBy('created_at')
      .execute();
    return rows.map(toHistory);
  }

  async touchPresence(translationId: string, userId: string, now: string): Promise<void> {
    await this.db
      .insertInto('translation_presence')
      .values({ translation_id: translationId, user_id: userId, seen_at: now })
      .onConflict((oc) => oc.columns(['translation_id', 'user_id']).doUpdateSet({ seen_at: now }))
      .execute();
  }

  async prunePresence(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('translation_presence')
      .where('seen_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async presence(translationId: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('translation_presence')
      .select('user_id')
      .where('translation_id', '=', translationId)
      .where('seen_at', '>=', since)
      .execute();
    return rows.map((r) => r.user_id);
  }
}

function toTranslation(r: Selectable<TranslationsTable>): TranslationRecord {
  return {
    id: r.id,
    postId: r.post_id,
    language: r.language,
    slug: r.slug,
    status: translationStatus(r),
    publishedAt: r.published_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const translationStatuses: readonly TranslationRecord['status'][] = ['in_progress', 'published'];

function translationStatus(r: Selectable<TranslationsTable>): TranslationRecord['status'] {
  return storedValue(translationStatuses, r.status, 'translations.status');
}

function toUnit(r: Selectable<PostUnitsTable>): UnitRecord {
  return {
    postId: r.post_id,
    revision: Number(r.revision),
    unitId: r.unit_id,
    position: Number(r.position),
    path: r.path,
    kind: storedValue(unitKinds, r.kind, 'post_units.kind'),
    source: r.source,
    codes: JSON.parse(r.codes) as UnitRecord['codes'],
  };
}

function toTarget(r: Selectable<TargetsTable>): TargetRecord {
  return {
    translationId: r.translation_id,
    unitId: r.unit_id,
    text: r.text,
    state: state(r.state, 'targets.state'),
    previousState: optionalState(r.previous_state, 'targets.previous_state'),
    baseSource: r.base_source,
    baseRevision: r.base_revision === null ? null : Number(r.base_revision),
    version: Number(r.version),
    provenance: provenance(r.provenance, 'targets.provenance'),
    translatedBy: r.translated_by,
    reviewedBy: r.reviewed_by,
    updatedAt: r.updated_at,
    origin: originOf(r),
  };
}

/** The origin columns of a target or candidate row (all null: none). */
export function originColumns(origin: Origin | null | undefined): {
  origin_text: string | null;
  origin_engine: string | null;
  origin_score: number | null;
} {
  return {
    origin_text: origin?.text ?? null,
    origin_engine: origin?.kind === 'machine' ? origin.engine : null,
    origin_score: origin?.kind === 'memory' ? origin.score : null,
  };
}

/** A row's origin: machine when it names an engine, memory when it has text without one. */
export function originOf(r: {
  origin_text: string | null;
  origin_engine: string | null;
  origin_score: number | null;
}): Origin | null {
  if (r.origin_text === null) return null;
  return r.origin_engine !== null
    ? { kind: 'machine', text: r.origin_text, engine: r.origin_engine, score: null }
    : {
        kind: 'memory',
        text: r.origin_text,
        engine: null,
        score: r.origin_score === null ? null : Number(r.origin_score),
      };
}

function toHistory(r: Selectable<TargetHistoryTable>): TargetHistoryRecord {
  return {
    id: r.id,
    translationId: r.translation_id,
    unitId: r.unit_id,
    version: Number(r.version),
    text: r.text,
    state: state(r.state, 'target_history.state'),
    baseRevision: r.base_revision === null ? null : Number(r.base_revision),
    provenance: provenance(r.provenance, 'target_history.provenance'),
    action: r.action,
    comment: r.comment,
    userId: r.user_id,
    createdAt: r.created_at,
    snapshot: changesTarget(r.action)
      ? {
          baseSource: r.base_source,
          previousState: optionalState(r.previous_state, 'target_history.previous_state'),
          translatedBy: r.translated_by,
          reviewedBy: r.reviewed_by,
        }
      : null,
    candidateId: r.candidate_id,
  };
}

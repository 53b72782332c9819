/**
 * Volunteers' texts of site content (0022), and the originals they translate (read from the
 * subjects' own tables). Approval is two conditional updates in the caller's transaction; the
 * partial unique index on approved rows decides a race.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import {
  CONTENT_FIELDS_OF,
  isContentField,
  isContentKind,
  isContentTextStatus,
} from '../../services/ports/content.repository.js';
import type {
  ApprovedContentText,
  ContentField,
  ContentKind,
  ContentRepository,
  ContentSource,
  ContentSubjectRef,
  ContentTextRecord,
} from '../../services/ports/content.repository.js';
import { isUniqueViolation } from '../errors.js';
import type { ContentTranslationsTable, Database } from '../schema.js';

interface SourceRow {
  id: string;
  label: string;
  slug: string;
  termKind: string | null;
  name?: string;
  description?: string;
  bio?: string;
  alt?: string;
}

export class KyselyContentRepository implements ContentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: ContentTextRecord): Promise<void> {
    await this.db
      .insertInto('content_translations')
      .values({
        id: record.id,
        subject_kind: record.subjectKind,
        subject_id: record.subjectId,
        field: record.field,
        language: record.language,
        text: record.text,
        source_text: record.sourceText,
        status: record.status,
        created_by: record.createdBy,
        created_at: record.createdAt,
        reviewed_by: record.reviewedBy,
        reviewed_at: record.reviewedAt,
      })
      .execute();
  }

  async findById(id: string): Promise<ContentTextRecord | null> {
    const row = await this.db
      .selectFrom('content_translations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findApproved(
    kind: ContentKind,
    subjectId: string,
    field: ContentField,
    language: string,
  ): Promise<ContentTextRecord | null> {
    const row = await this.db
      .selectFrom('content_translations')
      .selectAll()
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .where('field', '=', field)
      .where('language', '=', language)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async approvedFor(
    language: string,
    subjects: readonly ContentSubjectRef[],
  ): Promise<ApprovedContentText[]> {
    const ids = [...new Set(subjects.flatMap((s) => ('id' in s ? [s.id] : [])))];
    const terms = subjects.flatMap((s) => ('slug' in s ? [s] : []));
    if (ids.length === 0 && terms.length === 0) return [];
    const rows = await this.db
      .selectFrom('content_translations as ct')
      .leftJoin('taxonomy_terms as tt', (join) =>
        join.onRef('tt.id', '=', 'ct.subject_id').on('ct.subject_kind', '=', 'term'),
      )
      .selectAll('ct')
      .select(['tt.kind as term_kind', 'tt.slug as term_slug'])
      .where('ct.language', '=', language)
      .where('ct.status', '=', 'approved')
      .where((eb) =>
        eb.or([
          ...(ids.length > 0 ? [eb('ct.subject_id', 'in', ids)] : []),
          ...terms.map((t) => eb.and([eb('tt.kind', '=', t.termKind), eb('tt.slug', '=', t.slug)])),
        ]),
      )
      .execute();
    return rows.map((row) => {
      const termKind =
        row.term_kind === 'tag' || row.term_kind === 'category' ? row.term_kind : null;
      return { ...toRecord(row), termKind, termSlug: row.term_slug ?? null };
    });
  }

  async openFor(language: string, subjectIds: readonly string[]): Promise<ContentTextRecord[]> {
    if (subjectIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('content_translations')
      .selectAll()
      .where('language', '=', language)
      .where('status', 'in', ['approved', 'pending'])
      .where('subject_id', 'in', [...subjectIds])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async listPending(language: string): Promise<ContentTextRecord[]> {
    const rows = await this.db
      .selectFrom('content_translations')
      .selectAll()
      .where('language', '=', language)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async countApproved(language: string): Promise<Partial<Record<ContentKind, number>>> {
    const rows = await this.db
      .selectFrom('content_translations')
      .select(['subject_kind', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
      .where('language', '=', language)
      .where('status', '=', 'approved')
      .groupBy('subject_kind')
      .execute();
    const out: Partial<Record<ContentKind, number>> = {};
    for (const row of rows)
      if (isContentKind(row.subject_kind)) out[row.subject_kind] = Number(row.n);
    return out;
  }

  async countPending(language: string): Promise<number> {
    const row = await this.db
      .selectFrom('content_translations')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('language', '=', language)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async approve(id: string, reviewer: { by: string; at: string }): Promise<boolean> {
    const row = await this.db
      .selectFrom('content_translations')
      .select(['subject_kind', 'subject_id', 'field', 'language'])
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!row) return false;
    await this.db
      .updateTable('content_translations')
      .set({ status: 'superseded' })
      .where('subject_kind', '=', row.subject_kind)
      .where('subject_id', '=', row.subject_id)
      .where('field', '=', row.field)
      .where('language', '=', row.language)
      .where('status', '=', 'approved')
      .execute();
    try {
      const result = await this.db
        .updateTable('content_translations')
        .set({ status: 'approved', reviewed_by: reviewer.by, reviewed_at: reviewer.at })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    } catch (error) {
      // Another approval of this field committed first; the caller's transaction rolls back.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async reject(id: string, reviewer: { by: string; at: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('content_translations')
      .set({ status: 'rejected', reviewed_by: reviewer.by, reviewed_at: reviewer.at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async listSources(kind: ContentKind, limit: number, offset: number): Promise<ContentSource[]> {
    const rows = await this.sourceRows(kind, { limit, offset });
    return rows.map((row) => toSource(kind, row));
  }

  async countSources(kind: ContentKind): Promise<{ subjects: number; fields: number }> {
    // Counted by the database: the subjects `sourceRows` lists and their non-empty fields.
    const { table, where } = SOURCE_TABLES[kind];
    const filled = CONTENT_FIELDS_OF[kind]
      .filter((field) => field !== 'caption')
      .map((field) => sql`(CASE WHEN ${sql.ref(field)} <> '' THEN 1 ELSE 0 END)`);
    const { rows } = await sql<{ subjects: number | string | bigint; fields: unknown }>`
      SELECT count(*) AS subjects, coalesce(sum(${sql.join(filled, sql` + `)}), 0) AS fields
      FROM ${sql.table(table)} WHERE ${where}`.execute(this.db);
    const row = rows[0];
    return { subjects: Number(row?.subjects ?? 0), fields: Number(row?.fields ?? 0) };
  }

  async findSource(kind: ContentKind, id: string): Promise<ContentSource | null> {
    const [row] = await this.sourceRows(kind, { id });
    return row ? toSource(kind, row) : null;
  }

  /** One query on the subject's table: its translatable subjects, by label. */
  private async sourceRows(
    kind: ContentKind,
    page: { limit?: number; offset?: number; id?: string },
  ): Promise<SourceRow[]> {
    const limit = page.limit ?? 1_000_000;
    const offset = page.offset ?? 0;
    switch (kind) {
      case 'term': {
        let q = this.db
          .selectFrom('taxonomy_terms')
          .select(['id', 'name as label', 'slug', 'kind as termKind', 'name', 'description']);
        if (page.id !== undefined) q = q.where('id', '=', page.id);
        return q
          .orderBy('kind')
          .orderBy('name')
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute();
      }
      case 'event': {
        let q = this.db
          .selectFrom('events')
          .select(['id', 'name as label', 'slug', 'name', 'description']);
        if (page.id !== undefined) q = q.where('id', '=', page.id);
        const rows = await q.orderBy('name').orderBy('id').limit(limit).offset(offset).execute();
        return rows.map((r) => ({ ...r, termKind: null }));
      }
      case 'organization': {
        let q = this.db
          .selectFrom('organizations')
          .select(['id', 'name as label', 'slug', 'description'])
          .where('description', '<>', '');
        if (page.id !== undefined) q = q.where('id', '=', page.id);
        const rows = await q.orderBy('name').orderBy('id').limit(limit).offset(offset).execute();
        return rows.map((r) => ({ ...r, termKind: null }));
      }
      case 'user': {
        let q = this.db
          .selectFrom('users')
          .select(['id', 'display_name as label', 'username as slug', 'bio'])
          .where('bio', '<>', '');
        if (page.id !== undefined) q = q.where('id', '=', page.id);
        const rows = await q
          .orderBy('display_name')
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute();
        return rows.map((r) => ({ ...r, termKind: null }));
      }
      case 'media': {
        let q = this.db
          .selectFrom('media')
          .select(['id', 'filename as label', 'filename as slug', 'alt'])
          .where('kind', '=', 'image')
          .where('alt', '<>', '');
        if (page.id !== undefined) q = q.where('id', '=', page.id);
        const rows = await q
          .orderBy('filename')
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute();
        return rows.map((r) => ({ ...r, termKind: null }));
      }
    }
  }
}

/** Each kind's subject table and the rows of it that have something to translate. */
const SOURCE_TABLES: Record<ContentKind, { table: string; where: RawBuilder<unknown> }> = {
  term: { table: 'taxonomy_terms', where: sql`1 = 1` },
  event: { table: 'events', where: sql`1 = 1` },
  organization: { table: 'organizations', where: sql`description <> ''` },
  user: { table: 'users', where: sql`bio <> ''` },
  media: { table: 'media', where: sql`kind = 'image' AND alt <> ''` },
};

function toSource(kind: ContentKind, row: SourceRow): ContentSource {
  const fields: ContentSource['fields'] = [];
  for (const field of CONTENT_FIELDS_OF[kind]) {
    const text = field === 'caption' ? undefined : row[field];
    if (text) fields.push({ field, text });
  }
  return {
    kind,
    id: row.id,
    termKind: row.termKind === 'tag' || row.termKind === 'category' ? row.termKind : null,
    label: row.label,
    slug: row.slug,
    fields,
  };
}

function toRecord(row: Selectable<ContentTranslationsTable>): ContentTextRecord {
  if (!isContentTextStatus(row.status))
    throw new Error(`content_translations ${row.id}: unknown status ${row.status}`);
  if (!isContentKind(row.subject_kind))
    throw new Error(`content_translations ${row.id}: unknown kind ${row.subject_kind}`);
  if (!isContentField(row.field))
    throw new Error(`content_translations ${row.id}: unknown field ${row.field}`);
  return {
    id: row.id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    field: row.field,
    language: row.language,
    text: row.text,
    sourceText: row.source_text,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
  };
}

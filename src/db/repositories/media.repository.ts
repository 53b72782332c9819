/** Media items (images with resized variants, documents). */
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { MediaRecord, MediaRepository, MediaUse } from '../../services/repositories.js';
import type { Database, MediaTable } from '../schema.js';
import { storedValue } from './stored-value.js';

/** The two kinds of media (migration 0006 keeps the column to these). */
const mediaKinds = ['image', 'document'] as const satisfies readonly MediaRecord['kind'][];

export class KyselyMediaRepository implements MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(m: MediaRecord): Promise<void> {
    await this.db
      .insertInto('media')
      .values({
        id: m.id,
        kind: m.kind,
        mime: m.mime,
        filename: m.filename,
        size: m.size,
        width: m.width,
        height: m.height,
        storage_key: m.storageKey,
        variants: JSON.stringify(m.variants),
        alt: m.alt,
        uploaded_by: m.uploadedBy,
        created_at: m.createdAt,
      })
      .execute();
  }

  async findById(id: string): Promise<MediaRecord | null> {
    const row = await this.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async listByIds(ids: readonly string[]): Promise<MediaRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
    return rows.map(toMedia);
  }

  async list(limit: number, offset: number): Promise<MediaRecord[]> {
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .orderBy('created_at', 'desc')
      // Files uploaded in the same millisecond (the demo's) in the same order on every engine.
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toMedia);
  }

  async updateAlt(id: string, alt: string): Promise<void> {
    await this.db.updateTable('media').set({ alt }).where('id', '=', id).execute();
  }

  async search(query: { text: string; limit: number; offset: number }): Promise<MediaRecord[]> {
    let q = this.db.selectFrom('media').selectAll();
    const text = query.text.trim().toLowerCase();
    if (text !== '') {
      const pattern = likePattern(text);
      q = q.where((eb) =>
        eb.or(
          (['filename', 'alt'] as const).map(
            (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return rows.map(toMedia);
  }

  async usage(id: string): Promise<MediaUse[]> {
    const rows = await this.db
      .selectFrom('post_revisions')
      .select(['post_id', 'number', 'title', 'featured_media_id', 'body_doc'])
      .where((eb) =>
        eb.or([
          eb('featured_media_id', '=', id),
          sql<boolean>`body_markdown like ${likePattern(id)} escape '\\'`,
        ]),
      )
      .orderBy('post_id')
      .orderBy('number', 'desc')
      .execute();
    return rows.map((r) => ({
      postId: r.post_id,
      revision: Number(r.number),
      title: r.title,
      featured: r.featured_media_id === id,
      bodyDoc: r.body_doc,
    }));
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('media').where('id', '=', id).execute();
  }
}

/** `%text%` with LIKE's wildcards escaped (backslash is the escape character). */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function toMedia(r: Selectable<MediaTable>): MediaRecord {
  const variants: unknown = JSON.parse(r.variants);
  return {
    id: r.id,
    kind: storedValue(mediaKinds, r.kind, 'media.kind'),
    mime: r.mime,
    filename: r.filename,
    size: Number(r.size),
    width: r.width === null ? null : Number(r.width),
    height: r.height === null ? null : Number(r.height),
    storageKey: r.storage_key,
    variants: Array.isArray(variants) ? (variants as MediaRecord['variants']) : [],
    alt: r.alt,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at,
  };
}
